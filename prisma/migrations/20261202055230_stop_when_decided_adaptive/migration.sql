-- AlterEnum
ALTER TYPE "PairDesign" ADD VALUE 'adaptive';

-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN     "judgmentBudget" INTEGER,
ADD COLUMN     "moneyBudget" DOUBLE PRECISION,
ADD COLUMN     "pricePerJudgment" DOUBLE PRECISION,
ADD COLUMN     "stopAlpha" DOUBLE PRECISION NOT NULL DEFAULT 0.05,
ADD COLUMN     "stopMargin" DOUBLE PRECISION NOT NULL DEFAULT 0.05,
ADD COLUMN     "stopOverriddenAt" TIMESTAMP(3),
ADD COLUMN     "stopWhenDecided" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "stoppedReason" TEXT;

-- CreateTable
CREATE TABLE "CampaignComparison" (
    "campaignId" TEXT NOT NULL,
    "modelAId" TEXT NOT NULL,
    "modelBId" TEXT NOT NULL,
    "decided" BOOLEAN NOT NULL DEFAULT false,
    "priority" DOUBLE PRECISION NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CampaignComparison_pkey" PRIMARY KEY ("campaignId","modelAId","modelBId")
);

-- AddForeignKey
ALTER TABLE "CampaignComparison" ADD CONSTRAINT "CampaignComparison_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

