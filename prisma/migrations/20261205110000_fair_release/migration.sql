-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN     "lastReleasedAt" TIMESTAMP(3);

-- Tickets that spread Gemini calls evenly over the throttle's keys (see inngest/functions/score-property.ts).
CREATE SEQUENCE "GeminiCallTicket" AS BIGINT MINVALUE 0 START 0 CYCLE;
