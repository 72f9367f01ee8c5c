import { parseArgs, type ParseArgsConfig } from "node:util";

/**
 * A bench's flags, read the same way by every bench: node's parseArgs, strict (an unknown flag or
 * a missing value stops the bench with parseArgs' message). Numbers stay strings until number().
 */
export function benchArgs<const T extends NonNullable<ParseArgsConfig["options"]>>(options: T) {
  return parseArgs({ options, strict: true, allowPositionals: false }).values;
}

type Options = NonNullable<ParseArgsConfig["options"]>;

/**
 * A bench's flags with its numeric ones given as defaults: `benchFlags({ runs: 1000 }, { keep: {
 * type: "boolean", default: false } })` reads `--runs 50 --keep` as `{ runs: 50, keep: true }`.
 * Numeric flags are parsed as strings and checked with number(), so a bad one stops the bench
 * naming the flag; the other options go to benchArgs as they are.
 */
export function benchFlags<const N extends Record<string, number>, const T extends Options = Record<never, never>>(
  numeric: N,
  options?: T,
) {
  const numericOptions = Object.fromEntries(
    Object.entries(numeric).map(([flag, fallback]) => [flag, { type: "string", default: String(fallback) }]),
  ) as { [K in keyof N]: { type: "string"; default: string } };
  const values = benchArgs({ ...numericOptions, ...(options as T) });
  const numbers = Object.fromEntries(
    Object.keys(numeric).map((flag) => [flag, number(String((values as Record<string, unknown>)[flag]), flag)]),
  ) as { [K in keyof N]: number };
  return { ...(values as Omit<typeof values, keyof N>), ...numbers };
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
