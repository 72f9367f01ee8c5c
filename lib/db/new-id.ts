import { randomBytes } from "node:crypto";

/**
 * A collision-resistant id shaped like Prisma's cuid() (lower-case, starts with "c", 25
 * characters), for rows written by raw SQL, where Prisma's client-side default does not run.
 */
export function newId(): string {
  const time = Date.now().toString(36).padStart(9, "0");
  const random = BigInt(`0x${randomBytes(10).toString("hex")}`)
    .toString(36)
    .padStart(16, "0")
    .slice(-15);
  return `c${time}${random}`;
}
