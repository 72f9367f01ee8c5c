import { parseArgs, type ParseArgsConfig } from "node:util";

/**
 * A bench's flags, read the same way by every bench: node's parseArgs, strict (an unknown flag or
 * a missing value stops the bench with parseArgs' message). Numbers stay strings until number().
 */
export function benchArgs<const T extends NonNullable<ParseArgsConfig["options"]>>(options: T) {
  return parseArgs({ options, strict: true, allowPositionals: false }).values;
}

/** A numeric flag's value; anything but a finite number stops the bench, naming the flag. */
export function number(raw: string, flag: string): number {
  const n = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(n)) throw new Error(`--${flag} must be a number, got "${raw}"`);
  return n;
}

/** A comma-separated list of numbers (`--clients 50,200`). */
export function numbers(raw: string, flag: string): number[] {
  return raw.split(",").map((part) => number(part, flag));
}
