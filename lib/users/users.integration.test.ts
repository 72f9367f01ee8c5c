import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "../db";
import { verifyPassword, hashPassword } from "../auth/password";
import type { CurrentUser } from "../auth/guard";
import { acceptInvite, findInvite, inviteUser } from "./invite";
import { changeOwnPassword } from "./change-password";
import { listUsers, setUserActive, setUserRole } from "./manage-users";
import { refusal } from "../../tests/support/refusal";

let admin: CurrentUser;

beforeAll(async () => {
  const row = await db.user.create({
    data: { email: "root@example.org", role: "admin", passwordHash: await hashPassword("admin-password-1") },
  });
  admin = { id: row.id, email: row.email, name: null, role: "admin" };
});
afterAll(async () => {
  await disconnectDb();
});

describe("invitations", () => {
  it("a one-time link sets the invitee's password; a second use, a forged or a replaced link is refused", async () => {
    const first = await inviteUser(admin, { email: " New.Researcher@Example.org ", role: "researcher" });
    const second = await inviteUser(admin, { email: "new.researcher@example.org" });
    const token = (path: string) => path.replace("/account/setup/", "");
    expect(await findInvite(token(first.path))).toBeNull(); // replaced by the second invitation
    expect(await findInvite(token(second.path))).toMatchObject({ email: "new.researcher@example.org" });
    expect(
      (await refusal(acceptInvite({ token: token(second.path), password: "short", confirm: "short" }))).issues[0].field,
    ).toBe("password");
    expect(
      (await refusal(acceptInvite({ token: token(second.path), password: "long-enough-pw", confirm: "other-pw-123" })))
        .issues[0].field,
    ).toBe("confirm");
    await acceptInvite({ token: token(second.path), password: "long-enough-pw", confirm: "long-enough-pw" });
    const user = await db.user.findUniqueOrThrow({ where: { email: "new.researcher@example.org" } });
    expect(user.role).toBe("researcher");
    expect(await verifyPassword("long-enough-pw", user.passwordHash)).toBe(true);
    expect(
      (
        await refusal(
          acceptInvite({ token: token(second.path), password: "another-pass-1", confirm: "another-pass-1" }),
        )
      ).code,
    ).toBe("GONE");
    expect(
      (
        await refusal(
          acceptInvite({
            token: `${user.id}.x.${"A".repeat(43)}`,
            password: "another-pass-1",
            confirm: "another-pass-1",
          }),
        )
      ).code,
    ).toBe("NOT_FOUND");
    expect((await refusal(inviteUser(admin, { email: "new.researcher@example.org" }))).code).toBe("CONFLICT");
    expect((await refusal(inviteUser(admin, { email: "x@example.org", role: "annotator" }))).issues[0].field).toBe(
      "role",
    );
  });
});

describe("own password", () => {
  it("requires the current password and a new one of 10+ characters", async () => {
    expect(
      (
        await refusal(
          changeOwnPassword(admin, { current: "wrong", password: "new-password-1", confirm: "new-password-1" }),
        )
      ).issues[0].field,
    ).toBe("current");
    expect(
      (await refusal(changeOwnPassword(admin, { current: "admin-password-1", password: "short", confirm: "short" })))
        .issues[0].field,
    ).toBe("password");
    await changeOwnPassword(admin, {
      current: "admin-password-1",
      password: "new-password-1",
      confirm: "new-password-1",
    });
    const row = await db.user.findUniqueOrThrow({ where: { id: admin.id } });
    expect(await verifyPassword("new-password-1", row.passwordHash)).toBe(true);
  });
});

describe("roles and deactivation", () => {
  it("admins change roles and (de)activate others, never themselves; unknown roles are refused", async () => {
    const other = await db.user.create({ data: { email: "r2@example.org", role: "researcher" } });
    await setUserRole(admin, { userId: other.id, role: "admin" });
    expect((await db.user.findUniqueOrThrow({ where: { id: other.id } })).role).toBe("admin");
    expect((await refusal(setUserRole(admin, { userId: other.id, role: "superuser" }))).issues[0].field).toBe("role");
    expect((await refusal(setUserRole(admin, { userId: admin.id, role: "annotator" }))).code).toBe("CONFLICT");
    expect((await refusal(setUserActive(admin, { userId: admin.id, active: false }))).code).toBe("CONFLICT");
    expect((await refusal(setUserRole(admin, { userId: "nobody", role: "admin" }))).code).toBe("NOT_FOUND");
    await setUserActive(admin, { userId: other.id, active: false });
    expect((await db.user.findUniqueOrThrow({ where: { id: other.id } })).active).toBe(false);
    const listed = await listUsers({ q: "r2@" });
    expect(listed).toHaveLength(1);
    expect(listed[0]).not.toHaveProperty("passwordHash");
    expect((await refusal(listUsers({ role: "root" }))).issues[0].field).toBe("role");
  });
});
