-- CreateIndex
CREATE INDEX "GenerationJob_finishedAt_idx" ON "GenerationJob"("finishedAt");

