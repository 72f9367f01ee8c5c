import Link from "next/link";
import { guardPage } from "@/lib/auth/page-guard";
import { myCampaigns } from "@/lib/annotation/my-campaigns";
import { Header } from "../components/header";

export const dynamic = "force-dynamic";

export default async function AnnotateHome() {
  const user = await guardPage("vote");
  const campaigns = await myCampaigns(user.id);
  return (
    <>
      <Header user={user} />
      <main className="mx-auto max-w-2xl p-6">
        <h1 className="mb-4 text-2xl font-semibold">Your tasks</h1>
        <ul className="space-y-2">
          {campaigns.map((c, i) => (
            <li key={c.id}>
              <Link href={`/annotate/${c.id}`} className="block rounded bg-white p-4 shadow hover:bg-indigo-50">
                Image comparison task {campaigns.length - i}{" "}
                <span className="text-sm text-slate-500">({c.status})</span>
              </Link>
            </li>
          ))}
        </ul>
      </main>
    </>
  );
}
