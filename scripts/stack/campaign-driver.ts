import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/** Drives campaigns through a running stack over HTTP, as a customer's browser and Stripe would. */

const uploadAnswer = z.object({ campaignId: z.uuid(), pageUrl: z.url() });

/** Uploads a file through the app's upload route, as the browser form does. */
export async function uploadFile(appUrl: string, filePath: string, fields: Record<string, string> = {}): Promise<{ campaignId: string; token: string }> {
  const form = new FormData();
  form.set("file", new Blob([readFileSync(filePath)], { type: "text/csv" }), path.basename(filePath));
  for (const [name, value] of Object.entries(fields)) form.set(name, value);

  const response = await fetch(`${appUrl}/api/uploads`, { method: "POST", body: form });
  const body = await response.json();
  if (response.status !== 201) throw new Error(`upload of ${path.basename(filePath)} returned ${response.status}: ${JSON.stringify(body)}`);

  const { campaignId, pageUrl } = uploadAnswer.parse(body);
  return { campaignId, token: new URL(pageUrl).searchParams.get("t") ?? "" };
}

/** Starts checkout through the app and pays on the emulator, which signs and delivers the webhook. */
export async function payWithEmulator(
  appUrl: string,
  emulatorUrl: string,
  campaignId: string,
  token: string,
  email: string,
): Promise<{ sessionId: string; eventId: string }> {
  const response = await fetch(`${appUrl}/api/campaigns/${campaignId}/checkout`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, token }),
  });
  const body = await response.json();
  if (!response.ok) throw new Error(`checkout returned ${response.status}: ${JSON.stringify(body)}`);

  const { checkoutUrl } = z.object({ checkoutUrl: z.url() }).parse(body);
  const sessionId = new URL(checkoutUrl).pathname.split("/").pop() ?? "";
  const paid = await fetch(`${emulatorUrl}/_emulator/stripe/sessions/${sessionId}/pay`, { method: "POST" });
  const paidBody = await paid.json();
  if (!paid.ok) throw new Error(`emulator pay returned ${paid.status}: ${JSON.stringify(paidBody)}`);
  return { sessionId, eventId: z.object({ eventId: z.string() }).parse(paidBody).eventId };
}

const statsSchema = z
  .object({
    gemini: z.object({ acceptedCallTimes: z.array(z.number()), rateLimitedCount: z.number(), maxCallsInAnyWindow: z.number() }),
    stripe: z.object({ sessionsPaid: z.number() }).passthrough(),
  })
  .passthrough();

export async function readEmulatorStats(emulatorUrl: string) {
  const response = await fetch(`${emulatorUrl}/_emulator/stats`);
  return statsSchema.parse(await response.json());
}
