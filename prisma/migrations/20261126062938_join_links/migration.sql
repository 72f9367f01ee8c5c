-- AlterTable
ALTER TABLE "Participation" ADD COLUMN     "joinLinkId" TEXT;

-- CreateTable
CREATE TABLE "JoinLink" (
    "id" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "label" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT,
    "expiresAt" TIMESTAMP(3),
    "maxAnnotators" INTEGER,
    "revokedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "JoinLink_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "JoinLink_campaignId_idx" ON "JoinLink"("campaignId");

-- CreateIndex
CREATE INDEX "Participation_joinLinkId_idx" ON "Participation"("joinLinkId");

-- CreateIndex
CREATE INDEX "Participation_crowdSource_crowdId_idx" ON "Participation"("crowdSource", "crowdId");

-- AddForeignKey
ALTER TABLE "Participation" ADD CONSTRAINT "Participation_joinLinkId_fkey" FOREIGN KEY ("joinLinkId") REFERENCES "JoinLink"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JoinLink" ADD CONSTRAINT "JoinLink_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

