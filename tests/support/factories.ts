import { randomBytes } from "node:crypto";
import { db, type Role } from "../../lib/db";
import { hashPassword } from "../../lib/auth/password";

/**
 * Seed factories for integration tests: each call makes fresh, uniquely named rows, so tests in
 * one database never collide. Prefer these to hand-copied fixtures.
 */
export const uid = (prefix = "") => `${prefix}${randomBytes(5).toString("hex")}`;

export async function makeUser(role: Role = "researcher", password?: string) {
  return db.user.create({
    data: { email: `${uid(role)}@test.local`, name: uid("User "), role, passwordHash: password ? await hashPassword(password) : null },
  });
}

export async function makePromptSet(count: number, options: { categories?: string[]; ownerId?: string } = {}) {
  const categories = options.categories ?? ["Animals", "Artifacts", "People"];
  return db.promptSet.create({
    data: {
      name: uid("set-"),
      format: "builtin",
      promptCount: count,
      createdById: options.ownerId,
      prompts: {
        create: Array.from({ length: count }, (_, i) => ({
          externalId: `p${i}`,
          text: `test prompt number ${i}: a ${["red", "green", "blue"][i % 3]} object`,
          category: categories[i % categories.length],
          challenge: i % 2 ? "Basic" : "Complex",
          position: i,
        })),
      },
    },
    include: { prompts: { orderBy: { position: "asc" } } },
  });
}

export async function makeDemoModel(variant: "demo-smooth" | "demo-noisy" = "demo-smooth") {
  return db.model.create({ data: { name: uid(`${variant}-`), adapterKind: "onnx_demo", config: { variant }, defaultParams: { width: 64, height: 64 } } });
}
