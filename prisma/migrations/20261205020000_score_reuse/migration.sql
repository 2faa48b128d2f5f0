-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN     "rerunCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "reuseCheckedAt" TIMESTAMP(3),
ADD COLUMN     "reuseEmail" TEXT,
ADD COLUMN     "reusedCount" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Property" ADD COLUMN     "addressKey" TEXT,
ADD COLUMN     "reusedFromPropertyId" UUID;

-- CreateIndex
CREATE INDEX "Property_addressKey_idx" ON "Property"("addressKey");
