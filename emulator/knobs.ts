import { z } from "zod";

const latencyMs = z.number().int().min(0).max(600_000);
const rate = z.number().min(0).max(1);

/**
 * Runtime settings that shape how the emulated providers behave. Latencies are in
 * milliseconds, rates are fractions of requests from 0 to 1.
 */
export const knobsSchema = z.object({
  geocodeLatencyMs: latencyMs,
  streetViewMetadataLatencyMs: latencyMs,
  streetViewImageLatencyMs: latencyMs,
  geminiLatencyMs: latencyMs,
  stripeLatencyMs: latencyMs,
  resendLatencyMs: latencyMs,
  /** Each delay is shifted by a uniform random amount in ±latencyJitterMs, never below 0. */
  latencyJitterMs: latencyMs,
  /** Fraction of Google, Gemini and Resend requests that get a server error, chosen at random. */
  errorRate: rate,
  /** Fraction of locations without Street View imagery, chosen by a hash of the location. */
  noImageryRate: rate,
  /** Maximum accepted generateContent calls in any trailing 60-second window, or null for no quota. */
  geminiRpm: z.number().int().min(1).nullable(),
  /** Value of the Retry-After header on quota 429s in seconds, or null to send no header. */
  geminiRetryAfterSeconds: z.number().int().min(0).nullable(),
  /** Fraction of Gemini responses whose text is invalid JSON or breaks the response schema. */
  geminiMalformedRate: rate,
  /** Endpoint that receives signed Stripe events when a checkout is paid, or null to skip delivery. */
  stripeWebhookUrl: z.url({ protocol: /^https?$/ }).nullable(),
  stripeWebhookSecret: z.string().min(1),
});

export type Knobs = z.infer<typeof knobsSchema>;

/** Schema of a partial update, as sent to `POST /_emulator/knobs`. Unknown names are rejected. */
export const knobsPatchSchema = knobsSchema.partial().strict();

export const defaultKnobs: Knobs = {
  geocodeLatencyMs: 0,
  streetViewMetadataLatencyMs: 0,
  streetViewImageLatencyMs: 0,
  geminiLatencyMs: 0,
  stripeLatencyMs: 0,
  resendLatencyMs: 0,
  latencyJitterMs: 0,
  errorRate: 0,
  noImageryRate: 0.08,
  geminiRpm: null,
  geminiRetryAfterSeconds: null,
  geminiMalformedRate: 0,
  stripeWebhookUrl: null,
  stripeWebhookSecret: "whsec_emulator",
};

/** Lists each invalid knob of a failed parse with its problem, naming unknown knobs too. */
export function describeKnobIssues(error: z.ZodError): Array<{ knob: string; message: string }> {
  return error.issues.map((issue) => {
    const knob = issue.code === "unrecognized_keys" ? issue.keys.join(", ") : issue.path.join(".");
    const message = issue.code === "unrecognized_keys" ? "unknown knob" : issue.message;
    return { knob, message };
  });
}

/** Environment variable that sets each knob. */
export const knobEnvironmentVariables: Record<keyof Knobs, string> = {
  geocodeLatencyMs: "EMULATOR_GEOCODE_LATENCY_MS",
  streetViewMetadataLatencyMs: "EMULATOR_STREET_VIEW_METADATA_LATENCY_MS",
  streetViewImageLatencyMs: "EMULATOR_STREET_VIEW_IMAGE_LATENCY_MS",
  geminiLatencyMs: "EMULATOR_GEMINI_LATENCY_MS",
  stripeLatencyMs: "EMULATOR_STRIPE_LATENCY_MS",
  resendLatencyMs: "EMULATOR_RESEND_LATENCY_MS",
  latencyJitterMs: "EMULATOR_LATENCY_JITTER_MS",
  errorRate: "EMULATOR_ERROR_RATE",
  noImageryRate: "EMULATOR_NO_IMAGERY_RATE",
  geminiRpm: "EMULATOR_GEMINI_RPM",
  geminiRetryAfterSeconds: "EMULATOR_GEMINI_RETRY_AFTER_SECONDS",
  geminiMalformedRate: "EMULATOR_GEMINI_MALFORMED_RATE",
  stripeWebhookUrl: "EMULATOR_STRIPE_WEBHOOK_URL",
  stripeWebhookSecret: "EMULATOR_STRIPE_WEBHOOK_SECRET",
};

const nullableKnobs = new Set<keyof Knobs>(["geminiRpm", "geminiRetryAfterSeconds", "stripeWebhookUrl"]);
const stringKnobs = new Set<keyof Knobs>(["stripeWebhookUrl", "stripeWebhookSecret"]);

/**
 * Reads the knobs set in the environment. Unset or empty variables are left out; the word
 * `null` clears a nullable knob. Throws an Error that names every invalid variable.
 */
export function readKnobsFromEnvironment(environment: Record<string, string | undefined>): Partial<Knobs> {
  const patch: Record<string, unknown> = {};

  for (const [knob, variable] of Object.entries(knobEnvironmentVariables) as Array<[keyof Knobs, string]>) {
    const text = environment[variable]?.trim();
    if (text === undefined || text === "") {
      continue;
    }

    if (text === "null" && nullableKnobs.has(knob)) {
      patch[knob] = null;
    } else if (stringKnobs.has(knob)) {
      patch[knob] = text;
    } else {
      patch[knob] = Number(text);
    }
  }

  const parsed = knobsPatchSchema.safeParse(patch);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const knob = String(issue.path[0]) as keyof Knobs;
      return `${knobEnvironmentVariables[knob] ?? knob}: ${issue.message}`;
    });
    throw new Error(`Invalid emulator environment. ${problems.join("; ")}`);
  }

  return parsed.data;
}
