-- CreateEnum
CREATE TYPE "FillPolicy" AS ENUM ('breadth_first', 'depth_first');

-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN     "fillPolicy" "FillPolicy" NOT NULL DEFAULT 'breadth_first';

