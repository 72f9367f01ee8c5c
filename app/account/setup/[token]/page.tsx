import { findInvite } from "@/lib/users/invite";
import { PasswordForm } from "../../password-form";
import { acceptInviteAction } from "./actions";

export const dynamic = "force-dynamic";

// PUBLIC: an invitee sets their password with the one-time link an admin gave them.
export default async function AcceptInvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invite = await findInvite(token);
  return (
    <main className="mx-auto mt-16 max-w-sm rounded-lg bg-white p-8 shadow">
      <h1 className="text-2xl font-semibold">Set your password</h1>
      {invite ? (
        <>
          <p className="mb-6 mt-1 text-sm text-slate-600">for {invite.email}</p>
          <PasswordForm action={acceptInviteAction} withCurrent={false} hidden={{ token }} submitLabel="Set password" />
        </>
      ) : (
        <p role="alert" className="mt-4 rounded bg-red-50 p-3 text-red-700">
          This invitation link is not valid, was already used or has expired. Ask an administrator for a new one.
        </p>
      )}
    </main>
  );
}
