/**
 * Validates the configuration when the server starts, so a bad environment fails at once, and
 * starts recording each request's client address chain for the rate limits.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;

  const { getConfig } = await import("@/lib/config");
  getConfig();

  const { recordForwardedChains } = await import("@/lib/http/record-forwarded-chains");
  recordForwardedChains();
}
