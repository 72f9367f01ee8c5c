import "server-only";
import { requirePermission, type CurrentUser } from "../auth/guard";
import type { Permission } from "../auth/permissions";
import { API_CACHE_CONTROL, problemResponse } from "./problem";

type Params = Record<string, string | string[]>;
type Context = { params: Promise<Params> };

/**
 * Every route handler is declared through this: authorize (the one guard) → handler → response,
 * with any error mapped to problem+json. `public` routes skip the guard explicitly.
 */
export function guardedRoute(
  permission: Permission | "public",
  handler: (args: { request: Request; user: CurrentUser | null; params: Params }) => Promise<Response>,
) {
  return async (request: Request, context: Context): Promise<Response> => {
    try {
      const user = permission === "public" ? null : await requirePermission(permission);
      const params = (await context?.params) ?? {};
      return await handler({ request, user, params });
    } catch (error) {
      return problemResponse(error);
    }
  };
}

export function json(body: unknown, init: ResponseInit = {}): Response {
  return new Response(JSON.stringify(body), {
    ...init,
    headers: { "content-type": "application/json", "cache-control": API_CACHE_CONTROL, ...(init.headers ?? {}) },
  });
}
