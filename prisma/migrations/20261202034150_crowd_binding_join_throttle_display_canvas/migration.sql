-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN     "displayHeight" INTEGER,
ADD COLUMN     "displayWidth" INTEGER;

-- AlterTable
ALTER TABLE "Participation" ADD COLUMN     "browserKeyHash" TEXT;

-- CreateTable
CREATE TABLE "JoinThrottle" (
    "addressKey" TEXT NOT NULL,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "JoinThrottle_pkey" PRIMARY KEY ("addressKey")
);

-- CreateIndex
CREATE INDEX "JoinThrottle_windowStart_idx" ON "JoinThrottle"("windowStart");

-- CreateIndex
CREATE INDEX "Participation_campaignId_browserKeyHash_idx" ON "Participation"("campaignId", "browserKeyHash");


-- Display copies made before campaigns had one canvas kept each model's own size (the sides
-- could be told apart by size); forget them, they are made again on the next view.
UPDATE "Image" SET "displayKey" = NULL WHERE "displayKey" IS NOT NULL;
