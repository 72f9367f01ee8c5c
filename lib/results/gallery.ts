import "server-only";
import { z } from "zod";
import { db } from "../db";
import { flipWinner, type Judgment } from "../stats";
import type { CampaignAnalysis } from "./campaign-results";
import { JUDGMENT_SELECT, judgmentRowOf, type JudgmentRow } from "./judgment-rows";
import { pairFacts, type PairFacts } from "./pair-facts";

export const GALLERY_SORTS = ["disagreement", "decisiveness"] as const;

/** The gallery's own query parameters (beside the results settings). */
export const galleryQuerySchema = z.object({
  gcat: z.string().max(200).optional(),
  gsort: z.enum(GALLERY_SORTS).default("disagreement"),
  gpage: z.coerce.number().int().min(1).max(100_000).default(1),
});
export type GalleryQuery = z.output<typeof galleryQuerySchema>;

/** A judgment as the gallery lists it: a few columns of the export's row. */
export type GalleryJudgment = Pick<
  JudgmentRow,
  "criterion" | "annotator" | "choice" | "winningModel" | "latencyMs" | "excluded"
>;

export interface GalleryPair extends PairFacts {
  /** Over the pair's analysed votes (every criterion, oriented to model A): 1 − top share. */
  disagreement: number;
  /** |wins of A − wins of B| / votes: 1 = unanimous and decisive, 0 = split or all ties. */
  decisiveness: number;
  votes: number;
  judgments: GalleryJudgment[];
}

export interface Gallery {
  pairs: GalleryPair[];
  total: number;
  categories: string[];
  page: number;
  pageSize: number;
}

/**
 * Pairs for the researcher's gallery: tallied from the analysed judgments, filtered by category,
 * sorted by disagreement or decisiveness (ties by pair id, so pages are stable), one page of them
 * with every judgment of each pair (excluded ones marked).
 */
export async function galleryPairs(analysis: CampaignAnalysis, query: GalleryQuery, pageSize = 12): Promise<Gallery> {
  const { data } = analysis;
  const tally = new Map<string, { a: number; b: number; t: number }>();
  const orient = (j: Judgment) => (data.pairs.get(j.pairId)?.modelA === j.modelA ? j.winner : flipWinner(j.winner));
  for (const j of analysis.analysed) {
    let t = tally.get(j.pairId);
    if (!t) tally.set(j.pairId, (t = { a: 0, b: 0, t: 0 }));
    const w = orient(j);
    if (w === "A") t.a++;
    else if (w === "B") t.b++;
    else t.t++;
  }
  const categories = [
    ...new Set([...data.pairs.values()].filter((p) => !p.isGold && p.category).map((p) => p.category!)),
  ].sort();
  const scored = [...tally.entries()]
    .map(([pairId, t]) => {
      const n = t.a + t.b + t.t;
      return {
        pair: data.pairs.get(pairId)!,
        n,
        disagreement: 1 - Math.max(t.a, t.b, t.t) / n,
        decisiveness: Math.abs(t.a - t.b) / n,
      };
    })
    .filter((x) => query.gcat === undefined || x.pair.category === query.gcat)
    .sort((x, y) => y[query.gsort] - x[query.gsort] || (x.pair.pairId < y.pair.pairId ? -1 : 1));
  const shown = scored.slice((query.gpage - 1) * pageSize, query.gpage * pageSize);
  const rows = await db.judgment.findMany({
    where: { pairId: { in: shown.map((s) => s.pair.pairId) }, createdAt: { lte: data.snapshotAt } },
    orderBy: [{ pairId: "asc" }, { createdAt: "asc" }, { id: "asc" }],
    select: JUDGMENT_SELECT,
  });
  const left = new Set(
    analysis.report.settings.excludedAnnotators.concat(analysis.report.settings.flaggedAnnotatorsExcluded),
  );
  const toRow = judgmentRowOf(data, (userId) => left.has(data.annotators.get(userId)?.pseudonym ?? ""));
  const byPair = new Map<string, GalleryJudgment[]>();
  for (const { criterion, annotator, choice, winningModel, latencyMs, excluded, pairId } of rows.map(toRow)) {
    const list = byPair.get(pairId) ?? [];
    list.push({ criterion, annotator, choice, winningModel, latencyMs, excluded });
    byPair.set(pairId, list);
  }
  return {
    pairs: shown.map(({ pair, n, disagreement, decisiveness }) => ({
      ...pairFacts(pair),
      disagreement,
      decisiveness,
      votes: n,
      judgments: byPair.get(pair.pairId) ?? [],
    })),
    total: scored.length,
    categories,
    page: query.gpage,
    pageSize,
  };
}
