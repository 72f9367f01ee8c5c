import { createHash } from "node:crypto";

/** Content-addressed storage keys: `<sha256 hex>.<png|webp>`; nothing else is ever a valid key. */
const KEY_PATTERN = /^[0-9a-f]{64}\.(png|webp)$/;

export function sha256Hex(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export function isValidKey(key: string): boolean {
  return KEY_PATTERN.test(key);
}
