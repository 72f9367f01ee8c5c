-- CreateTable
CREATE TABLE "CampaignJudgmentState" (
    "campaignId" TEXT NOT NULL,
    "judgments" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 0,
    "changedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CampaignJudgmentState_pkey" PRIMARY KEY ("campaignId")
);

-- CreateTable
CREATE TABLE "CampaignJudgmentPace" (
    "campaignId" TEXT NOT NULL,
    "bucket" TIMESTAMP(3) NOT NULL,
    "judgments" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "CampaignJudgmentPace_pkey" PRIMARY KEY ("campaignId","bucket")
);

-- CreateTable
CREATE TABLE "ResultsCache" (
    "campaignId" TEXT NOT NULL,
    "settingsKey" TEXT NOT NULL,
    "codeVersion" TEXT NOT NULL,
    "stateKey" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ResultsCache_pkey" PRIMARY KEY ("campaignId","settingsKey","codeVersion")
);

-- AddForeignKey
ALTER TABLE "CampaignJudgmentState" ADD CONSTRAINT "CampaignJudgmentState_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignJudgmentPace" ADD CONSTRAINT "CampaignJudgmentPace_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResultsCache" ADD CONSTRAINT "ResultsCache_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Existing campaigns start from their true counts (the pace from the last 12 hours).
INSERT INTO "CampaignJudgmentState" ("campaignId", judgments, version, "changedAt")
SELECT p."campaignId", count(*)::int, count(*)::int, max(j."createdAt")
FROM "Judgment" j JOIN "Pair" p ON p.id = j."pairId" GROUP BY 1;

INSERT INTO "CampaignJudgmentPace" ("campaignId", bucket, judgments)
SELECT p."campaignId", date_bin('5 minutes', j."createdAt", timestamp '2000-01-01'), count(*)::int
FROM "Judgment" j JOIN "Pair" p ON p.id = j."pairId"
WHERE j."createdAt" > now() - interval '12 hours' GROUP BY 1, 2;

-- Kept in step with "Judgment" by the database itself, whatever path writes one (votes, undo,
-- seeding, bulk inserts): statement-level triggers over the transition tables, so a bulk insert
-- of a million judgments updates each campaign's rows once. Every change moves `version`
-- forward (an undo too), so equal versions mean equal judgments. A deleted pair's cascade finds
-- no pair row, and the campaign's rows go with the campaign.
CREATE FUNCTION "photogenic_count_judgments"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "CampaignJudgmentState" AS s ("campaignId", judgments, version, "changedAt")
    SELECT p."campaignId", count(*)::int, count(*)::int, clock_timestamp()
    FROM new_rows n JOIN "Pair" p ON p.id = n."pairId" GROUP BY 1
    ON CONFLICT ("campaignId") DO UPDATE
      SET judgments = s.judgments + EXCLUDED.judgments, version = s.version + EXCLUDED.version, "changedAt" = EXCLUDED."changedAt";
    INSERT INTO "CampaignJudgmentPace" AS s ("campaignId", bucket, judgments)
    SELECT p."campaignId", date_bin('5 minutes', n."createdAt", timestamp '2000-01-01'), count(*)::int
    FROM new_rows n JOIN "Pair" p ON p.id = n."pairId" GROUP BY 1, 2
    ON CONFLICT ("campaignId", bucket) DO UPDATE SET judgments = s.judgments + EXCLUDED.judgments;
  ELSE
    UPDATE "CampaignJudgmentState" s
    SET judgments = s.judgments - d.n, version = s.version + d.n, "changedAt" = clock_timestamp()
    FROM (SELECT p."campaignId", count(*)::int AS n FROM old_rows o JOIN "Pair" p ON p.id = o."pairId" GROUP BY 1) d
    WHERE s."campaignId" = d."campaignId";
    UPDATE "CampaignJudgmentPace" s SET judgments = s.judgments - d.n
    FROM (SELECT p."campaignId", date_bin('5 minutes', o."createdAt", timestamp '2000-01-01') AS bucket, count(*)::int AS n
          FROM old_rows o JOIN "Pair" p ON p.id = o."pairId" GROUP BY 1, 2) d
    WHERE s."campaignId" = d."campaignId" AND s.bucket = d.bucket;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "Judgment_count_insert" AFTER INSERT ON "Judgment"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "photogenic_count_judgments"();
CREATE TRIGGER "Judgment_count_delete" AFTER DELETE ON "Judgment"
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "photogenic_count_judgments"();
