import { z } from "zod";

const booleanText = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((value) => value === "true" || value === "1");

const httpUrl = z.url({ protocol: /^https?$/, message: "must be an http:// or https:// URL" });

const environmentSchema = z
  .object({
    DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgresql:// connection URL"),
    APP_URL: httpUrl.default("http://127.0.0.1:3000"),
    SECRET_KEY: z.string().min(32, "must be at least 32 characters (use `openssl rand -hex 32`)"),

    GOOGLE_MAPS_API_KEY: z.string().min(1),
    GOOGLE_MAPS_BASE_URL: httpUrl.default("https://maps.googleapis.com"),

    GEMINI_API_KEY: z.string().min(1),
    GEMINI_BASE_URL: httpUrl.optional(),
    GEMINI_MODEL: z.string().min(1).default("gemini-2.5-flash"),
    GEMINI_RPM: z.coerce.number().int().min(1).max(100_000).default(15),

    STRIPE_SECRET_KEY: z.string().regex(/^(sk|rk)_/, "must be a Stripe secret key (sk_... or rk_...)"),
    STRIPE_WEBHOOK_SECRET: z.string().regex(/^whsec_/, "must be a webhook signing secret (whsec_...)"),
    STRIPE_API_BASE_URL: httpUrl.default("https://api.stripe.com"),

    RESEND_API_KEY: z.string().min(1),
    RESEND_BASE_URL: httpUrl.default("https://api.resend.com"),
    EMAIL_FROM: z.string().min(3).default("Curbscore <results@curbscore.test>"),

    PRICE_PER_PROPERTY_CENTS: z.coerce.number().int().min(1).max(100_000).default(5),
    MAX_UPLOAD_ROWS: z.coerce.number().int().min(1).max(1_000_000).default(50_000),
    MAX_UPLOAD_BYTES: z.coerce.number().int().min(1024).default(25 * 1024 * 1024),
    RESULTS_LINK_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    /** Properties of one campaign in the pipeline at once; unset derives it from GEMINI_RPM. */
    SCORING_WINDOW: z.coerce.number().int().min(1).max(1000).optional(),
    MAINTENANCE_MODE: booleanText,
    /** Seconds a maintenance response asks clients to wait (Retry-After). */
    MAINTENANCE_RETRY_AFTER_SECONDS: z.coerce.number().int().min(1).max(24 * 60 * 60).default(300),
    /** Uploads (each also returns the quote) and checkout starts one client may make per window. */
    UPLOAD_RATE_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(20),
    CHECKOUT_RATE_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(30),
    /** Price requests (GET .../quote) one client may make per window. */
    QUOTE_RATE_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(120),
    RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(24 * 60 * 60).default(600),
    /** Reverse proxies in front of the app that append to X-Forwarded-For; 0 trusts no such header. */
    TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
    /** Minutes without progress after which a campaign's unfinished work is sent again. */
    STALLED_AFTER_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(10),
    /** Days a property's score can be reused free for the same customer; 0 turns reuse off. */
    SCORE_REUSE_DAYS: z.coerce
      .number({ message: "must be a whole number of days (0 turns reuse off)" })
      .int("must be a whole number of days (0 turns reuse off)")
      .min(0, "must be 0 (off) or more days")
      .max(3650, "must be at most 3650 days")
      .default(90),

    INNGEST_DEV: booleanText,
    INNGEST_BASE_URL: httpUrl.optional(),
    INNGEST_EVENT_KEY: z.string().optional(),
    INNGEST_SIGNING_KEY: z.string().optional(),

    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  })
  .superRefine((environment, context) => {
    if (!environment.INNGEST_DEV && !environment.INNGEST_SIGNING_KEY) {
      context.addIssue({
        code: "custom",
        path: ["INNGEST_SIGNING_KEY"],
        message: "is required unless INNGEST_DEV=1 (the local dev server)",
      });
    }
  });

export type Config = ReturnType<typeof toConfig>;

let cached: Config | undefined;

/**
 * Parses the environment once and returns the typed configuration. Throws one error that names
 * every missing or invalid variable, so a misconfigured server fails at start-up.
 */
export function getConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}

