import { redirect } from "next/navigation";
import { guardPage, orNotFound } from "@/lib/auth/page-guard";
import { completionFor } from "@/lib/access/completion";
import { ThankYou } from "../../../components/thank-you";

export const dynamic = "force-dynamic";

/**
 * The end of a session: the completion code, and the platform's completion URL (Prolific style
 * `?cc=CODE`) as a link plus a meta refresh after a few seconds (no script, so the CSP holds).
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
          <p className="mt-4">
            <a
              href={completion.redirectUrl}
              data-testid="completion-link"
              rel="noreferrer"
              className="text-indigo-700 underline"
            >
              Return to the study platform
            </a>{" "}
            <span className="text-sm text-slate-500">(you will be taken there in a few seconds)</span>
          </p>
        )}
      </ThankYou>
    </main>
  );
}
