-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN     "refundId" TEXT,
ADD COLUMN     "refundedAt" TIMESTAMP(3),
ADD COLUMN     "refundedCents" INTEGER,
ADD COLUMN     "refundedPropertyCount" INTEGER;

