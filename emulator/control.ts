import type { ServerResponse } from "node:http";
import { z } from "zod";

import { escapeHtml, renderPage } from "./html";
import { sendHtml, sendJson, type Route, type RouteRequest } from "./http";
import { describeKnobIssues, knobEnvironmentVariables, knobsPatchSchema, type Knobs } from "./knobs";
import { defaultQuotaWindowMs, type StatsRecorder } from "./stats";

/** Access to the running emulator's knobs, stats and state, for the control routes. */
export interface EmulatorControls {
  knobs(): Knobs;
  setKnobs(patch: Partial<Knobs>): void;
  stats: StatsRecorder;
  /** Clears the stats and every stored object: sessions, events, refunds, emails, quota window. */
  resetState(): void;
}

const windowQuerySchema = z.object({ windowMs: z.coerce.number().int().min(1).max(86_400_000).default(defaultQuotaWindowMs) });

/** Routes under `/_emulator` for tests and operators, and the index page at `/`. */
export function controlRoutes(controls: EmulatorControls): Route[] {
  return [
    { method: "GET", pattern: /^\/$/, handler: (_request, response) => sendHtml(response, 200, renderIndexPage(controls.knobs())) },
    { method: "GET", pattern: /^\/_emulator\/knobs$/, handler: (_request, response) => sendJson(response, 200, controls.knobs()) },
    { method: "POST", pattern: /^\/_emulator\/knobs$/, handler: (request, response) => updateKnobs(controls, request, response) },
    { method: "GET", pattern: /^\/_emulator\/stats$/, handler: (request, response) => sendStats(controls, request, response) },
    {
      method: "POST",
      pattern: /^\/_emulator\/reset$/,
      handler: (_request, response) => {
        controls.resetState();
        sendJson(response, 200, { reset: true });
      },
    },
  ];
}

function updateKnobs(controls: EmulatorControls, request: RouteRequest, response: ServerResponse): void {
  let json: unknown;
  try {
    json = JSON.parse(request.body.toString("utf8") || "{}");
  } catch {
    sendJson(response, 400, { error: "The request body is not valid JSON. Send an object of knob names and values." });
    return;
  }

  const patch = knobsPatchSchema.safeParse(json);
  if (!patch.success) {
    const issues = describeKnobIssues(patch.error);
    sendJson(response, 400, { error: "Invalid knobs. See issues for each rejected knob; GET /_emulator/knobs lists the valid names.", issues });
    return;
  }

  controls.setKnobs(patch.data);
  sendJson(response, 200, controls.knobs());
}

function sendStats(controls: EmulatorControls, request: RouteRequest, response: ServerResponse): void {
  const query = windowQuerySchema.safeParse(Object.fromEntries(request.url.searchParams));
  if (!query.success) {
    sendJson(response, 400, { error: `Invalid windowMs: ${query.error.issues[0]?.message}. Give a whole number of milliseconds.` });
    return;
  }
  sendJson(response, 200, controls.stats.toJson(query.data.windowMs));
}

const endpoints: Array<[string, string]> = [
  ["GET /maps/api/geocode/json?address=…&key=…", "Google Geocoding"],
  ["GET /maps/api/streetview/metadata?location=LAT,LNG&key=…", "Street View metadata"],
  ["GET /maps/api/streetview?pano=…&size=640x400&heading=…&key=…", "Street View image (PNG)"],
  ["POST /v1beta/models/{model}:generateContent", "Gemini (header x-goog-api-key)"],
  ["POST /v1/checkout/sessions, GET /v1/checkout/sessions/{id}", "Stripe Checkout Sessions"],
  ["GET /checkout/pay/{id}", "Hosted test checkout page"],
  ["POST /v1/refunds, GET /v1/refunds?payment_intent=…", "Stripe refunds"],
  ["POST /emails, GET /emails/{id}", "Resend"],
  ["GET /_emulator/knobs, POST /_emulator/knobs", "Read or change the knobs (JSON)"],
  ["GET /_emulator/stats?windowMs=60000", "Request counts and the Gemini quota record"],
  ["POST /_emulator/reset", "Clear stats and stored state"],
  ["POST /_emulator/stripe/sessions/{id}/pay", "Pay a session without a browser"],
  ["POST /_emulator/stripe/events/{id}/redeliver", "Send a Stripe event again"],
  ["GET /_emulator/stripe/events", "Stripe events and their deliveries"],
  ["GET /_emulator/mailbox", "Sent emails (JSON)"],
];

function renderIndexPage(knobs: Knobs): string {
  const endpointRows = endpoints.map(([path, purpose]) => `<tr><td><code>${escapeHtml(path)}</code></td><td>${escapeHtml(purpose)}</td></tr>`).join("\n");
  const knobRows = (Object.entries(knobs) as Array<[keyof Knobs, unknown]>)
    .map(([name, value]) => {
      const displayedValue = name === "stripeWebhookSecret" ? "(set)" : JSON.stringify(value);
      return `<tr><td><code>${name}</code></td><td><code>${escapeHtml(knobEnvironmentVariables[name])}</code></td><td>${escapeHtml(displayedValue)}</td></tr>`;
    })
    .join("\n");

  return renderPage(
    "Curbscore provider emulator",
    `<h1>Curbscore provider emulator</h1>
<p>Local stand-ins for Google Maps, Gemini, Stripe and Resend. <a href="/mailbox">Open the mailbox</a>.</p>
<h2>Endpoints</h2>
<table><thead><tr><th>Request</th><th>Purpose</th></tr></thead><tbody>
${endpointRows}
</tbody></table>
<h2>Knobs</h2>
<table><thead><tr><th>Knob</th><th>Environment variable</th><th>Value</th></tr></thead><tbody>
${knobRows}
</tbody></table>`,
  );
}
