import "server-only";
import { z } from "zod";
import { db } from "../db";
import type { CampaignAnalysis } from "./campaign-results";
import { loadPairsById } from "./campaign-data";
import { annotatorPseudonym } from "./pseudonyms";
import { winnerOf } from "./winner";
import { pairFacts, type PairFacts } from "./pair-facts";
import { pairScores } from "./gallery-scores";

export const GALLERY_SORTS = ["disagreement", "decisiveness"] as const;

/** The gallery's own query parameters (beside the results settings). */
export const galleryQuerySchema = z.object({
  gcat: z.string().max(200).optional(),
  gsort: z.enum(GALLERY_SORTS).default("disagreement"),
  gpage: z.coerce.number().int().min(1).max(100_000).default(1),
});
export type GalleryQuery = z.output<typeof galleryQuerySchema>;

/** A judgment as the gallery lists it: a few columns of the export's row. */
export interface GalleryJudgment {
  criterion: string;
  annotator: string;
  choice: string;
  winningModel: string;
  latencyMs: number | null;
  excluded: boolean;
}

export interface GalleryPair extends PairFacts {
  /** Share of the pair's analysed votes that differ from their own criterion's most common answer (pairScores). */
  disagreement: number;
  /** Σ over criteria of |wins of A − wins of B| / votes: 1 = unanimous and decisive, 0 = split or all ties (pairScores). */
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
 * sorted by disagreement or decisiveness (each comparing votes within one criterion, pairScores) (ties by pair id, so pages are stable), one page of them
 * with every judgment of each pair (excluded ones marked).
 */
export async function galleryPairs(analysis: CampaignAnalysis, query: GalleryQuery, pageSize = 12): Promise<Gallery> {
  const campaignId = analysis.report.campaign.id;
  const scored = analysis.pairVotes
    .filter((t) => query.gcat === undefined || t.category === query.gcat)
    .map((t) => {
      const { votes: n, disagreement, decisiveness } = pairScores(t.byCriterion);
      return { pairId: t.pairId, n, disagreement, decisiveness };
    })
    .sort((x, y) => y[query.gsort] - x[query.gsort] || (x.pairId < y.pairId ? -1 : 1));
  const shown = scored.slice((query.gpage - 1) * pageSize, query.gpage * pageSize);
  const pairs = await loadPairsById(
    campaignId,
    shown.map((s) => s.pairId),
  );
  const snapshotTime = analysis.report.dataSnapshot.time;
  const rows = await db.judgment.findMany({
    where: {
      pairId: { in: shown.map((s) => s.pairId) },
      ...(snapshotTime ? { createdAt: { lte: new Date(snapshotTime) } } : {}),
    },
    orderBy: [{ pairId: "asc" }, { createdAt: "asc" }, { id: "asc" }],
    select: {
      pairId: true,
      criterion: { select: { key: true } },
      annotatorId: true,
      choice: true,
      leftImageId: true,
      latencyMs: true,
    },
  });
  const excluded = new Set(
    analysis.report.settings.excludedAnnotators.concat(analysis.report.settings.flaggedAnnotatorsExcluded),
  );
  const byPair = new Map<string, GalleryJudgment[]>();
  for (const r of rows) {
    const pair = pairs.get(r.pairId)!;
    const w = winnerOf(r.choice, r.leftImageId === pair.imageAId);
    const annotator = annotatorPseudonym(campaignId, r.annotatorId);
    const list = byPair.get(r.pairId) ?? [];
    list.push({
      criterion: r.criterion.key,
      annotator,
      choice: r.choice,
      winningModel: w === "A" ? pair.modelA : w === "B" ? pair.modelB : "tie",
      latencyMs: r.latencyMs,
      excluded: excluded.has(annotator),
    });
    byPair.set(r.pairId, list);
  }
  return {
    pairs: shown.map(({ pairId, n, disagreement, decisiveness }) => ({
      ...pairFacts(pairs.get(pairId)!),
      disagreement,
      decisiveness,
      votes: n,
      judgments: byPair.get(pairId) ?? [],
    })),
    total: scored.length,
    categories: analysis.categories,
    page: query.gpage,
    pageSize,
  };
}
