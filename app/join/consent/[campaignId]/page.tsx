import { redirect } from "next/navigation";
import { guardPage, orNotFound } from "@/lib/auth/page-guard";
import { consentScreen } from "@/lib/access/consent";
import { MarkdownView } from "../../../components/markdown-view";
import { consentAction } from "./actions";

export const dynamic = "force-dynamic";

/** Consent and instructions, before the first vote (the voting page sends annotators here until they agree). */
export default async function ConsentPage({ params }: { params: Promise<{ campaignId: string }> }) {
  const user = await guardPage("vote");
  const { campaignId } = await params;
  const screen = await orNotFound(() => consentScreen(campaignId, user.id));
  if (screen.consentedAt) redirect(`/annotate/${campaignId}`);
  return (
    <main className="mx-auto mt-12 max-w-2xl rounded-lg bg-white p-8 shadow">
      <h1 className="text-2xl font-semibold">Before you start</h1>
      <section aria-label="Instructions" className="mt-4 space-y-3 text-slate-700">
        <p>
          You will see two images side by side and answer one or two questions about them: which is more appealing, and
          which better matches a short text.
        </p>
        <p>
          Look at both images before answering. Some pairs are checks with an obvious answer. You can use the keys 1–4
          instead of clicking.
        </p>
        {screen.instructions && (
          <div data-testid="campaign-instructions">
            {/* The renderer the wizard previews with and the voting page shows: text nodes only, never raw HTML. */}
            <MarkdownView source={screen.instructions} className="rounded bg-slate-50 p-3" />
          </div>
        )}
      </section>
      <section aria-label="Consent" className="mt-6 space-y-2 text-sm text-slate-600">
        <p>
          Your answers are recorded with an anonymous participant id and, if you came from a crowd platform, the ids it
          passed in the link (so that you can be paid). No other personal data is collected.
        </p>
        <p>Taking part is voluntary; you can stop at any time by closing the page.</p>
      </section>
      <form action={consentAction} className="mt-6 space-y-4">
        <input type="hidden" name="campaignId" value={campaignId} />
        <label className="flex items-start gap-2">
          <input type="checkbox" name="agree" value="yes" required className="mt-1" />
          <span>I have read the instructions and agree to take part.</span>
        </label>
        <button
          type="submit"
          className="w-full rounded bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700"
        >
          I agree — start
        </button>
      </form>
    </main>
  );
}
