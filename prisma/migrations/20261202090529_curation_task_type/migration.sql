-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN     "curation" JSONB;

-- AlterTable
ALTER TABLE "Participation" ADD COLUMN     "expert" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "CurationItem" (
    "id" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "imageId" TEXT NOT NULL,
    "promptId" TEXT NOT NULL,
    "stage" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CurationItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CurationAssignment" (
    "id" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "annotatorId" TEXT NOT NULL,
    "status" "AssignmentStatus" NOT NULL DEFAULT 'leased',
    "leaseExpiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "CurationAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CurationVote" (
    "id" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "criterionId" TEXT NOT NULL,
    "annotatorId" TEXT NOT NULL,
    "assignmentId" TEXT NOT NULL,
    "accept" BOOLEAN NOT NULL,
    "latencyMs" INTEGER,
    "idempotencyKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CurationVote_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CurationItem_campaignId_stage_idx" ON "CurationItem"("campaignId", "stage");

-- CreateIndex
CREATE UNIQUE INDEX "CurationItem_imageId_stage_key" ON "CurationItem"("imageId", "stage");

-- CreateIndex
CREATE INDEX "CurationAssignment_annotatorId_status_idx" ON "CurationAssignment"("annotatorId", "status");

-- CreateIndex
CREATE INDEX "CurationAssignment_status_leaseExpiresAt_idx" ON "CurationAssignment"("status", "leaseExpiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "CurationAssignment_itemId_annotatorId_key" ON "CurationAssignment"("itemId", "annotatorId");

-- CreateIndex
CREATE UNIQUE INDEX "CurationVote_idempotencyKey_key" ON "CurationVote"("idempotencyKey");

-- CreateIndex
CREATE INDEX "CurationVote_annotatorId_createdAt_idx" ON "CurationVote"("annotatorId", "createdAt");

-- CreateIndex
CREATE INDEX "CurationVote_itemId_idx" ON "CurationVote"("itemId");

-- CreateIndex
CREATE UNIQUE INDEX "CurationVote_assignmentId_criterionId_key" ON "CurationVote"("assignmentId", "criterionId");

-- AddForeignKey
ALTER TABLE "CurationItem" ADD CONSTRAINT "CurationItem_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CurationItem" ADD CONSTRAINT "CurationItem_imageId_fkey" FOREIGN KEY ("imageId") REFERENCES "Image"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CurationItem" ADD CONSTRAINT "CurationItem_promptId_fkey" FOREIGN KEY ("promptId") REFERENCES "Prompt"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CurationAssignment" ADD CONSTRAINT "CurationAssignment_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "CurationItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CurationAssignment" ADD CONSTRAINT "CurationAssignment_annotatorId_fkey" FOREIGN KEY ("annotatorId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CurationVote" ADD CONSTRAINT "CurationVote_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "CurationItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CurationVote" ADD CONSTRAINT "CurationVote_criterionId_fkey" FOREIGN KEY ("criterionId") REFERENCES "Criterion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CurationVote" ADD CONSTRAINT "CurationVote_annotatorId_fkey" FOREIGN KEY ("annotatorId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CurationVote" ADD CONSTRAINT "CurationVote_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "CurationAssignment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

