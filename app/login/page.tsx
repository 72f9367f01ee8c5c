import { Field, INPUT } from "../components/form-parts";
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
        <Field label="E-mail">
          <input name="email" type="email" required autoComplete="username" className={INPUT.wide} />
        </Field>
        <Field label="Password">
          <input name="password" type="password" required autoComplete="current-password" className={INPUT.wide} />
        </Field>
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
