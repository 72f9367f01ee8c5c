"use server";
import { CredentialsSignin } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { signIn } from "@/lib/auth/auth";
import { currentUser } from "@/lib/auth/guard";
import { AppError } from "@/lib/errors";
import { pickCrowdParams } from "@/lib/access/crowd-params";
import { clientAddress } from "@/lib/access/address-hash";
import { joinCampaign } from "@/lib/access/join";
import { issueJoinTicket } from "@/lib/access/join-ticket";

// PUBLIC by nature: the signed join token is the credential (lib/access/join-links.ts).
// Next's server-action Origin check protects it from cross-site posts.
export async function enterAction(formData: FormData): Promise<void> {
  const token = String(formData.get("token") ?? "");
  const crowd = pickCrowdParams(Object.fromEntries([...formData.entries()].map(([k, v]) => [k, String(v)])));
  const back = (error: string) => `/join/${encodeURIComponent(token)}?${new URLSearchParams({ ...crowd, error })}`;
  let joined;
  try {
    joined = await joinCampaign({ token, crowd }, await currentUser(), clientAddress(await headers()));
  } catch (error) {
    if (error instanceof AppError) redirect(back(error.code.toLowerCase()));
    throw error;
  }
  const ticket = await issueJoinTicket(joined.userId);
  const target = joined.consented ? `/annotate/${joined.campaignId}` : `/join/consent/${joined.campaignId}`;
  try {
    await signIn("join", { ticket, redirectTo: target });
  } catch (error) {
    // A refused ticket is the annotator's to see; anything else (the database restarting while
    // the ticket was redeemed) is a server error the browser may retry, not a failed sign-in.
    if (error instanceof CredentialsSignin) redirect(back("signin"));
    throw error;
  }
}
