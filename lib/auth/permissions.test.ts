import { describe, expect, it } from "vitest";
import { isRole, PERMISSIONS, roleMay } from "./permissions";

describe("permission table", () => {
  it("lets annotators vote and nothing researcher-only", () => {
    expect(roleMay("annotator", "vote")).toBe(true);
    expect(roleMay("annotator", "results:read")).toBe(false);
    expect(roleMay("annotator", "images:read-any")).toBe(false);
  });

  it("keeps user management to admins", () => {
    expect(roleMay("admin", "users:manage")).toBe(true);
    expect(roleMay("researcher", "users:manage")).toBe(false);
  });

  it("refuses unknown roles", () => {
    expect(isRole("superuser")).toBe(false);
    expect(isRole("admin")).toBe(true);
    expect(Object.values(PERMISSIONS).every((roles) => roles.every(isRole))).toBe(true);
  });
});
