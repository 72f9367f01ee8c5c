/**
 * The order an annotator builds on the ranking page (issue 22), as pure moves the keys, clicks
 * and drags share: placements best first, each an image's display slot (0-based) and whether it
 * ties with the placement above it.
 */
export type Placement = { slot: number; tie: boolean };

/** Each placement's rank (1 = best): a tie takes the rank above it, the next one its own place (1, 1, 3). */
export function placementRanks(placed: readonly Placement[]): number[] {
  const ranks: number[] = [];
  placed.forEach((p, i) => ranks.push(i > 0 && p.tie ? ranks[i - 1] : i + 1));
  return ranks;
}

/** The ranks by display slot (what the server takes), once every one of the k images is placed. */
export function ranksBySlot(placed: readonly Placement[], k: number): number[] {
  const ranks = placementRanks(placed);
  return Array.from({ length: k }, (_, s) => ranks[placed.findIndex((p) => p.slot === s)]);
}

/** The first placement ties with nothing. */
const normalised = (placed: Placement[]) => placed.map((p, i) => (i === 0 && p.tie ? { ...p, tie: false } : p));

/**
 * The image of `slot` put at position `at` (0-based, clamped): taken from where it was if placed
 * already, standing on its own (no tie) at its new place.
 */
export function placeAt(placed: readonly Placement[], slot: number, at: number): Placement[] {
  const rest = placed.filter((p) => p.slot !== slot);
  const index = Math.max(0, Math.min(at, rest.length));
  return normalised([...rest.slice(0, index), { slot, tie: false }, ...rest.slice(index)]);
}

/** The image of `slot` taken out of the order (the one below it now ties, if it did, with the one above). */
export function removePlacement(placed: readonly Placement[], slot: number): Placement[] {
  return normalised(placed.filter((p) => p.slot !== slot));
}

/** The placement at `from` moved to position `to` (its own tie dropped). */
export function movePlacement(placed: readonly Placement[], from: number, to: number): Placement[] {
  if (from < 0 || from >= placed.length) return [...placed];
  return placeAt(placed, placed[from].slot, to);
}

/** The placement at `index` ties with the one above it, or no longer does. */
export function toggleTie(placed: readonly Placement[], index: number): Placement[] {
  return normalised(placed.map((p, i) => (i === index ? { ...p, tie: !p.tie } : p)));
}

/** "2 3 = 1": slot numbers best first, `=` before an image tied with the one above. */
export function orderText(placed: readonly Placement[]): string {
  return placed.map((p, i) => `${i > 0 && p.tie ? "= " : ""}${p.slot + 1}`).join(" ");
}

/** What a screen reader hears after a move: the image, its place and rank, and a tie. */
export function placedAnnouncement(placed: readonly Placement[], slot: number): string {
  const index = placed.findIndex((p) => p.slot === slot);
  if (index < 0) return `Image ${slot + 1} taken out of the order.`;
  const rank = placementRanks(placed)[index];
  const tie = placed[index].tie ? `, tied with image ${placed[index - 1].slot + 1}` : "";
  return `Image ${slot + 1} at place ${index + 1} of ${placed.length}, rank ${rank}${tie}.`;
}
