import { guardAndLoad } from "@/lib/auth/page-guard";
import { listApiTokens } from "@/lib/api-tokens/api-tokens";
import { RowActionForm } from "../../components/action-forms";
import { Header } from "../../components/header";
import { createApiTokenAction, revokeApiTokenAction } from "./actions";
import { CreateApiTokenForm } from "./token-forms";

export const dynamic = "force-dynamic";

const when = (date: Date | null, none: string) => (date ? date.toISOString().slice(0, 16).replace("T", " ") : none);

export default async function ApiTokensPage() {
  const { user, data: tokens } = await guardAndLoad("account:tokens", listApiTokens);
  return (
    <>
      <Header user={user} />
      <main className="mx-auto max-w-4xl space-y-6 p-6">
        <h1 className="text-2xl font-semibold">API tokens</h1>
        <p className="text-sm text-slate-600">
          A token lets a script or notebook call the API as you: send <code>Authorization: Bearer &lt;token&gt;</code>.
          A read token only reads; a write token may also create, launch and edit campaigns. Tokens never vote, change a
          password or make tokens. See <code>docs/API.md</code> and <code>/api/openapi.json</code>.
        </p>
        <section className="rounded bg-white p-4 shadow">
          <CreateApiTokenForm action={createApiTokenAction} />
        </section>
        {tokens.length > 0 && (
          <table className="w-full rounded bg-white text-left text-sm shadow">
            <thead>
              <tr className="border-b text-slate-500">
                <th className="p-2">Name</th>
                <th className="p-2">Token</th>
                <th className="p-2">Scope</th>
                <th className="p-2">State</th>
                <th className="p-2">Last used</th>
                <th className="p-2">Expires</th>
                <th className="p-2" />
              </tr>
            </thead>
            <tbody>
              {tokens.map((token) => (
                <tr key={token.id} className="border-b last:border-0" data-testid="api-token-row">
                  <td className="p-2">{token.name || "—"}</td>
                  <td className="p-2 font-mono">{token.prefix}…</td>
                  <td className="p-2">{token.scope}</td>
                  <td className="p-2">{token.state}</td>
                  <td className="p-2">{when(token.lastUsedAt, "never")}</td>
                  <td className="p-2">{when(token.expiresAt, "never")}</td>
                  <td className="p-2">
                    {token.state === "active" && (
                      <RowActionForm
                        action={revokeApiTokenAction}
                        hidden={{ tokenId: token.id }}
                        label="Revoke"
                        destructive
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </main>
    </>
  );
}
