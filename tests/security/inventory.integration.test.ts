import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PERMISSIONS } from "../../lib/auth/permissions";
import { ACTION_GUARD, PAGE_GUARD, pageFiles, ROOT, routeExports, serverActions } from "./inventory";
import { INLINE_ACTION_FILES, PUBLIC_ACTIONS, PUBLIC_GUARDED_ROUTES, PUBLIC_PAGES, PUBLIC_ROUTES } from "./policy";

/**
 * Static half of the probe suite: enumerates every route handler, page and server action from
 * app/ and fails when one is reachable without the one guard (or an allow-listed reason).
 */
const KNOWN = new Set([...Object.keys(PERMISSIONS), "public"]);

describe("every route handler is built with guardedRoute(permission)", () => {
  const routes = routeExports();
  it("finds the routes", () => {
    expect(routes.length).toBeGreaterThan(5);
  });
  for (const route of routes) {
    it(`${route.method} ${route.template}`, () => {
      if (PUBLIC_ROUTES[route.file]) return;
      expect(
        route.permission,
        `${route.file}: export ${route.method} = guardedRoute("<permission>", …)`,
      ).not.toBeNull();
      expect(KNOWN.has(route.permission!), `${route.file}: unknown permission ${route.permission}`).toBe(true);
      if (route.permission === "public") {
        expect(
          PUBLIC_GUARDED_ROUTES[`${route.method} ${route.template}`],
          `${route.method} ${route.template} is public but not in tests/security/policy.ts`,
        ).toBeDefined();
      }
    });
  }
});

describe("every page calls guardPage(permission) or is a listed public page", () => {
  for (const page of pageFiles()) {
    it(page.file, () => {
      const guard = PAGE_GUARD.exec(page.source);
      if (PUBLIC_PAGES[page.file]) return;
      expect(guard, `${page.file} must call guardPage("<permission>") first`).not.toBeNull();
      expect(KNOWN.has(guard![1]), `${page.file}: unknown permission ${guard![1]}`).toBe(true);
    });
  }
  it("the allow-list names only existing pages", () => {
    for (const file of Object.keys(PUBLIC_PAGES)) expect(existsSync(path.join(ROOT, file)), file).toBe(true);
  });
});

describe("every server action calls the guard", () => {
  const { actions, inline } = serverActions();
  it("finds the actions", () => {
    expect(actions.length).toBeGreaterThan(3);
  });
  for (const action of actions) {
    it(`${action.file}#${action.name}`, () => {
      if (PUBLIC_ACTIONS[`${action.file}#${action.name}`]) return;
      expect(ACTION_GUARD.test(action.body), `${action.file}#${action.name} must call guardPage("<permission>")`).toBe(
        true,
      );
    });
  }
  it('inline "use server" functions are only in listed files', () => {
    for (const file of inline)
      expect(
        INLINE_ACTION_FILES[file],
        `${file} has an inline server action; move it to an actions file with guardPage`,
      ).toBeDefined();
  });
  it("the allow-lists name only existing actions", () => {
    for (const key of Object.keys(PUBLIC_ACTIONS))
      expect(
        actions.some((a) => `${a.file}#${a.name}` === key),
        key,
      ).toBe(true);
  });
});