/** Validates `environment` and returns the configuration, or throws one error naming every bad variable. */
export function parseConfig(environment: Record<string, string | undefined>): Config {
  const parsed = environmentSchema.safeParse(environment);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = issue.path.join(".") || "(environment)";
      const value = environment[name];
      return value === undefined ? `  ${name}: missing (${issue.message})` : `  ${name}: invalid, ${issue.message}`;
    });
    throw new Error(`Invalid configuration:\n${lines.join("\n")}\nSee the Configuration section of README.md.`);
  }
  return toConfig(parsed.data);
}

function toConfig(environment: z.infer<typeof environmentSchema>) {
  const stripeUrl = new URL(environment.STRIPE_API_BASE_URL);
  const providerUrls = [
    environment.GOOGLE_MAPS_BASE_URL,
    environment.GEMINI_BASE_URL,
    environment.STRIPE_API_BASE_URL,
    environment.RESEND_BASE_URL,
  ];

  return {
    databaseUrl: environment.DATABASE_URL,
    appUrl: environment.APP_URL.replace(/\/$/, ""),
    secretKey: environment.SECRET_KEY,
    google: {
      apiKey: environment.GOOGLE_MAPS_API_KEY,
      baseUrl: environment.GOOGLE_MAPS_BASE_URL.replace(/\/$/, ""),
    },
    gemini: {
      apiKey: environment.GEMINI_API_KEY,
      baseUrl: environment.GEMINI_BASE_URL,
      model: environment.GEMINI_MODEL,
      requestsPerMinute: environment.GEMINI_RPM,
    },
    stripe: {
      secretKey: environment.STRIPE_SECRET_KEY,
      webhookSecret: environment.STRIPE_WEBHOOK_SECRET,
      host: stripeUrl.hostname,
      port: Number(stripeUrl.port || (stripeUrl.protocol === "https:" ? 443 : 80)),
      protocol: stripeUrl.protocol === "https:" ? ("https" as const) : ("http" as const),
    },
    resend: {
      apiKey: environment.RESEND_API_KEY,
      baseUrl: environment.RESEND_BASE_URL.replace(/\/$/, ""),
      from: environment.EMAIL_FROM,
    },
    pricePerPropertyCents: environment.PRICE_PER_PROPERTY_CENTS,
    maxUploadRows: environment.MAX_UPLOAD_ROWS,
    maxUploadBytes: environment.MAX_UPLOAD_BYTES,
    resultsLinkTtlDays: environment.RESULTS_LINK_TTL_DAYS,
    scoringWindow: environment.SCORING_WINDOW ?? defaultScoringWindow(environment.GEMINI_RPM),
    maintenanceMode: environment.MAINTENANCE_MODE,
    maintenanceRetryAfterSeconds: environment.MAINTENANCE_RETRY_AFTER_SECONDS,
    rateLimits: {
      upload: environment.UPLOAD_RATE_LIMIT,
      quote: environment.QUOTE_RATE_LIMIT,
      checkout: environment.CHECKOUT_RATE_LIMIT,
      windowSeconds: environment.RATE_LIMIT_WINDOW_SECONDS,
    },
    trustedProxyHops: environment.TRUSTED_PROXY_HOPS,
    stalledAfterMinutes: environment.STALLED_AFTER_MINUTES,
    scoreReuseDays: environment.SCORE_REUSE_DAYS,
    logLevel: environment.LOG_LEVEL,
    /** True when any provider is reached on this machine, which means the local emulator. */
    usesLocalProviders: providerUrls.some((url) => url !== undefined && isLoopbackUrl(url)),
  };
}

/**
 * Sizes the pipeline's window, the properties in flight across all campaigns, to about five seconds
 * of the Gemini budget. That keeps every throttle key busy while geocoding, imagery and the Gemini
 * call itself take their time, and a campaign paid later queues behind only seconds of other work.
 * Six seconds measured no better use of the budget and a late campaign's last property waited a
 * throttle period longer.
 */
function defaultScoringWindow(requestsPerMinute: number): number {
  return Math.min(200, Math.max(3, Math.ceil((requestsPerMinute / 60) * 5)));
}

function isLoopbackUrl(url: string): boolean {
  const hostname = new URL(url).hostname;
  return hostname === "localhost" || hostname === "[::1]" || hostname.startsWith("127.");
}
