import "server-only";
import NextAuth, { type DefaultSession } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { PrismaAdapter } from "@auth/prisma-adapter";
import { z } from "zod";
import { db } from "../db";
import { env } from "../env";
import { isRole, type Role } from "./permissions";
import { authorizePassword } from "./sign-in-throttle";
import { clientAddress } from "../http/client-address";
import { redeemJoinTicket } from "../access/join-ticket";

declare module "next-auth" {
  interface Session {
    user: { id: string; role: Role } & DefaultSession["user"];
    /** When the user signed in (ms); the guard compares it with User.sessionsValidAfter. */
    authTime?: number;
  }
  interface User {
    role?: Role;
  }
}

const ticketSchema = z.object({ ticket: z.string().min(1).max(512) });

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(320),
  password: z.string().min(1).max(1024),
});

/**
 * Auth.js v5: Prisma adapter for its tables, credentials sign-in, JWT sessions carrying the
 * user id and role. Two Credentials providers: `credentials` (e-mail + password, researchers and
 * admins) and `join` (a one-time ticket issued by a campaign join link, annotators;
 * lib/access/join-ticket.ts). Cookies: HttpOnly, SameSite=Lax, `__Secure-` + Secure over HTTPS
 * (Auth.js defaults, kept). The role in the token is re-checked against the database on every request
 * by the guard, so a deactivated or re-roled user loses access at once.
 */
export const { handlers, auth, signIn, signOut } = NextAuth({
  adapter: PrismaAdapter(db),
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  secret: env.AUTH_SECRET,
  trustHost: true,
  pages: { signIn: "/login" },
  providers: [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const { email, password } = parsed.data;
        // Throttled per (e-mail, address), address and e-mail, in PostgreSQL; see sign-in-throttle.ts.
        const user = await authorizePassword(email, password, clientAddress(request.headers) ?? "unknown");
        if (!user) return null;
        return { id: user.id, email: user.email, name: user.name, role: user.role };
      },
    }),
    Credentials({
      id: "join",
      name: "Join link",
      credentials: { ticket: { label: "Ticket" } },
      async authorize(raw) {
        const parsed = ticketSchema.safeParse(raw);
        if (!parsed.success) return null;
        return redeemJoinTicket(parsed.data.ticket);
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.role = user.role;
        // The sign-in time survives every sliding re-issue (unlike iat), so "sessions before
        // this instant are over" (User.sessionsValidAfter) can be checked on any token.
        token.authTime = Date.now();
      }
      return token;
    },
    session({ session, token }) {
      session.user.id = token.sub ?? "";
      session.user.role = isRole(token.role) ? token.role : ("none" as Role);
      session.authTime =
        typeof token.authTime === "number" ? token.authTime : typeof token.iat === "number" ? token.iat * 1000 : 0;
      return session;
    },
  },
});
