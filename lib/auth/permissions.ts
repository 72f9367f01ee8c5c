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
  // Personal API tokens (app/account/tokens): for people who run evaluations from scripts.
  "account:tokens": ["admin", "researcher"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/**
 * What a personal API token may do, by scope, on top of its user's role: a `read` token only
 * reads, a `write` token does what its user may do in the researcher API. Voting, the account
 * (password, tokens) and user management are never done with a token (a leaked token must not
 * mint tokens, change a password or vote): the guard refuses those permissions to any token.
 */
export const TOKEN_SCOPES = ["read", "write"] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

const READ_PERMISSIONS = ["campaign:read", "results:read", "prompts:read", "models:read", "images:read-any"] as const;
export const TOKEN_PERMISSIONS = {
  read: READ_PERMISSIONS,
  write: [...READ_PERMISSIONS, "campaign:write", "prompts:write", "models:write"],
} as const satisfies Record<TokenScope, readonly Permission[]>;

export function tokenMay(scope: TokenScope, permission: Permission): boolean {
  return (TOKEN_PERMISSIONS[scope] as readonly Permission[]).includes(permission);
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export function roleMay(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
