-- The answers of the item task types (issue 22) in the kept counters of migration results_cache:
-- a rating campaign's "CampaignJudgmentState" counts its ratings (one per image and aspect), a
-- ranking campaign's its rankings, and "CampaignJudgmentPace" their 5-minute counts. The live
-- summary's done count and pace read them, and every rating or ranking moves `version`, the key
-- kept results are checked against (lib/results/results-cache.ts), as a judgment does.
-- One function moves the counters for answers of any table given as (campaign, createdAt) arrays;
-- a statement-level trigger per table and operation hands it its transition table's rows.
CREATE FUNCTION "photogenic_move_answer_counts"(campaigns text[], created timestamp(3)[], sign int) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF sign > 0 THEN
    INSERT INTO "CampaignJudgmentState" AS s ("campaignId", judgments, version, "changedAt")
    SELECT c, count(*)::int, count(*)::int, clock_timestamp() FROM unnest(campaigns) c GROUP BY 1
    ON CONFLICT ("campaignId") DO UPDATE
      SET judgments = s.judgments + EXCLUDED.judgments, version = s.version + EXCLUDED.version, "changedAt" = EXCLUDED."changedAt";
    INSERT INTO "CampaignJudgmentPace" AS s ("campaignId", bucket, judgments)
    SELECT c, date_bin('5 minutes', t, timestamp '2000-01-01'), count(*)::int FROM unnest(campaigns, created) x(c, t) GROUP BY 1, 2
    ON CONFLICT ("campaignId", bucket) DO UPDATE SET judgments = s.judgments + EXCLUDED.judgments;
  ELSE
    UPDATE "CampaignJudgmentState" s
    SET judgments = s.judgments - d.n, version = s.version + d.n, "changedAt" = clock_timestamp()
    FROM (SELECT c, count(*)::int AS n FROM unnest(campaigns) c GROUP BY 1) d WHERE s."campaignId" = d.c;
    UPDATE "CampaignJudgmentPace" s SET judgments = s.judgments - d.n
    FROM (SELECT c, date_bin('5 minutes', t, timestamp '2000-01-01') AS bucket, count(*)::int AS n
          FROM unnest(campaigns, created) x(c, t) GROUP BY 1, 2) d
    WHERE s."campaignId" = d.c AND s.bucket = d.bucket;
  END IF;
END $$;

-- A deleted image's or item's cascade finds no campaign row and moves nothing (the campaign's
-- counters go with the campaign).
CREATE FUNCTION "photogenic_count_ratings"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM "photogenic_move_answer_counts"(array_agg(i."campaignId"), array_agg(n."createdAt"), 1)
    FROM new_rows n JOIN "Image" i ON i.id = n."imageId" HAVING count(*) > 0;
  ELSE
    PERFORM "photogenic_move_answer_counts"(array_agg(i."campaignId"), array_agg(o."createdAt"), -1)
    FROM old_rows o JOIN "Image" i ON i.id = o."imageId" HAVING count(*) > 0;
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION "photogenic_count_rankings"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM "photogenic_move_answer_counts"(array_agg(i."campaignId"), array_agg(n."createdAt"), 1)
    FROM new_rows n JOIN "RankingItem" i ON i.id = n."itemId" HAVING count(*) > 0;
  ELSE
    PERFORM "photogenic_move_answer_counts"(array_agg(i."campaignId"), array_agg(o."createdAt"), -1)
    FROM old_rows o JOIN "RankingItem" i ON i.id = o."itemId" HAVING count(*) > 0;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "Rating_count_insert" AFTER INSERT ON "Rating"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "photogenic_count_ratings"();
CREATE TRIGGER "Rating_count_delete" AFTER DELETE ON "Rating"
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "photogenic_count_ratings"();
CREATE TRIGGER "Ranking_count_insert" AFTER INSERT ON "Ranking"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "photogenic_count_rankings"();
CREATE TRIGGER "Ranking_count_delete" AFTER DELETE ON "Ranking"
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "photogenic_count_rankings"();

-- Existing answers: their true counts (the pace from the last 12 hours).
WITH answers AS (
  SELECT i."campaignId" AS c, r."createdAt" AS t FROM "Rating" r JOIN "Image" i ON i.id = r."imageId"
  UNION ALL
  SELECT i."campaignId", r."createdAt" FROM "Ranking" r JOIN "RankingItem" i ON i.id = r."itemId"
)
INSERT INTO "CampaignJudgmentState" AS s ("campaignId", judgments, version, "changedAt")
SELECT c, count(*)::int, count(*)::int, max(t) FROM answers GROUP BY 1
ON CONFLICT ("campaignId") DO UPDATE
  SET judgments = s.judgments + EXCLUDED.judgments, version = s.version + EXCLUDED.version;

WITH answers AS (
  SELECT i."campaignId" AS c, r."createdAt" AS t FROM "Rating" r JOIN "Image" i ON i.id = r."imageId"
  UNION ALL
  SELECT i."campaignId", r."createdAt" FROM "Ranking" r JOIN "RankingItem" i ON i.id = r."itemId"
)
INSERT INTO "CampaignJudgmentPace" AS s ("campaignId", bucket, judgments)
SELECT c, date_bin('5 minutes', t, timestamp '2000-01-01'), count(*)::int FROM answers
WHERE t > now() - interval '12 hours' GROUP BY 1, 2
ON CONFLICT ("campaignId", bucket) DO UPDATE SET judgments = s.judgments + EXCLUDED.judgments;
