import "server-only";
import { db } from "../db";
import { nonce, readSignedToken, sha256, signedToken } from "./signing";

/**
 * The short-lived, one-time ticket that turns a join into an Auth.js session: the join action
 * issues it, the `join` Credentials provider (lib/auth/auth.ts) redeems it. Signed (so it
 * cannot be forged), stored hashed in VerificationToken (so it works once), expires in 2 minutes.
 */
const TICKET_TTL_MS = 2 * 60 * 1000;
const identifierOf = (userId: string) => `join-ticket:${userId}`;

export async function issueJoinTicket(userId: string): Promise<string> {
  const secret = nonce();
  await db.verificationToken.create({
    data: { identifier: identifierOf(userId), token: sha256(secret), expires: new Date(Date.now() + TICKET_TTL_MS) },
  });
  return signedToken("join-ticket", [userId, secret]);
}

/** The annotator the ticket was issued to, once; null when forged, used, expired or the user is inactive. */
export async function redeemJoinTicket(
  ticket: string,
): Promise<{ id: string; name: string | null; email: string | null; role: "annotator" } | null> {
  const parts = readSignedToken("join-ticket", ticket, 2);
  if (!parts) return null;
  const [userId, secret] = parts;
  const { count } = await db.verificationToken.deleteMany({
    where: { identifier: identifierOf(userId), token: sha256(secret), expires: { gt: new Date() } },
  });
  if (count !== 1) return null;
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, name: true, email: true, role: true, active: true },
  });
  if (!user || !user.active || user.role !== "annotator") return null;
  return { id: user.id, name: user.name, email: user.email, role: "annotator" };
}
