import type { SubsetSpec } from "./subset-spec";

/**
 * A subset spec in words, for a researcher reviewing a campaign before launch: the mode, the
 * filters and the sample seed ("at most 3 per category, only categories Animals, Vehicles; sample
 * seed 7"). Null (no subset stored) reads as every prompt of the set.
 */
export function describeSubset(spec: SubsetSpec | null): string {
  if (!spec) return "every prompt of the set";
  const mode =
    spec.mode === "all"
      ? "every prompt"
      : spec.mode === "per-category"
        ? `at most ${spec.perCategory} per category`
        : `${Number((spec.fraction * 100).toFixed(4))}% stratified by category`;
  const filters = [
    spec.includeCategories?.length && `only categories ${spec.includeCategories.join(", ")}`,
    spec.excludeCategories?.length && `without categories ${spec.excludeCategories.join(", ")}`,
    spec.includeChallenges?.length && `only challenges ${spec.includeChallenges.join(", ")}`,
    spec.excludeChallenges?.length && `without challenges ${spec.excludeChallenges.join(", ")}`,
  ].filter(Boolean);
  return [mode, ...filters].join(", ") + (spec.mode === "all" ? "" : `; sample seed ${spec.seed}`);
}
