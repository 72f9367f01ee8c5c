import { NextResponse, type NextRequest } from "next/server";
import { BROWSER_COOKIE, browserCookie, newBrowserSecret, presentedBrowserSecret } from "@/lib/access/browser-cookie";
import { requestIsHttps } from "@/lib/http/request-is-https";

/**
 * Gives a browser its join secret when it first opens a join page, before the join binds a
 * crowd id to it (lib/access/browser-secret.ts). Only on GET: the join action keeps the secret
 * it is sent, or makes one for a client that never opened the page.
 */
export function proxy(request: NextRequest) {
  const response = NextResponse.next();
  if (request.method !== "GET" || presentedBrowserSecret(request.cookies.get(BROWSER_COOKIE)?.value)) return response;
  response.cookies.set(browserCookie(newBrowserSecret(), requestIsHttps(request.headers)));
  return response;
}

export const config = { matcher: "/join/:token" };
