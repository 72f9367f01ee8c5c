export default function NotFound() {
  return (
    <main className="mx-auto max-w-md p-8">
      <h1 className="text-xl font-semibold">Not found</h1>
      <p className="mt-2 text-slate-600">There is nothing here, or it is not yours to see.</p>
    </main>
  );
}
