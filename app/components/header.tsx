import Link from "next/link";
import type { CurrentUser } from "@/lib/auth/guard";
import { SignOutButton } from "./sign-out";

export function Header({ user }: { user: CurrentUser }) {
  return (
    <header className="flex items-center justify-between border-b bg-white px-6 py-3">
      <Link href="/" className="font-semibold">
        Photogenic
      </Link>
      <nav className="flex items-center gap-4 text-sm">
        {user.role !== "annotator" && <Link href="/campaigns">Campaigns</Link>}
        {user.role !== "annotator" && <Link href="/prompt-sets">Prompt sets</Link>}
        {user.role !== "annotator" && <Link href="/models">Models</Link>}
        {user.role === "admin" && <Link href="/admin/users">Users</Link>}
        {user.role !== "annotator" && <Link href="/account/password">Password</Link>}
        {user.role !== "annotator" && <Link href="/account/tokens">API tokens</Link>}
        <span className="text-slate-500">
          {user.email} · {user.role}
        </span>
        <SignOutButton />
      </nav>
    </header>
  );
}
