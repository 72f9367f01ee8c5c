import type { CurrentUser } from "@/lib/auth/guard";
import { listCurationMembers } from "@/lib/curation/experts";
import { RowActionForm } from "../../components/action-forms";
import { DataTable } from "../../components/data-table";
import { setExpertAction } from "./curation-experts-actions";

/**
 * A curation campaign's members with their expert mark (issue 22): stage 1 is served to everyone,
 * the later stage (the survivors) only to the members marked here.
 */
export async function CurationExperts({ user, campaignId }: { user: CurrentUser; campaignId: string }) {
  const members = await listCurationMembers(user, campaignId);
  return (
    <section aria-label="Curation experts" className="mt-8 space-y-3 rounded bg-white p-4 shadow">
      <h2 className="text-lg font-semibold">Experts</h2>
      <p className="text-sm text-slate-600">
        Everyone who joins judges stage 1. Only the members you mark as experts are served stage 2 (the images stage 1
        kept); experts are served stage 2 first, then stage 1.
      </p>
      {members.length === 0 ? (
        <p className="text-sm text-slate-600">Nobody has joined yet: share a join link, then mark the experts here.</p>
      ) : (
        <DataTable
          variant="plain"
          rows={members}
          rowKey={(m) => m.userId}
          rowTestId={() => "curation-member"}
          columns={[
            { header: "Member", cell: (m) => m.label },
            { header: "Pseudonym", cell: (m) => <code>{m.pseudonym}</code> },
            { header: "Votes", cell: (m) => m.votes },
            { header: "Role", cell: (m) => (m.expert ? "expert" : "crowd"), testId: "curation-role" },
            {
              header: null,
              cell: (m) => (
                <RowActionForm
                  action={setExpertAction}
                  hidden={{ campaignId, userId: m.userId, expert: String(!m.expert) }}
                  label={m.expert ? "Unmark expert" : "Mark as expert"}
                />
              ),
            },
          ]}
        />
      )}
    </section>
  );
}
