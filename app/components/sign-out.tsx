import { signOut } from "@/lib/auth/auth";

export function SignOutButton() {
  return (
    <form
      action={async () => {
        "use server";
        await signOut({ redirectTo: "/login" });
      }}
    >
      <button type="submit" className="text-sm text-slate-600 underline">
        Sign out
      </button>
    </form>
  );
}
