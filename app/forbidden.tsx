export default function Forbidden() {
  return (
    <main className="mx-auto max-w-md p-8">
      <h1 className="text-xl font-semibold">Not allowed</h1>
      <p className="mt-2 text-slate-600">Your role may not open this page.</p>
    </main>
  );
}
