-- CreateTable
CREATE TABLE "ReleaseTurn" (
    "campaignId" UUID NOT NULL,
    "lastReleasedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReleaseTurn_pkey" PRIMARY KEY ("campaignId")
);

-- AddForeignKey
ALTER TABLE "ReleaseTurn" ADD CONSTRAINT "ReleaseTurn_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Tickets that spread Gemini calls evenly over the throttle's keys (see inngest/functions/score-property.ts).
CREATE SEQUENCE "GeminiCallTicket" AS BIGINT MINVALUE 0 START 0 CYCLE;
