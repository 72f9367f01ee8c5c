"use server";
import { CredentialsSignin } from "next-auth";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { signIn } from "@/lib/auth/auth";
import { currentUser } from "@/lib/auth/guard";
import { AppError } from "@/lib/errors";
import { BROWSER_COOKIE, browserCookie } from "@/lib/access/browser-secret";
import { pickCrowdParams } from "@/lib/access/crowd-params";
import { joinCampaign } from "@/lib/access/join";
import { issueJoinTicket } from "@/lib/access/join-ticket";
import { clientAddress, requestIsHttps } from "@/lib/http/client-address";

// PUBLIC by nature: the signed join token is the credential (lib/access/join-links.ts).
// Next's server-action Origin check protects it from cross-site posts.
export async function enterAction(formData: FormData): Promise<void> {
  const token = String(formData.get("token") ?? "");
  const crowd = pickCrowdParams(Object.fromEntries([...formData.entries()].map(([k, v]) => [k, String(v)])));
  const back = (error: string) => `/join/${encodeURIComponent(token)}?${new URLSearchParams({ ...crowd, error })}`;
  const [jar, request] = [await cookies(), await headers()];
  let joined;
  try {
    joined = await joinCampaign(
      { token, crowd },
      await currentUser(),
      clientAddress(request),
      jar.get(BROWSER_COOKIE)?.value ?? null,
    );
  } catch (error) {
    if (error instanceof AppError) {
      const other = error.issues.some((i) => i.field === "browser");
      redirect(back(other ? "other_browser" : error.code.toLowerCase()));
    }
    throw error;
  }
  // The crowd identity is bound to this browser from now on (lib/access/browser-secret.ts).
  jar.set(browserCookie(joined.browserSecret, requestIsHttps(request)));
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
