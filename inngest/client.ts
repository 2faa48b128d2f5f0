import { Inngest } from "inngest";
import { logger } from "@/lib/logger";

/**
 * The app's Inngest client. Dev-server mode, base URL and keys come from the SDK's own
 * environment variables (INNGEST_DEV, INNGEST_BASE_URL, INNGEST_EVENT_KEY, INNGEST_SIGNING_KEY),
 * which lib/config validates at start-up. The SDK logs through our pino logger, so its step and
 * function errors are JSON lines like ours. Without a logger it writes plain text to the console.
 */
export const inngest = new Inngest({
  id: "curbscore",
  logger,
  internalLogger: logger.child({ component: "inngest-sdk" }),
});
