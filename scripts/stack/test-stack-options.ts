import { providerKeyNames, type StackOptions } from "./start-stack";

/**
 * Rate limits for test stacks: every integration and browser test uploads and pays from
 * 127.0.0.1, so the per-client defaults (20 uploads, 30 checkouts per 10 minutes) would make the
 * suite's outcome depend on how many lists it uploads. The limit tests restart the app with low ones.
 */
export const testRateLimitEnv = { UPLOAD_RATE_LIMIT: "1000", QUOTE_RATE_LIMIT: "1000", CHECKOUT_RATE_LIMIT: "1000" };

/**
 * The stack the test suite runs against. The Gemini budget is high enough to finish real lists
 * in a minute or two, and the emulator enforces the same budget, so any call over it would be
 * answered 429 and counted.
 */
export function testStackOptions(log: (line: string) => void): StackOptions {
  const enginePort = Number(process.env.TEST_INNGEST_PORT ?? 8388);
  return {
    name: process.env.TEST_STACK_NAME ?? "test",
    appPort: Number(process.env.TEST_APP_PORT ?? 3210),
    enginePort,
    engineExtraPorts: [enginePort + 1, enginePort + 2, enginePort + 3],
    freshDatabase: true,
    geminiRpm: 600,
    emulatorKnobs: { geocodeLatencyMs: 20, streetViewMetadataLatencyMs: 10, streetViewImageLatencyMs: 20, geminiLatencyMs: 150, latencyJitterMs: 10 },
    appEnv: testRateLimitEnv,
    log,
  };
}

/** Environment variables through which test processes find a running stack. */
export function stackEnvironment(stack: { appUrl: string; engineUrl: string; emulatorUrl: string | null; databaseUrl: string; appEnv: NodeJS.ProcessEnv }): Record<string, string> {
  return {
    STACK_APP_URL: stack.appUrl,
    STACK_ENGINE_URL: stack.engineUrl,
    STACK_EMULATOR_URL: stack.emulatorUrl ?? "",
    DATABASE_URL: stack.databaseUrl,
    SECRET_KEY: stack.appEnv.SECRET_KEY ?? "",
    GEMINI_RPM: stack.appEnv.GEMINI_RPM ?? "",
    STRIPE_WEBHOOK_SECRET: stack.appEnv.STRIPE_WEBHOOK_SECRET ?? "",
    // The app's provider keys, so tests can check that no page or response contains one.
    STACK_PROVIDER_KEYS: JSON.stringify(providerKeyNames.map((name) => stack.appEnv[name] ?? "").filter((value) => value !== "")),
  };
}
