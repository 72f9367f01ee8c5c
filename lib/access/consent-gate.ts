import "server-only";
import { redirect } from "next/navigation";

/** The voting page's gate: no consent recorded yet → the consent / instructions screen first. */
export function requireConsent(participation: { campaignId: string; consentedAt: Date | null }): void {
  if (!participation.consentedAt) redirect(`/join/consent/${encodeURIComponent(participation.campaignId)}`);
}
