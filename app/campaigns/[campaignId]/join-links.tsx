import type { CurrentUser } from "@/lib/auth/guard";
import { env, publicUrl } from "@/lib/env";
import { listJoinLinks } from "@/lib/access/join-links";
import { DataTable } from "../../components/data-table";
import { createJoinLinkAction, revokeJoinLinkAction } from "./join-links-actions";
import { CreateJoinLinkForm, RevokeJoinLinkForm } from "./join-links-forms";

const PROLIFIC_SUFFIX = "?PROLIFIC_PID={{%PROLIFIC_PID%}}&STUDY_ID={{%STUDY_ID%}}&SESSION_ID={{%SESSION_ID%}}";

/** The campaign page's join-link section: create, copy (plain and Prolific), revoke. */
export async function JoinLinksSection({ user, campaignId }: { user: CurrentUser; campaignId: string }) {
  const links = await listJoinLinks(user, campaignId);
  // The configured address, never the request's Host or X-Forwarded-Host (a forged header must
  // not put another site's address into links a researcher copies to a crowd platform).
  const origin = publicUrl();
  return (
    <section aria-label="Join links" className="mt-8 space-y-3 rounded bg-white p-4 shadow">
      <h2 className="text-lg font-semibold">Join links</h2>
      <p className="text-sm text-slate-600">
        Annotators enter through a join link. For Prolific, use the Prolific URL (it passes PROLIFIC_PID, STUDY_ID and
        SESSION_ID); for MTurk append
        <code className="mx-1">?workerId=…&amp;assignmentId=…&amp;hitId=…</code>.
      </p>
      <CreateJoinLinkForm
        action={createJoinLinkAction}
        campaignId={campaignId}
        defaultCap={env.JOIN_LINK_DEFAULT_CAP}
      />
      {links.length > 0 && (
        <DataTable
          variant="plain"
          rows={links}
          rowKey={(link) => link.id}
          rowClassName="align-top"
          rowTestId={() => "join-link-row"}
          columns={[
            {
              header: "Link",
              cellClassName: "max-w-md",
              cell: (link) => (
                <>
                  {link.label && <div className="font-medium">{link.label}</div>}
                  <input
                    readOnly
                    value={`${origin}${link.path}`}
                    aria-label="Join URL"
                    data-testid="join-url"
                    className="block w-full rounded border bg-slate-50 px-1 font-mono text-xs"
                  />
                  <input
                    readOnly
                    value={`${origin}${link.path}${PROLIFIC_SUFFIX}`}
                    aria-label="Prolific URL"
                    className="mt-1 block w-full rounded border bg-slate-50 px-1 font-mono text-xs"
                  />
                </>
              ),
            },
            { header: "State", cell: (link) => link.state, testId: "join-link-state" },
            {
              header: "Annotators",
              cell: (link) => (
                <>
                  {link.annotators}
                  {` / ${link.maxAnnotators ?? env.JOIN_LINK_DEFAULT_CAP}`}
                </>
              ),
            },
            {
              header: "Expires",
              cell: (link) => (link.expiresAt ? link.expiresAt.toISOString().slice(0, 16).replace("T", " ") : "never"),
            },
            {
              header: null,
              cell: (link) =>
                link.state !== "revoked" && (
                  <RevokeJoinLinkForm action={revokeJoinLinkAction} campaignId={campaignId} linkId={link.id} />
                ),
            },
          ]}
        />
      )}
    </section>
  );
}
