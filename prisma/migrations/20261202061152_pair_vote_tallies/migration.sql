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


-- Kept in step with "Judgment" by statement-level triggers over the transition tables, like
-- CampaignJudgmentState (migration results_cache): a vote adds one to the cell of its winner and
-- side, an undo takes it away. `firstId` is the smallest judgment id in byte order (COLLATE "C");
-- when an undo removes it, it is looked up again among the pair's judgments under the criterion.
-- A deleted pair's or criterion's rows go with it (foreign keys); its cascade finds no pair row.
CREATE FUNCTION "photogenic_tally_votes"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "PairVoteTally" AS s ("pairId", "criterionId", "campaignId", a0, a1, b0, b1, t0, t1, "firstId")
    SELECT n."pairId", n."criterionId", p."campaignId",
           count(*) FILTER (WHERE n.choice = 'left' AND n."leftImageId" = p."imageAId")::int,
           count(*) FILTER (WHERE n.choice = 'right' AND n."leftImageId" <> p."imageAId")::int,
           count(*) FILTER (WHERE n.choice = 'right' AND n."leftImageId" = p."imageAId")::int,
           count(*) FILTER (WHERE n.choice = 'left' AND n."leftImageId" <> p."imageAId")::int,
           count(*) FILTER (WHERE n.choice NOT IN ('left', 'right') AND n."leftImageId" = p."imageAId")::int,
           count(*) FILTER (WHERE n.choice NOT IN ('left', 'right') AND n."leftImageId" <> p."imageAId")::int,
           min(n.id COLLATE "C")
    FROM new_rows n JOIN "Pair" p ON p.id = n."pairId" GROUP BY 1, 2, 3
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
    FROM (SELECT o."pairId", o."criterionId",
                 count(*) FILTER (WHERE o.choice = 'left' AND o."leftImageId" = p."imageAId")::int AS a0,
                 count(*) FILTER (WHERE o.choice = 'right' AND o."leftImageId" <> p."imageAId")::int AS a1,
                 count(*) FILTER (WHERE o.choice = 'right' AND o."leftImageId" = p."imageAId")::int AS b0,
                 count(*) FILTER (WHERE o.choice = 'left' AND o."leftImageId" <> p."imageAId")::int AS b1,
                 count(*) FILTER (WHERE o.choice NOT IN ('left', 'right') AND o."leftImageId" = p."imageAId")::int AS t0,
                 count(*) FILTER (WHERE o.choice NOT IN ('left', 'right') AND o."leftImageId" <> p."imageAId")::int AS t1,
                 min(o.id COLLATE "C") AS first
          FROM old_rows o JOIN "Pair" p ON p.id = o."pairId" GROUP BY 1, 2) d
    WHERE s."pairId" = d."pairId" AND s."criterionId" = d."criterionId";
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "Judgment_tally_insert" AFTER INSERT ON "Judgment"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "photogenic_tally_votes"();
CREATE TRIGGER "Judgment_tally_delete" AFTER DELETE ON "Judgment"
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "photogenic_tally_votes"();

-- Existing judgments, counted once.
INSERT INTO "PairVoteTally" ("pairId", "criterionId", "campaignId", a0, a1, b0, b1, t0, t1, "firstId")
SELECT j."pairId", j."criterionId", p."campaignId",
       count(*) FILTER (WHERE j.choice = 'left' AND j."leftImageId" = p."imageAId")::int,
       count(*) FILTER (WHERE j.choice = 'right' AND j."leftImageId" <> p."imageAId")::int,
       count(*) FILTER (WHERE j.choice = 'right' AND j."leftImageId" = p."imageAId")::int,
       count(*) FILTER (WHERE j.choice = 'left' AND j."leftImageId" <> p."imageAId")::int,
       count(*) FILTER (WHERE j.choice NOT IN ('left', 'right') AND j."leftImageId" = p."imageAId")::int,
       count(*) FILTER (WHERE j.choice NOT IN ('left', 'right') AND j."leftImageId" <> p."imageAId")::int,
       min(j.id COLLATE "C")
FROM "Judgment" j JOIN "Pair" p ON p.id = j."pairId" GROUP BY 1, 2, 3;
