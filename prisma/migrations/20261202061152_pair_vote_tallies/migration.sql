-- CreateTable
CREATE TABLE "PairVoteTally" (
    "pairId" TEXT NOT NULL,
    "criterionId" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "a0" INTEGER NOT NULL DEFAULT 0,
    "a1" INTEGER NOT NULL DEFAULT 0,
    "b0" INTEGER NOT NULL DEFAULT 0,
    "b1" INTEGER NOT NULL DEFAULT 0,
    "t0" INTEGER NOT NULL DEFAULT 0,
    "t1" INTEGER NOT NULL DEFAULT 0,
    "firstId" TEXT,

    CONSTRAINT "PairVoteTally_pkey" PRIMARY KEY ("pairId","criterionId")
);

-- CreateIndex
CREATE INDEX "PairVoteTally_campaignId_idx" ON "PairVoteTally"("campaignId");

-- AddForeignKey
ALTER TABLE "PairVoteTally" ADD CONSTRAINT "PairVoteTally_pairId_fkey" FOREIGN KEY ("pairId") REFERENCES "Pair"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PairVoteTally" ADD CONSTRAINT "PairVoteTally_criterionId_fkey" FOREIGN KEY ("criterionId") REFERENCES "Criterion"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- The vote cells per (pair, criterion) of some judgments, in lib/stats PairVotes.votes order
-- (2·winner + side): a0/a1 model A won with its image left/right, b0/b1 model B won, t0/t1 a tie
-- (or no preference); `first`, the smallest judgment id in byte order (COLLATE "C"). The one place
-- a vote is counted: the triggers below, the backfill and the results' excluded votes
-- (lib/results/statements.ts) all call it.
CREATE FUNCTION "photogenic_vote_tallies"(judgments "Judgment"[])
RETURNS TABLE ("pairId" TEXT, "criterionId" TEXT, "campaignId" TEXT, a0 INT, a1 INT, b0 INT, b1 INT, t0 INT, t1 INT, first TEXT)
LANGUAGE sql STABLE AS $$
  SELECT j."pairId", j."criterionId", p."campaignId",
         count(*) FILTER (WHERE j.choice = 'left' AND j."leftImageId" = p."imageAId")::int,
         count(*) FILTER (WHERE j.choice = 'right' AND j."leftImageId" <> p."imageAId")::int,
         count(*) FILTER (WHERE j.choice = 'right' AND j."leftImageId" = p."imageAId")::int,
         count(*) FILTER (WHERE j.choice = 'left' AND j."leftImageId" <> p."imageAId")::int,
         count(*) FILTER (WHERE j.choice NOT IN ('left', 'right') AND j."leftImageId" = p."imageAId")::int,
         count(*) FILTER (WHERE j.choice NOT IN ('left', 'right') AND j."leftImageId" <> p."imageAId")::int,
         min(j.id COLLATE "C")
  FROM unnest(judgments) j JOIN "Pair" p ON p.id = j."pairId" GROUP BY 1, 2, 3
$$;

-- Kept in step with "Judgment" by statement-level triggers over the transition tables, like
-- CampaignJudgmentState (migration results_cache): a vote adds one to the cell of its winner and
-- side, an undo takes it away. `firstId` is the smallest judgment id in byte order (COLLATE "C");
-- when an undo removes it, it is looked up again among the pair's judgments under the criterion.
-- A deleted pair's or criterion's rows go with it (foreign keys); its cascade finds no pair row.
CREATE FUNCTION "photogenic_tally_votes"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "PairVoteTally" AS s ("pairId", "criterionId", "campaignId", a0, a1, b0, b1, t0, t1, "firstId")
    SELECT * FROM "photogenic_vote_tallies"(ARRAY(SELECT n::"Judgment" FROM new_rows n))
    ON CONFLICT ("pairId", "criterionId") DO UPDATE
      SET a0 = s.a0 + EXCLUDED.a0, a1 = s.a1 + EXCLUDED.a1, b0 = s.b0 + EXCLUDED.b0, b1 = s.b1 + EXCLUDED.b1,
          t0 = s.t0 + EXCLUDED.t0, t1 = s.t1 + EXCLUDED.t1,
          "firstId" = least(s."firstId" COLLATE "C", EXCLUDED."firstId" COLLATE "C");
  ELSE
    UPDATE "PairVoteTally" s
    SET a0 = s.a0 - d.a0, a1 = s.a1 - d.a1, b0 = s.b0 - d.b0, b1 = s.b1 - d.b1, t0 = s.t0 - d.t0, t1 = s.t1 - d.t1,
        "firstId" = CASE WHEN d.first = s."firstId" COLLATE "C"
                         THEN (SELECT min(j.id COLLATE "C") FROM "Judgment" j
                               WHERE j."pairId" = s."pairId" AND j."criterionId" = s."criterionId")
                         ELSE s."firstId" END
    FROM "photogenic_vote_tallies"(ARRAY(SELECT o::"Judgment" FROM old_rows o)) d
    WHERE s."pairId" = d."pairId" AND s."criterionId" = d."criterionId";
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "Judgment_tally_insert" AFTER INSERT ON "Judgment"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "photogenic_tally_votes"();
CREATE TRIGGER "Judgment_tally_delete" AFTER DELETE ON "Judgment"
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "photogenic_tally_votes"();

-- Existing judgments, counted once, a pair at a time.
INSERT INTO "PairVoteTally" ("pairId", "criterionId", "campaignId", a0, a1, b0, b1, t0, t1, "firstId")
SELECT t.* FROM "Pair" p
CROSS JOIN LATERAL "photogenic_vote_tallies"(ARRAY(SELECT j FROM "Judgment" j WHERE j."pairId" = p.id)) t;
