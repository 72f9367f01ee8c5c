-- AlterTable
ALTER TABLE "Participation" ADD COLUMN     "addressHash" TEXT;

