import { createHash } from "node:crypto";
import type { SubsetSpec } from "./subset-spec";
import { groupBy } from "../group-by";

/** What sampling needs of a prompt; ParsedPrompt and a database row both fit. */
export interface SamplablePrompt {
  id: string;
  category?: string | null;
  challenge?: string | null;
}

/**
 * The random order behind every sample. Each prompt's rank is the first 52 bits of
 * SHA-256("<seed>:<prompt id>") — SHA-256 used as a counter-based generator keyed by the seed.
 * Because a rank depends only on the seed and the prompt's own id, the sample is the same
 * whatever order the prompts arrive in, and adding prompts to a set never reorders the others.
 */
function rankOf(seed: number, id: string): number {
  return parseInt(createHash("sha256").update(`${seed}:${id}`, "utf8").digest("hex").slice(0, 13), 16);
}

function byRank<T extends SamplablePrompt>(prompts: readonly T[], seed: number): T[] {
  const ranks = new Map(prompts.map((p) => [p.id, rankOf(seed, p.id)]));
  return [...prompts].sort((a, b) => ranks.get(a.id)! - ranks.get(b.id)! || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

const key = (name: string | null | undefined): string | null => (name == null ? null : name.trim().toLowerCase());

function passesFilters(prompt: SamplablePrompt, spec: SubsetSpec): boolean {
  return (
    passes(key(prompt.category), spec.includeCategories, spec.excludeCategories) &&
    passes(key(prompt.challenge), spec.includeChallenges, spec.excludeChallenges)
  );
}

function passes(value: string | null, include: string[] | undefined, exclude: string[] | undefined): boolean {
  if (include && include.length > 0 && (value === null || !include.some((n) => n.toLowerCase() === value)))
    return false;
  if (exclude && value !== null && exclude.some((n) => n.toLowerCase() === value)) return false;
  return true;
}

function groupByCategory<T extends SamplablePrompt>(prompts: readonly T[]): Map<string | null, T[]> {
  return groupBy(prompts, (p) => p.category ?? null);
}

/** How many prompts each category contributes to a fraction sample (largest remainder). */
function fractionQuotas(sizes: Map<string | null, number>, fraction: number): Map<string | null, number> {
  const total = [...sizes.values()].reduce((a, b) => a + b, 0);
  const target = Math.round(fraction * total);
  // Round away float noise (0.7 × 10 = 7.000000000000001) before taking floors.
  const exact = [...sizes].map(([category, size]) => ({ category, share: Math.round(fraction * size * 1e9) / 1e9 }));
  const quotas = new Map(exact.map(({ category, share }) => [category, Math.floor(share)]));
  let left = target - [...quotas.values()].reduce((a, b) => a + b, 0);
  const byRemainder = exact
    .filter(({ share }) => share % 1 > 0)
    .sort((a, b) => (b.share % 1) - (a.share % 1) || String(a.category).localeCompare(String(b.category)));
  for (const { category } of byRemainder) {
    if (left <= 0) break;
    quotas.set(category, quotas.get(category)! + 1);
    left--;
  }
  return quotas;
}

/**
 * The prompts a spec selects, in seeded random order (the same array for any input order).
 * Prompt ids must be unique, as they are within one imported set.
 */
export function sampleSubset<T extends SamplablePrompt>(prompts: readonly T[], spec: SubsetSpec): T[] {
  const filtered = prompts.filter((p) => passesFilters(p, spec));
  if (spec.mode === "all") return byRank(filtered, spec.seed);

  const groups = groupByCategory(filtered);
  const quotas =
    spec.mode === "per-category"
      ? new Map([...groups].map(([category, members]) => [category, Math.min(spec.perCategory, members.length)]))
      : fractionQuotas(new Map([...groups].map(([category, members]) => [category, members.length])), spec.fraction);

  const chosen: T[] = [];
  for (const [category, members] of groups) chosen.push(...byRank(members, spec.seed).slice(0, quotas.get(category)));
  return byRank(chosen, spec.seed);
}

export interface CategoryPreview {
  /** null for prompts without a category. */
  category: string | null;
  /** In the whole set. */
  available: number;
  /** After include/exclude filters. */
  afterFilter: number;
  /** In the sample. */
  selected: number;
}

export interface SubsetPreview {
  total: { available: number; afterFilter: number; selected: number };
  /** Largest categories first. */
  categories: CategoryPreview[];
  /** Names in the spec's filters that match no prompt of the set (likely typos). */
  unmatched: { categories: string[]; challenges: string[] };
}

/** Counts per category before and after a spec applies, for the launch form and the CLI. */
export function previewCounts(prompts: readonly SamplablePrompt[], spec: SubsetSpec): SubsetPreview {
  const selected = sampleSubset(prompts, spec);
  const rows = new Map<string | null, CategoryPreview>();
  const row = (category: string | null) => {
    let r = rows.get(category);
    if (!r) rows.set(category, (r = { category, available: 0, afterFilter: 0, selected: 0 }));
    return r;
  };
  for (const p of prompts) {
    const r = row(p.category ?? null);
    r.available++;
    if (passesFilters(p, spec)) r.afterFilter++;
  }
  for (const p of selected) row(p.category ?? null).selected++;

  const categories = [...rows.values()].sort(
    (a, b) => b.available - a.available || String(a.category).localeCompare(String(b.category)),
  );
  const sum = (f: keyof Omit<CategoryPreview, "category">) => categories.reduce((n, c) => n + c[f], 0);
  return {
    total: { available: sum("available"), afterFilter: sum("afterFilter"), selected: sum("selected") },
    categories,
    unmatched: {
      categories: unmatchedNames(
        prompts.map((p) => p.category),
        [...(spec.includeCategories ?? []), ...(spec.excludeCategories ?? [])],
      ),
      challenges: unmatchedNames(
        prompts.map((p) => p.challenge),
        [...(spec.includeChallenges ?? []), ...(spec.excludeChallenges ?? [])],
      ),
    },
  };
}

function unmatchedNames(values: (string | null | undefined)[], names: string[]): string[] {
  const present = new Set(values.map(key).filter((v) => v !== null));
  return names.filter((n) => !present.has(n.toLowerCase()));
}
