import { guardedRoute, json } from "@/lib/http/route";
import { openApiDocument } from "@/lib/http/openapi";

export const dynamic = "force-dynamic";

/** The API's OpenAPI 3.1 description, generated from the routes' zod schemas (lib/http/openapi.ts). */
export const GET = guardedRoute("public", async () => json(openApiDocument()));
