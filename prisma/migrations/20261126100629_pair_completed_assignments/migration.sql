-- AlterTable
ALTER TABLE "Pair" ADD COLUMN     "completedAssignments" INTEGER NOT NULL DEFAULT 0;


-- Existing pairs start from their true count.
UPDATE "Pair" p SET "completedAssignments" = c.n
FROM (SELECT "pairId", count(*)::int AS n FROM "Assignment" WHERE status = 'completed' GROUP BY 1) c
WHERE c."pairId" = p.id;

-- Kept in step with "Assignment" by the database itself, whatever path writes an assignment
-- (votes, undo, seeding, bulk inserts): statement-level triggers over the transition tables, so a
-- bulk insert of a million assignments updates each pair once, not once per row. A deleted
-- pair's cascade finds no pair row to update.
CREATE FUNCTION "photogenic_count_completed_assignments"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE "Pair" p SET "completedAssignments" = p."completedAssignments" + d.n
    FROM (SELECT "pairId", count(*)::int AS n FROM new_rows WHERE status = 'completed' GROUP BY 1) d
    WHERE d."pairId" = p.id;
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE "Pair" p SET "completedAssignments" = p."completedAssignments" - d.n
    FROM (SELECT "pairId", count(*)::int AS n FROM old_rows WHERE status = 'completed' GROUP BY 1) d
    WHERE d."pairId" = p.id;
  ELSE
    UPDATE "Pair" p SET "completedAssignments" = p."completedAssignments" + d.n
    FROM (
      SELECT "pairId", sum(n)::int AS n FROM (
        SELECT "pairId", 1 AS n FROM new_rows WHERE status = 'completed'
        UNION ALL
        SELECT "pairId", -1 AS n FROM old_rows WHERE status = 'completed') changes
      GROUP BY 1 HAVING sum(n) <> 0) d
    WHERE d."pairId" = p.id;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "Assignment_count_completed_insert" AFTER INSERT ON "Assignment"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "photogenic_count_completed_assignments"();
CREATE TRIGGER "Assignment_count_completed_update" AFTER UPDATE ON "Assignment"
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "photogenic_count_completed_assignments"();
CREATE TRIGGER "Assignment_count_completed_delete" AFTER DELETE ON "Assignment"
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "photogenic_count_completed_assignments"();
