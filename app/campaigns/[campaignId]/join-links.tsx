import type { CurrentUser } from "@/lib/auth/guard";
import { env, publicUrl } from "@/lib/env";
import { listJoinLinks } from "@/lib/access/join-links";
import { RowActionForm } from "../../components/action-forms";
import { CopyButton } from "../../components/copy-button";
import { DataTable } from "../../components/data-table";
import { createJoinLinkAction, revokeJoinLinkAction } from "./join-links-actions";
import { CreateJoinLinkForm } from "./join-links-forms";

const PROLIFIC_SUFFIX = "?PROLIFIC_PID={{%PROLIFIC_PID%}}&STUDY_ID={{%STUDY_ID%}}&SESSION_ID={{%SESSION_ID%}}";

/** One of a link's URLs: what it is for, the whole URL (wrapped, never cut, selectable) and a copy button. */
function LinkUrl({ title, help, url, testId }: { title: string; help: string; url: string; testId: string }) {
  return (
    <div className="mt-2">
      <div className="flex items-center justify-between gap-2 text-xs">
        <span>
          <span className="font-medium">{title}</span> <span className="text-slate-500">— {help}</span>
        </span>
        <CopyButton text={url} what={title.toLowerCase()} />
      </div>
      <code
        aria-label={title}
        data-testid={testId}
        className="mt-1 block select-all rounded border bg-slate-50 px-1 py-0.5 font-mono text-xs break-all"
      >
        {url}
      </code>
    </div>
  );
}

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
              cellClassName: "w-3/5",
              cell: (link) => (
                <>
                  <div className="font-medium" data-testid="join-link-label">
                    {link.label || "Unlabelled link"}
                  </div>
                  <LinkUrl
                    title="Plain link"
                    help="for invited annotators or MTurk (append the worker parameters)"
                    url={`${origin}${link.path}`}
                    testId="join-url"
                  />
                  <LinkUrl
                    title="Prolific link"
                    help="paste as the study URL: Prolific fills in PROLIFIC_PID, STUDY_ID and SESSION_ID"
                    url={`${origin}${link.path}${PROLIFIC_SUFFIX}`}
                    testId="prolific-url"
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
                  <RowActionForm
                    action={revokeJoinLinkAction}
                    hidden={{ campaignId, linkId: link.id }}
                    label="Revoke"
                    destructive
                  />
                ),
            },
          ]}
        />
      )}
    </section>
  );
}
