import { describe, expect, it } from "vitest";
import { routeExports } from "../../tests/security/inventory";
import { PUBLIC_ROUTES } from "../../tests/security/policy";
import { API_OPERATIONS, openApiDocument } from "./openapi";

/** The OpenAPI registry against the route files on disk: no route without its entry, no entry without its route. */
const doc = openApiDocument() as {
  openapi: string;
  paths: Record<string, Record<string, { "x-permission": string; security: unknown[]; requestBody?: unknown }>>;
  components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
};
const toOpenApi = (template: string) => template.replace(/\[(?:\.\.\.)?(\w+)\]/g, "{$1}");
const routes = routeExports().filter((r) => !PUBLIC_ROUTES[r.file]);

describe("/api/openapi.json", () => {
  it("is OpenAPI 3.1", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(routes.length).toBeGreaterThan(10);
  });

  for (const route of routes) {
    it(`documents ${route.method} ${route.template} with its permission`, () => {
      const operation = doc.paths[toOpenApi(route.template)]?.[route.method.toLowerCase()];
      expect(operation, `${route.file}: add ${route.method} to API_OPERATIONS in lib/http/openapi.ts`).toBeDefined();
      expect(operation["x-permission"]).toBe(route.permission);
    });
  }

  it("documents no route that does not exist", () => {
    const existing = new Set(routes.map((r) => `${r.method.toLowerCase()} ${toOpenApi(r.template)}`));
    for (const op of API_OPERATIONS) expect(existing, `${op.method} ${op.path}`).toContain(`${op.method} ${op.path}`);
  });

  it("offers tokens on researcher routes and only the session on annotator routes", () => {
    expect(doc.paths["/api/campaigns"].post.security).toEqual([{ bearerToken: [] }, { sessionCookie: [] }]);
    expect(doc.paths["/api/judgments"].post.security).toEqual([{ sessionCookie: [] }]);
    expect(doc.paths["/api/health"].get.security).toEqual([]);
  });

  it("describes request bodies from the routes' zod schemas", () => {
    const spec = doc.components.schemas.CampaignSpec.properties!;
    for (const field of ["name", "promptSet", "promptSetId", "subset", "models", "criteria", "goldRate", "joinLink"])
      expect(spec, field).toHaveProperty(field);
    expect(doc.paths["/api/campaigns"].post.requestBody).toMatchObject({
      content: { "application/json": { schema: { $ref: "#/components/schemas/CampaignSpec" } } },
    });
  });
});
