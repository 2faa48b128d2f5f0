import { Inngest } from "inngest";

/**
 * The app's Inngest client. Dev-server mode, base URL and keys come from the SDK's own
 * environment variables (INNGEST_DEV, INNGEST_BASE_URL, INNGEST_EVENT_KEY, INNGEST_SIGNING_KEY),
 * which lib/config validates at start-up.
 */
export const inngest = new Inngest({ id: "curbscore" });
