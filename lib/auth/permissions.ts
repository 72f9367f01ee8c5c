/**
 * The one permission table: which roles may perform each action. Every page, route handler and
 * server action names one of these actions through the guard (lib/auth/guard.ts).
 * Ownership (a researcher's own campaigns) is checked by the use case on top of this.
 */
export const ROLES = ["admin", "researcher", "annotator"] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = {
  "campaign:read": ["admin", "researcher"],
  "campaign:write": ["admin", "researcher"],
  "results:read": ["admin", "researcher"],
  "prompts:read": ["admin", "researcher"],
  "prompts:write": ["admin", "researcher"],
  "models:read": ["admin", "researcher"],
  "models:write": ["admin", "researcher"],
  "images:read-any": ["admin", "researcher"],
  vote: ["annotator"],
  "users:manage": ["admin"],
  "account:self": ["admin", "researcher", "annotator"],
  // Annotators have no password (they enter by join link).
  "account:password": ["admin", "researcher"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export function roleMay(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
