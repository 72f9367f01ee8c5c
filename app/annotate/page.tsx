import Link from "next/link";
import { guardAndLoad } from "@/lib/auth/page-guard";
import { myCampaigns } from "@/lib/annotation/my-campaigns";
import { PageShell } from "../components/page-shell";

export const dynamic = "force-dynamic";

export default async function AnnotateHome() {
  const { user, data: campaigns } = await guardAndLoad("vote", (user) => myCampaigns(user.id));
  return (
    <PageShell user={user} title="Your tasks" className="max-w-2xl space-y-4">
      <ul className="space-y-2">
        {campaigns.map((c, i) => (
          <li key={c.id}>
            <Link href={`/annotate/${c.id}`} className="block rounded bg-white p-4 shadow hover:bg-indigo-50">
              Image comparison task {campaigns.length - i} <span className="text-sm text-slate-500">({c.status})</span>
            </Link>
          </li>
        ))}
      </ul>
    </PageShell>
  );
}
