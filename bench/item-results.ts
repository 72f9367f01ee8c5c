/**
 * The results paths of the item task types (issue 22) at research scale: a rating campaign of
 * 1,632 prompts × 3 models with HEIM's five aspects and 5 ratings per image and aspect (122,400
 * ratings), and a ranking campaign of 1,632 sets of 4 images ranked 5 times each (8,160
 * rankings); rows inserted with SQL generate_series into the bench's own database (embedded
 * PostgreSQL in .data/bench-item-results, removed afterwards). Per campaign:
 * - results cold (read every answer, statistics with 1,000 prompt resamples), warm (kept in this
 *   process), and kept in the database only (another web server's first visit);
 * - the live summary poll: warm, and right after an answer (kept figures answer; the refresh runs
 *   behind it).
 * Ends with one line per task type: `summary: kind=… answers=N results_cold_s=… results_warm_ms=…
 * results_db_ms=… live_summary_ms=… live_after_answer_ms=…`.
 *
 * Run: npx tsx --conditions=react-server bench/item-results.ts [--prompts 1632] [--per-item 5]
 */
import "./support/bench-env";
import { rmSync } from "node:fs";
import { benchFlags } from "./support/args";
import { benchDatabase } from "./support/database";
import { createCampaign } from "../lib/campaigns/create-campaign";
import { campaignSummary } from "../lib/campaigns/campaign-summary";
import { createRankingItems } from "../lib/ranking/create-ranking-items";
import { rankingResults } from "../lib/ranking/ranking-results";
import { ratingResults } from "../lib/rating/rating-results";
import { forgetMemory } from "../lib/results/results-cache";
import { DEFAULT_RESULTS_SETTINGS } from "../lib/results/settings";
import type { CurrentUser } from "../lib/auth/guard";

const values = benchFlags({ prompts: 1632, "per-item": 5 });
const PROMPTS = values.prompts;
const PER_ITEM = values["per-item"];
const ANNOTATORS = 60;
const { dataDir, db, close } = await benchDatabase();

const ms = (t0: number) => performance.now() - t0;
async function timed<T>(label: string, work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await work();
  const took = ms(t0);
  console.log(`${label}: ${took.toFixed(0)} ms`);
  return { value, ms: took };
}

/** A campaign of `kind` on PROMPTS prompts and `models` models, its images, and ANNOTATORS annotators. */
async function seedCampaign(kind: "rating" | "ranking", models: number) {
  const stamp = `${kind}-${Date.now()}`;
  const owner = await db.user.create({ data: { email: `bench-${stamp}@bench.local`, role: "researcher" } });
  const set = await db.promptSet.create({ data: { name: `bench-${stamp}`, format: "builtin", promptCount: PROMPTS } });
  await db.$executeRaw`
    INSERT INTO "Prompt" (id, "promptSetId", "externalId", text, category, challenge, position)
    SELECT 'bp-' || ${set.id} || '-' || g, ${set.id}, 'p' || g, 'bench prompt ' || g, 'Category ' || (g % 12), 'Basic', g
    FROM generate_series(0, ${PROMPTS - 1}::int) g`;
  const modelRows = await Promise.all(
    Array.from({ length: models }, (_, i) =>
      db.model.create({ data: { name: `bench-${i}-${stamp}`, adapterKind: "onnx_demo", config: {} } }),
    ),
  );
  const { id } = await createCampaign(owner.id, {
    name: `Bench: ${kind}`,
    promptSetId: set.id,
    modelIds: modelRows.map((m) => m.id),
    ...(kind === "rating"
      ? { taskType: "rating" as const, aspects: "heim" as const, ratingsPerImage: PER_ITEM }
      : { taskType: "ranking" as const, rankingsPerItem: PER_ITEM }),
  });
  // Model i's images lean i steps up the scale: known differences for the statistics to find.
  await db.$executeRaw`
    INSERT INTO "Image" (id, "campaignId", "modelId", "promptId", seed, "storageKey", sha256, width, height)
    SELECT 'bi-' || m.id || '-' || p.id, ${id}, m.id, p.id, 0, 'bench.png', 'bench', 64, 64
    FROM "Prompt" p CROSS JOIN "Model" m WHERE p."promptSetId" = ${set.id} AND m.id = ANY(${modelRows.map((m) => m.id)}::text[])`;
  await db.$executeRaw`
    INSERT INTO "User" (id, email, role, "updatedAt")
    SELECT 'bu-' || ${id} || '-' || g, 'bu-' || ${id} || '-' || g || '@bench.local', 'annotator', now()
    FROM generate_series(0, ${ANNOTATORS - 1}::int) g`;
  await db.campaign.update({ where: { id }, data: { status: "annotating" } });
  return { campaignId: id, owner: { id: owner.id, email: owner.email, name: null, role: "researcher" } as CurrentUser };
}

