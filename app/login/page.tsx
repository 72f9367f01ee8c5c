import { signInAction } from "./actions";

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const { error } = await searchParams;
  return (
    <main className="mx-auto mt-24 max-w-sm rounded-lg bg-white p-8 shadow">
      <h1 className="text-2xl font-semibold">Photogenic</h1>
      <p className="mb-6 text-sm text-slate-600">Sign in to continue</p>
      {error && (
        <p role="alert" className="mb-4 rounded bg-red-50 p-2 text-sm text-red-700">
          Wrong e-mail or password.
        </p>
      )}
      <form action={signInAction} className="space-y-4">
        <label className="block">
          <span className="text-sm font-medium">E-mail</span>
          <input
            name="email"
            type="email"
            required
            autoComplete="username"
            className="mt-1 w-full rounded border border-slate-300 px-3 py-2"
          />
        </label>
        <label className="block">
          <span className="text-sm font-medium">Password</span>
          <input
            name="password"
            type="password"
            required
            autoComplete="current-password"
            className="mt-1 w-full rounded border border-slate-300 px-3 py-2"
          />
        </label>
        <button
          type="submit"
          className="w-full rounded bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700"
        >
          Sign in
        </button>
      </form>
    </main>
  );
}
