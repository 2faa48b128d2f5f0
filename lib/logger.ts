import pino from "pino";

/**
 * Structured JSON logger. Log fields first (campaignId, propertyId, runId, stripeEventId) and a
 * short message; never a key, a token or a customer's address list.
 */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? "info",
  base: { service: "curbscore" },
  redact: ["*.apiKey", "*.secretKey", "*.token", "headers.authorization"],
});