async function seedRatings() {
  const c = await seedCampaign("rating", 3);
  const t0 = performance.now();
  await db.$executeRaw`
    INSERT INTO "RatingAssignment" (id, "imageId", "annotatorId", status, "leaseExpiresAt", "completedAt")
    SELECT 'ba-' || i.id || '-' || j, i.id, 'bu-' || ${c.campaignId} || '-' || ((i.n + j * 7) % ${ANNOTATORS}),
           'completed', now(), now()
    FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM "Image" WHERE "campaignId" = ${c.campaignId}) i
    CROSS JOIN generate_series(0, ${PER_ITEM - 1}::int) j`;
  const inserted = await db.$executeRaw`
    INSERT INTO "Rating" (id, "imageId", "criterionId", "annotatorId", "assignmentId", value, "latencyMs", "idempotencyKey", "createdAt")
    SELECT a.id || '-' || k.id, a."imageId", k.id, a."annotatorId", a.id,
           CASE k.scale
             WHEN 'likert5' THEN least(5, 1 + floor(random() * 4)::int + cm.position % 2)
             WHEN 'likert3' THEN least(3, 1 + floor(random() * 2)::int + cm.position % 2)
             ELSE least(1, floor(random() * 2)::int + cm.position % 2) END,
           1500 + floor(random() * 4000)::int, a.id || '-' || k.id, now() - random() * interval '6 hours'
    FROM "RatingAssignment" a JOIN "Image" i ON i.id = a."imageId"
    JOIN "CampaignModel" cm ON cm."campaignId" = i."campaignId" AND cm."modelId" = i."modelId"
    JOIN "Criterion" k ON k."campaignId" = i."campaignId"
    WHERE i."campaignId" = ${c.campaignId}`;
  console.log(`seeded ${inserted} ratings in ${(ms(t0) / 1000).toFixed(1)} s`);
  await db.$executeRaw`ANALYZE`;
  return { ...c, answers: inserted };
}

async function seedRankings() {
  const c = await seedCampaign("ranking", 4);
  await createRankingItems(c.campaignId);
  const t0 = performance.now();
  await db.$executeRaw`
    INSERT INTO "RankingAssignment" (id, "itemId", "annotatorId", "slotOrder", status, "leaseExpiresAt", "completedAt")
    SELECT 'bk-' || it.id || '-' || j, it.id, 'bu-' || ${c.campaignId} || '-' || ((it.n + j * 7) % ${ANNOTATORS}),
           (SELECT array_agg(x ORDER BY random()) FROM unnest(it."imageIds") x), 'completed', now(), now()
    FROM (SELECT id, "imageIds", row_number() OVER (ORDER BY id) AS n FROM "RankingItem" WHERE "campaignId" = ${c.campaignId}) it
    CROSS JOIN generate_series(0, ${PER_ITEM - 1}::int) j`;
  // Ranks: by model position plus noise, ties where the noisy scores meet.
  const inserted = await db.$executeRaw`
    INSERT INTO "Ranking" (id, "itemId", "criterionId", "annotatorId", "assignmentId", ranks, "latencyMs", "idempotencyKey", "createdAt")
    SELECT a.id || '-r', a."itemId", k.id, a."annotatorId", a.id,
           (SELECT array_agg(r ORDER BY s) FROM (
              SELECT s, rank() OVER (ORDER BY score) AS r
              FROM (SELECT s, cm.position + floor(random() * 3) AS score
                    FROM unnest(a."slotOrder") WITH ORDINALITY AS u(image, s)
                    JOIN "Image" im ON im.id = u.image
                    JOIN "CampaignModel" cm ON cm."campaignId" = im."campaignId" AND cm."modelId" = im."modelId") scored) ranked),
           3000 + floor(random() * 6000)::int, a.id || '-r', now() - random() * interval '6 hours'
    FROM "RankingAssignment" a JOIN "RankingItem" it ON it.id = a."itemId"
    JOIN "Criterion" k ON k."campaignId" = it."campaignId"
    WHERE it."campaignId" = ${c.campaignId}`;
  console.log(`seeded ${inserted} rankings in ${(ms(t0) / 1000).toFixed(1)} s`);
  await db.$executeRaw`ANALYZE`;
  return { ...c, answers: inserted };
}

async function measure(kind: "rating" | "ranking", c: { campaignId: string; owner: CurrentUser; answers: number }) {
  const results = (): Promise<unknown> =>
    kind === "rating"
      ? ratingResults(c.owner, c.campaignId, DEFAULT_RESULTS_SETTINGS)
      : rankingResults(c.owner, c.campaignId, DEFAULT_RESULTS_SETTINGS);
  const cold = await timed(`${kind} results, cold (every answer read, 1,000 resamples)`, results);
  const warm = await timed(`${kind} results, warm (kept in this process)`, results);
  forgetMemory();
  const kept = await timed(`${kind} results, kept in the database only`, results);
  const polls: number[] = [];
  for (let i = 0; i < 5; i++)
    polls.push((await timed(`${kind} live summary poll`, () => campaignSummary(c.owner, c.campaignId))).ms);
  // One answer undone: the poll answers from the kept figures and refreshes them behind.
  if (kind === "rating") {
    const last = await db.rating.findFirstOrThrow({
      where: { image: { campaignId: c.campaignId } },
      orderBy: { id: "desc" },
    });
    await db.rating.delete({ where: { id: last.id } });
  } else {
    const last = await db.ranking.findFirstOrThrow({
      where: { item: { campaignId: c.campaignId } },
      orderBy: { id: "desc" },
    });
    await db.ranking.delete({ where: { id: last.id } });
  }
  const after = await timed(`${kind} live summary poll right after an answer changed`, () =>
    campaignSummary(c.owner, c.campaignId),
  );
  await timed("(the refresh, awaited)", results);
  polls.sort((x, y) => x - y);
  console.log(
    `summary: kind=${kind} answers=${c.answers} results_cold_s=${(cold.ms / 1000).toFixed(2)} results_warm_ms=${warm.ms.toFixed(0)} results_db_ms=${kept.ms.toFixed(0)} live_summary_ms=${polls[2].toFixed(0)} live_after_answer_ms=${after.ms.toFixed(0)}`,
  );
}

try {
  await measure("rating", await seedRatings());
  await measure("ranking", await seedRankings());
} finally {
  await close();
  rmSync(dataDir, { recursive: true, force: true });
}
