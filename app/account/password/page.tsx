import { guardPage } from "@/lib/auth/page-guard";
import { Header } from "../../components/header";
import { PasswordForm } from "../password-form";
import { changePasswordAction } from "./actions";

export const dynamic = "force-dynamic";

export default async function ChangePasswordPage() {
  const user = await guardPage("account:password");
  return (
    <>
      <Header user={user} />
      <main className="mx-auto mt-12 max-w-sm rounded-lg bg-white p-8 shadow">
        <h1 className="mb-6 text-2xl font-semibold">Change password</h1>
        <PasswordForm action={changePasswordAction} withCurrent submitLabel="Change password" />
      </main>
    </>
  );
}
