import { guardPage } from "@/lib/auth/page-guard";
import { Header } from "../../components/header";
import { PasswordForm } from "../password-form";
import { changePasswordAction, signOutEverywhereAction } from "./actions";

export const dynamic = "force-dynamic";

export default async function ChangePasswordPage() {
  const user = await guardPage("account:password");
  return (
    <>
      <Header user={user} />
      <main className="mx-auto mt-12 max-w-sm rounded-lg bg-white p-8 shadow">
        <h1 className="mb-6 text-2xl font-semibold">Change password</h1>
        <PasswordForm action={changePasswordAction} withCurrent submitLabel="Change password" />
        <section aria-label="Sessions" className="mt-8 border-t pt-6">
          <h2 className="text-lg font-semibold">Sessions</h2>
          <p className="mt-1 text-sm text-slate-600">
            Signs you out on every browser and device, this one included (for instance after using a shared computer).
          </p>
          <form action={signOutEverywhereAction} className="mt-3">
            <button type="submit" className="rounded border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50">
              Sign out everywhere
            </button>
          </form>
        </section>
      </main>
    </>
  );
}
