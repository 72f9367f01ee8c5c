import "server-only";
import { requirePermission, type CurrentUser } from "../auth/guard";
import type { Permission } from "../auth/permissions";
import { API_CACHE_CONTROL, problemResponse } from "./problem";
import { assertSameOrigin } from "./same-origin";

type Params = Record<string, string | string[]>;
type Context = { params: Promise<Params> };
export type Handler<User> = (args: { request: Request; user: User; params: Params }) => Promise<Response>;
type RouteHandler = (request: Request, context: Context) => Promise<Response>;

/**
 * Every route handler is declared through this: refuse cross-site writes (lib/http/same-origin.ts)
 * → authorize (the one guard) → handler → response, with any error mapped to problem+json. A
 * guarded handler receives the signed-in user; a `public` one skips the guard explicitly and
 * receives `user: null`.
 */
export function guardedRoute(permission: "public", handler: Handler<null>): RouteHandler;
export function guardedRoute(permission: Permission, handler: Handler<CurrentUser>): RouteHandler;
export function guardedRoute(
  permission: Permission | "public",
  handler: Handler<CurrentUser> | Handler<null>,
): RouteHandler {
  return async (request, context) => {
    try {
      assertSameOrigin(request);
      const user = permission === "public" ? null : await requirePermission(permission);
      const params = (await context?.params) ?? {};
      // The overloads pair "public" with a handler of null and a permission with one of CurrentUser.
      return await (handler as Handler<CurrentUser | null>)({ request, user, params });
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

/** A CSV file to download as `fileName`, never cached (exports of answers and decisions). */
export function csvDownload(body: BodyInit, fileName: string): Response {
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${fileName}"`,
      "cache-control": "no-store",
    },
  });
}

/** An image an annotator's page shows (WebP, by assignment): inline, cached by their browser alone for an hour. */
export function annotationImage(bytes: Uint8Array): Response {
  return new Response(new Uint8Array(bytes), {
    headers: {
      "content-type": "image/webp",
      "cache-control": "private, max-age=3600",
      "content-disposition": "inline; filename=image.webp",
    },
  });
}
