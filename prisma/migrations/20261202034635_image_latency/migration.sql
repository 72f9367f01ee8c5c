-- AlterTable
ALTER TABLE "Image" ADD COLUMN     "generationMs" INTEGER,
ADD COLUMN     "queueMs" INTEGER;

