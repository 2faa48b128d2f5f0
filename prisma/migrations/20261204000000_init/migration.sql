-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "CampaignStatus" AS ENUM ('draft', 'awaiting_payment', 'paid', 'processing', 'completed', 'cancelled', 'failed');

-- CreateEnum
CREATE TYPE "PropertyStatus" AS ENUM ('pending', 'queued', 'scored', 'unassessable', 'no_imagery', 'geocode_failed', 'failed');

-- CreateTable
CREATE TABLE "Campaign" (
    "id" UUID NOT NULL,
    "status" "CampaignStatus" NOT NULL DEFAULT 'draft',
    "ownerEmail" TEXT,
    "fileName" TEXT NOT NULL,
    "sourceColumns" TEXT[],
    "columnMapping" JSONB NOT NULL,
    "defaultCity" TEXT,
    "defaultState" TEXT,
    "rowCount" INTEGER NOT NULL,
    "propertyCount" INTEGER NOT NULL,
    "invalidCount" INTEGER NOT NULL,
    "duplicateCount" INTEGER NOT NULL,
    "invalidRows" JSONB NOT NULL,
    "duplicateRows" JSONB NOT NULL,
    "currency" TEXT NOT NULL DEFAULT 'usd',
    "pricePerPropertyCents" INTEGER NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "amountPaidCents" INTEGER,
    "checkoutSessionId" TEXT,
    "paymentIntentId" TEXT,
    "finishedCount" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "checkoutStartedAt" TIMESTAMP(3),
    "paidAt" TIMESTAMP(3),
    "processingStartedAt" TIMESTAMP(3),
    "completedAt" TIMESTAMP(3),
    "completionEmailSentAt" TIMESTAMP(3),
    "completionEmailId" TEXT,

    CONSTRAINT "Campaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Property" (
    "id" UUID NOT NULL,
    "campaignId" UUID NOT NULL,
    "rowNumber" INTEGER NOT NULL,
    "originalRow" TEXT[],
    "street" TEXT NOT NULL,
    "city" TEXT,
    "state" TEXT,
    "zip" TEXT,
    "normalizedAddress" TEXT NOT NULL,
    "status" "PropertyStatus" NOT NULL DEFAULT 'pending',
    "failureReason" TEXT,
    "inputLatitude" DOUBLE PRECISION,
    "inputLongitude" DOUBLE PRECISION,
    "latitude" DOUBLE PRECISION,
    "longitude" DOUBLE PRECISION,
    "locationType" TEXT,
    "panoId" TEXT,
    "panoLatitude" DOUBLE PRECISION,
    "panoLongitude" DOUBLE PRECISION,
    "imageryDate" TEXT,
    "heading" DOUBLE PRECISION,
    "score" INTEGER,
    "tier" TEXT,
    "confidence" TEXT,
    "indicators" TEXT[],
    "reasoning" TEXT,
    "imageQualityIssues" TEXT,
    "scoringAttempts" INTEGER NOT NULL DEFAULT 0,
    "releasedById" UUID,
    "queuedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "Property_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PropertyImage" (
    "propertyId" UUID NOT NULL,
    "contentType" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PropertyImage_pkey" PRIMARY KEY ("propertyId")
);

-- CreateTable
CREATE TABLE "StripeEvent" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "campaignId" UUID,
    "outcome" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StripeEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Campaign_checkoutSessionId_key" ON "Campaign"("checkoutSessionId");

-- CreateIndex
CREATE INDEX "Campaign_status_idx" ON "Campaign"("status");

-- CreateIndex
CREATE INDEX "Property_campaignId_status_rowNumber_idx" ON "Property"("campaignId", "status", "rowNumber");

-- CreateIndex
CREATE INDEX "Property_releasedById_idx" ON "Property"("releasedById");

-- CreateIndex
CREATE UNIQUE INDEX "Property_campaignId_rowNumber_key" ON "Property"("campaignId", "rowNumber");

-- AddForeignKey
ALTER TABLE "Property" ADD CONSTRAINT "Property_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PropertyImage" ADD CONSTRAINT "PropertyImage_propertyId_fkey" FOREIGN KEY ("propertyId") REFERENCES "Property"("id") ON DELETE CASCADE ON UPDATE CASCADE;

