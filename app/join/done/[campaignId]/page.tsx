import { redirect } from "next/navigation";
import { guardPage, orNotFound } from "@/lib/auth/page-guard";
import { completionFor } from "@/lib/access/completion";
import { ThankYou } from "../../../components/thank-you";

export const dynamic = "force-dynamic";

/**
 * The end of a session: the completion code with a copy button, and the platform's completion URL
 * (Prolific style `?cc=CODE`) as a button plus a meta refresh after a few seconds (the redirect
 * needs no script).
 * Shown only when the assignment engine says nothing is left for this annotator.
 */
export default async function DonePage({ params }: { params: Promise<{ campaignId: string }> }) {
  const user = await guardPage("vote");
  const { campaignId } = await params;
  const completion = await orNotFound(() => completionFor(campaignId, user.id));
  if (!completion.finished) redirect(`/annotate/${campaignId}`);
  return (
    <main className="mx-auto mt-16 max-w-md rounded-lg bg-white p-8 text-center shadow">
      {completion.redirectUrl && <meta httpEquiv="refresh" content={`5;url=${completion.redirectUrl}`} />}
      <ThankYou heading="h1" completionCode={completion.completionCode}>
        {completion.redirectUrl && (
          <div className="mt-6 space-y-2">
            <a
              href={completion.redirectUrl}
              data-testid="completion-link"
              rel="noreferrer"
              className="inline-block rounded bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700"
            >
              Return to the study platform
            </a>
            <p className="text-sm text-slate-500">
              You will be taken there in a few seconds; the code goes with you. Copy it first if you want a record.
            </p>
          </div>
        )}
      </ThankYou>
    </main>
  );
}
