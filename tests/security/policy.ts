/**
 * The only places that may skip the guard, each with the reason. Anything else without a guard
 * fails tests/security/inventory.integration.test.ts.
 */
export const PUBLIC_ROUTES: Record<string, string> = {
  "app/api/auth/[...nextauth]/route.ts":
    "Auth.js's own endpoints (sign-in, CSRF token, session); Auth.js enforces its double-submit CSRF token",
};

/** Routes built with guardedRoute("public"). */
export const PUBLIC_GUARDED_ROUTES: Record<string, string> = {
  "GET /api/health": "liveness probe for load balancers; answers only ok / database reachable",
  "GET /api/openapi.json": "the API's description, generated from the routes' schemas; names no data",
};

export const PUBLIC_PAGES: Record<string, string> = {
  "app/login/page.tsx": "the sign-in form",
  "app/page.tsx": "redirects by role (reads currentUser, shows nothing)",
  "app/join/[token]/page.tsx": "join-link landing: the signed token is the credential; writes nothing",
  "app/account/setup/[token]/page.tsx":
    "set-password page of a one-time invitation: the signed token is the credential",
};

export const PUBLIC_ACTIONS: Record<string, string> = {
  "app/login/actions.ts#signInAction": "the sign-in itself (Auth.js checks the password, throttled per e-mail)",
  "app/join/[token]/actions.ts#enterAction": "join-link entry: the signed, revocable link is the credential",
  "app/account/setup/[token]/actions.ts#acceptInviteAction": "one-time invitation: the signed token is the credential",
};

export const INLINE_ACTION_FILES: Record<string, string> = {
  "app/components/sign-out.tsx": "signs the caller out; needs no authority",
};
