-- The voting and generation tables grow by thousands of rows within minutes of a launch. With
-- PostgreSQL's default (analyze after 10 % of a table changed) a fresh campaign is planned from
-- statistics that predate it, and the assignment engine's queries were measured 30-100x slower
-- until the next analyze. Analyze these tables after 1 % (at least 100 rows) changed instead.
ALTER TABLE "Pair" SET (autovacuum_analyze_scale_factor = 0.01, autovacuum_analyze_threshold = 100);
ALTER TABLE "Assignment" SET (autovacuum_analyze_scale_factor = 0.01, autovacuum_analyze_threshold = 100);
ALTER TABLE "Judgment" SET (autovacuum_analyze_scale_factor = 0.01, autovacuum_analyze_threshold = 100);
ALTER TABLE "Image" SET (autovacuum_analyze_scale_factor = 0.01, autovacuum_analyze_threshold = 100);
ALTER TABLE "GenerationJob" SET (autovacuum_analyze_scale_factor = 0.01, autovacuum_analyze_threshold = 100);
