-- CreateIndex
CREATE INDEX "Judgment_assignmentId_idx" ON "Judgment"("assignmentId");

