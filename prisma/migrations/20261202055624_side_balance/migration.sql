-- CreateTable
CREATE TABLE "SideBalance" (
    "campaignId" TEXT NOT NULL,
    "modelAId" TEXT NOT NULL,
    "modelBId" TEXT NOT NULL,
    "skew" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "SideBalance_pkey" PRIMARY KEY ("campaignId","modelAId","modelBId")
);

-- AddForeignKey
ALTER TABLE "SideBalance" ADD CONSTRAINT "SideBalance_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Existing campaigns start from their true balance.
INSERT INTO "SideBalance" ("campaignId", "modelAId", "modelBId", skew)
SELECT p."campaignId", ia."modelId", ib."modelId",
  sum(CASE WHEN a."leftImageId" = p."imageAId" THEN 1 ELSE -1 END)::int
FROM "Assignment" a
JOIN "Pair" p ON p.id = a."pairId" AND NOT p."isGold"
JOIN "Image" ia ON ia.id = p."imageAId"
JOIN "Image" ib ON ib.id = p."imageBId"
WHERE a.status <> 'released'
GROUP BY 1, 2, 3;

-- Kept in step with "Assignment" by the database itself, whatever path writes an assignment
-- (leases, votes, releases on a campaign edit, seeding, bulk inserts): statement-level triggers
-- over the transition tables, as for "Pair"."completedAssignments". An assignment counts while it
-- is not released: +1 when model A's image is left, −1 when model B's. Rows are written in key
-- order, so two statements touching several model pairs cannot deadlock on them. A deleted
-- pair's cascade finds no pair row, and its campaign's rows go with the campaign.
-- The assignments a statement wrote (`added`: inserted rows, updated rows as they are now) and
-- those it took away (`removed`: deleted rows, updated rows as they were) move the skew here.
CREATE FUNCTION "photogenic_add_side_skew"(added "Assignment"[], removed "Assignment"[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "SideBalance" AS s ("campaignId", "modelAId", "modelBId", skew)
  SELECT p."campaignId", ia."modelId", ib."modelId",
    sum(CASE WHEN c."leftImageId" = p."imageAId" THEN c.sign ELSE -c.sign END)::int
  FROM (SELECT a."pairId", a."leftImageId", 1 AS sign FROM unnest(added) a WHERE a.status <> 'released'
        UNION ALL
        SELECT r."pairId", r."leftImageId", -1 AS sign FROM unnest(removed) r WHERE r.status <> 'released') c
  JOIN "Pair" p ON p.id = c."pairId" AND NOT p."isGold"
  JOIN "Image" ia ON ia.id = p."imageAId"
  JOIN "Image" ib ON ib.id = p."imageBId"
  GROUP BY 1, 2, 3
  HAVING sum(CASE WHEN c."leftImageId" = p."imageAId" THEN c.sign ELSE -c.sign END) <> 0
  ORDER BY 1, 2, 3
  ON CONFLICT ("campaignId", "modelAId", "modelBId") DO UPDATE SET skew = s.skew + EXCLUDED.skew;
END $$;

CREATE FUNCTION "photogenic_side_balance"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM "photogenic_add_side_skew"(ARRAY(SELECT n::"Assignment" FROM new_rows n), '{}');
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM "photogenic_add_side_skew"('{}', ARRAY(SELECT o::"Assignment" FROM old_rows o));
  ELSE
    PERFORM "photogenic_add_side_skew"(ARRAY(SELECT n::"Assignment" FROM new_rows n), ARRAY(SELECT o::"Assignment" FROM old_rows o));
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "Assignment_side_balance_insert" AFTER INSERT ON "Assignment"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "photogenic_side_balance"();
CREATE TRIGGER "Assignment_side_balance_update" AFTER UPDATE ON "Assignment"
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "photogenic_side_balance"();
CREATE TRIGGER "Assignment_side_balance_delete" AFTER DELETE ON "Assignment"
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "photogenic_side_balance"();
