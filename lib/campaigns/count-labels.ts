/**
 * How the pages word each count (lib/campaigns/counts.ts defines them). Pure, so the live
 * summary in the browser words them the same. Gold is always shown apart, never folded in.
 */

/** A campaign's pairs: model against model, and apart the gold pairs (an image against its degraded copy). */
export interface PairCount {
  regular: number;
  gold: number;
}

/** A model's images: generated, and apart the gold copies degraded from them. */
export interface ImageCount {
  generated: number;
  goldCopies: number;
}

/** A campaign's judgments: every one recorded (gold pairs included), of them on gold pairs, and in the last hour. */
export interface JudgmentCount {
  total: number;
  onGold: number;
  lastHour: number;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "72 pairs + 4 gold", "72 pairs". */
export function pairsText(p: PairCount): string {
  return `${plural(p.regular, "pair")}${p.gold > 0 ? ` + ${p.gold} gold` : ""}`;
}

/** "72 generated + 3 gold copies", "72 generated". */
export function imagesText(i: ImageCount): string {
  return `${i.generated} generated${i.goldCopies > 0 ? ` + ${plural(i.goldCopies, "gold copy", "gold copies")}` : ""}`;
}

/** " (4 on gold pairs)" after a count of judgments; "" when none is on a gold pair. */
export function onGoldText(onGold: number): string {
  return onGold > 0 ? ` (${onGold} on gold pairs)` : "";
}

/** "86 judgments (4 on gold pairs)", "86 judgments". */
export function judgmentsText(j: Pick<JudgmentCount, "total" | "onGold">): string {
  return `${plural(j.total, "judgment")}${onGoldText(j.onGold)}`;
}
