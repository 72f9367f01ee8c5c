import Link from "next/link";
import { guardAndLoad } from "@/lib/auth/page-guard";
import { listOwnedCampaigns } from "@/lib/campaigns/owned-campaign";
import { pairsText } from "@/lib/campaigns/count-labels";
import { PageShell } from "../components/page-shell";

export const dynamic = "force-dynamic";

export default async function CampaignsPage() {
  const { user, data: campaigns } = await guardAndLoad("campaign:read", listOwnedCampaigns);
  return (
    <PageShell user={user} className="max-w-4xl">
      <div className="mb-4 flex items-center justify-between">
        <h1 className="text-2xl font-semibold">Campaigns</h1>
        <Link href="/campaigns/new" className="rounded bg-indigo-600 px-3 py-2 text-white">
          New campaign
        </Link>
      </div>
      {campaigns.length === 0 ? (
        <p className="text-slate-600">No campaigns yet.</p>
      ) : (
        <ul className="divide-y rounded bg-white shadow">
          {campaigns.map((c) => (
            <li key={c.id} className="flex justify-between p-4">
              <Link href={`/campaigns/${c.id}`} className="font-medium text-indigo-700">
                {c.name}
              </Link>
              <span className="text-sm text-slate-600">
                {c.status} · <span data-testid="campaign-pairs">{pairsText(c.pairs)}</span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </PageShell>
  );
}
