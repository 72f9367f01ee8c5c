-- CreateEnum
CREATE TYPE "TaskType" AS ENUM ('pairwise', 'rating', 'curation', 'ranking');

-- CreateEnum
CREATE TYPE "RatingScaleKind" AS ENUM ('likert5', 'likert3', 'yes_no');

-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN     "taskType" "TaskType" NOT NULL DEFAULT 'pairwise';

-- AlterTable
ALTER TABLE "Criterion" ADD COLUMN     "label" TEXT,
ADD COLUMN     "scale" "RatingScaleKind",
ADD COLUMN     "scaleLabels" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "RatingAssignment" (
    "id" TEXT NOT NULL,
    "imageId" TEXT NOT NULL,
    "annotatorId" TEXT NOT NULL,
    "status" "AssignmentStatus" NOT NULL DEFAULT 'leased',
    "leaseExpiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "RatingAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Rating" (
    "id" TEXT NOT NULL,
    "imageId" TEXT NOT NULL,
    "criterionId" TEXT NOT NULL,
    "annotatorId" TEXT NOT NULL,
    "assignmentId" TEXT NOT NULL,
    "value" INTEGER NOT NULL,
    "latencyMs" INTEGER,
    "idempotencyKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Rating_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RatingAssignment_annotatorId_status_idx" ON "RatingAssignment"("annotatorId", "status");

-- CreateIndex
CREATE INDEX "RatingAssignment_status_leaseExpiresAt_idx" ON "RatingAssignment"("status", "leaseExpiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "RatingAssignment_imageId_annotatorId_key" ON "RatingAssignment"("imageId", "annotatorId");

-- CreateIndex
CREATE UNIQUE INDEX "Rating_idempotencyKey_key" ON "Rating"("idempotencyKey");

-- CreateIndex
CREATE INDEX "Rating_assignmentId_idx" ON "Rating"("assignmentId");

-- CreateIndex
CREATE INDEX "Rating_annotatorId_createdAt_idx" ON "Rating"("annotatorId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Rating_imageId_annotatorId_criterionId_key" ON "Rating"("imageId", "annotatorId", "criterionId");

-- AddForeignKey
ALTER TABLE "RatingAssignment" ADD CONSTRAINT "RatingAssignment_imageId_fkey" FOREIGN KEY ("imageId") REFERENCES "Image"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RatingAssignment" ADD CONSTRAINT "RatingAssignment_annotatorId_fkey" FOREIGN KEY ("annotatorId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Rating" ADD CONSTRAINT "Rating_imageId_fkey" FOREIGN KEY ("imageId") REFERENCES "Image"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Rating" ADD CONSTRAINT "Rating_criterionId_fkey" FOREIGN KEY ("criterionId") REFERENCES "Criterion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Rating" ADD CONSTRAINT "Rating_annotatorId_fkey" FOREIGN KEY ("annotatorId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Rating" ADD CONSTRAINT "Rating_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "RatingAssignment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

