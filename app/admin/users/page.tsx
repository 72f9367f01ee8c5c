import Link from "next/link";
import { guardPage } from "@/lib/auth/page-guard";
import { listUsers } from "@/lib/users/manage-users";
import { RowActionForm } from "../../components/action-forms";
import { DataTable } from "../../components/data-table";
import type { RoutePageProps } from "../../components/page-props";
import { PageShell } from "../../components/page-shell";
import { inviteAction, setActiveAction, setRoleAction } from "./actions";
import { InviteForm, RoleForm } from "./user-forms";

export const dynamic = "force-dynamic";

export default async function AdminUsersPage({ searchParams }: Pick<RoutePageProps<never>, "searchParams">) {
  const admin = await guardPage("users:manage");
  const query = await searchParams;
  const role = typeof query.role === "string" && query.role ? query.role : undefined;
  const q = typeof query.q === "string" && query.q ? query.q : undefined;
  const users = await listUsers({ role, q }).catch(() => listUsers({}));
  return (
    <PageShell user={admin} title="Users" className="max-w-5xl space-y-6">
      <InviteForm action={inviteAction} />
      <form className="flex items-end gap-2 text-sm" aria-label="Filter users">
        <input
          name="q"
          defaultValue={q}
          placeholder="e-mail, name, id or crowd id"
          aria-label="Search"
          className="rounded border border-slate-300 px-2 py-1"
        />
        <select
          name="role"
          defaultValue={role ?? ""}
          aria-label="Role filter"
          className="rounded border border-slate-300 px-2 py-1"
        >
          <option value="">all roles</option>
          <option value="admin">admin</option>
          <option value="researcher">researcher</option>
          <option value="annotator">annotator</option>
        </select>
        <button type="submit" className="rounded border px-2 py-1">
          Filter
        </button>
        <Link href="/admin/users" className="text-slate-600 underline">
          clear
        </Link>
      </form>
      <DataTable
        rows={users}
        rowKey={(u) => u.id}
        rowTestId={(u) => `user-${u.id}`}
        columns={[
          {
            header: "User",
            cell: (u) => (
              <>
                <div>{u.email ?? u.name ?? "participant"}</div>
                <div className="font-mono text-xs text-slate-500">
                  {u.id}
                  {u.crowd && ` · ${u.crowd}`}
                </div>
              </>
            ),
          },
          { header: "Status", cell: (u) => (u.active ? (u.invited ? "invited" : "active") : "deactivated") },
          {
            header: "Role",
            cell: (u) => <RoleForm action={setRoleAction} userId={u.id} role={u.role} disabled={u.id === admin.id} />,
          },
          {
            header: "Access",
            cell: (u) => (
              <RowActionForm
                action={setActiveAction}
                hidden={{ userId: u.id, active: u.active ? "false" : "true" }}
                label={u.active ? "Deactivate" : "Reactivate"}
                disabled={u.id === admin.id}
              />
            ),
          },
        ]}
      />
    </PageShell>
  );
}
