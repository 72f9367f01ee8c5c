-- CreateTable
CREATE TABLE "RankingItem" (
    "id" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "promptId" TEXT NOT NULL,
    "seed" INTEGER NOT NULL,
    "imageIds" TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RankingItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RankingAssignment" (
    "id" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "annotatorId" TEXT NOT NULL,
    "slotOrder" TEXT[],
    "status" "AssignmentStatus" NOT NULL DEFAULT 'leased',
    "leaseExpiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "RankingAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Ranking" (
    "id" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "criterionId" TEXT NOT NULL,
    "annotatorId" TEXT NOT NULL,
    "assignmentId" TEXT NOT NULL,
    "ranks" INTEGER[],
    "latencyMs" INTEGER,
    "idempotencyKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Ranking_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "RankingItem_campaignId_promptId_seed_key" ON "RankingItem"("campaignId", "promptId", "seed");

-- CreateIndex
CREATE INDEX "RankingAssignment_annotatorId_status_idx" ON "RankingAssignment"("annotatorId", "status");

-- CreateIndex
CREATE INDEX "RankingAssignment_status_leaseExpiresAt_idx" ON "RankingAssignment"("status", "leaseExpiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "RankingAssignment_itemId_annotatorId_key" ON "RankingAssignment"("itemId", "annotatorId");

-- CreateIndex
CREATE UNIQUE INDEX "Ranking_idempotencyKey_key" ON "Ranking"("idempotencyKey");

-- CreateIndex
CREATE INDEX "Ranking_annotatorId_createdAt_idx" ON "Ranking"("annotatorId", "createdAt");

-- CreateIndex
CREATE INDEX "Ranking_itemId_idx" ON "Ranking"("itemId");

-- CreateIndex
CREATE UNIQUE INDEX "Ranking_assignmentId_criterionId_key" ON "Ranking"("assignmentId", "criterionId");

-- AddForeignKey
ALTER TABLE "RankingItem" ADD CONSTRAINT "RankingItem_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RankingItem" ADD CONSTRAINT "RankingItem_promptId_fkey" FOREIGN KEY ("promptId") REFERENCES "Prompt"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RankingAssignment" ADD CONSTRAINT "RankingAssignment_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "RankingItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RankingAssignment" ADD CONSTRAINT "RankingAssignment_annotatorId_fkey" FOREIGN KEY ("annotatorId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ranking" ADD CONSTRAINT "Ranking_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "RankingItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ranking" ADD CONSTRAINT "Ranking_criterionId_fkey" FOREIGN KEY ("criterionId") REFERENCES "Criterion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ranking" ADD CONSTRAINT "Ranking_annotatorId_fkey" FOREIGN KEY ("annotatorId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ranking" ADD CONSTRAINT "Ranking_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "RankingAssignment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

