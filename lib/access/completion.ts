import "server-only";
import { db } from "../db";
import { nextAssignmentView } from "../annotation/assignment-view";

/**
 * Where a finished annotator is sent: the campaign's completion URL with the completion code
 * appended Prolific-style (`?cc=CODE`), unless the URL already carries it. Only http(s) URLs
 * are followed, so a campaign setting can never become a `javascript:` link.
 */
export function completionRedirect(completionUrl: string | null, completionCode: string | null): string | null {
  if (!completionUrl) return null;
  let url: URL;
  try {
    url = new URL(completionUrl);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  if (completionCode && !url.searchParams.has("cc") && !url.href.includes(completionCode))
    url.searchParams.set("cc", completionCode);
  return url.toString();
}

export type Completion =
  { finished: false } | { finished: true; completionCode: string | null; redirectUrl: string | null };

/**
 * The completion code only for an annotator who has nothing left to judge (checked by the
 * assignment engine, not trusted from the browser); records Participation.completedAt once.
 */
export async function completionFor(campaignId: string, annotatorId: string): Promise<Completion> {
  const next = await nextAssignmentView(campaignId, annotatorId);
  if (next.kind !== "finished") return { finished: false };
  await db.participation.updateMany({
    where: { campaignId, userId: annotatorId, completedAt: null },
    data: { completedAt: new Date() },
  });
  return {
    finished: true,
    completionCode: next.completionCode,
    redirectUrl: completionRedirect(next.completionUrl, next.completionCode),
  };
}
