import { randomUUID } from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { Stack } from "../../scripts/stack/start-stack";
import { closeDb, db, mailbox, payCampaign, readCampaign, realListsDir, stack, uploadList, waitForCampaign } from "../integration/helpers/stack-client";
import { startFaultStack } from "./fault-stack";
import { multipartBody, sendOverLimit, sendRequest, type RawResponse } from "./raw-http";

/** The Accept header of a browser navigation or form post. */
const browserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
const tinyList = "Street,City,State,Zip\n715 N Fremont Ave,Baltimore,MD,21201\n626 N Kenwood Ave,Baltimore,MD,21205\n";

/** Limits the rate-limit tests restart the app with; MAX_UPLOAD_BYTES makes the upload body limit 128 KiB. */
const lowLimits = { UPLOAD_RATE_LIMIT: "3", QUOTE_RATE_LIMIT: "5", CHECKOUT_RATE_LIMIT: "4", RATE_LIMIT_WINDOW_SECONDS: "600", MAX_UPLOAD_BYTES: "65536" };

let running: Stack;

beforeAll(async () => {
  running = await startFaultStack("faults-maintenance");
});

afterAll(async () => {
  await closeDb();
  await running?.stop();
});

type Draft = { campaignId: string; token: string; pagePath: string };

type ClientOptions = { from?: string; accept?: string; forwardedFor?: string };

function clientHeaders(options: ClientOptions): Record<string, string> {
  return { accept: options.accept ?? "application/json", ...(options.forwardedFor ? { "x-forwarded-for": options.forwardedFor } : {}) };
}

async function uploadTinyList(options: ClientOptions = {}): Promise<RawResponse> {
  const { body, contentType } = await multipartBody({ file: { name: "tiny.csv", content: tinyList } });
  return sendRequest(`${stack.appUrl}/api/uploads`, { method: "POST", body, from: options.from, headers: { ...clientHeaders(options), "content-type": contentType } });
}

function startCheckout(draft: Pick<Draft, "campaignId" | "token">, email: string, options: ClientOptions = {}): Promise<RawResponse> {
  return sendRequest(`${stack.appUrl}/api/campaigns/${draft.campaignId}/checkout`, {
    method: "POST",
    from: options.from,
    headers: { ...clientHeaders(options), "content-type": "application/json" },
    body: JSON.stringify({ email, token: draft.token }),
  });
}

const uploadAnswer = z.object({ campaignId: z.uuid(), pageUrl: z.url() });

function draftOf(response: RawResponse): Draft {
  expect(response.status, response.body).toBe(201);
  const { campaignId, pageUrl } = uploadAnswer.parse(JSON.parse(response.body));
  const url = new URL(pageUrl);
  return { campaignId, token: url.searchParams.get("t") ?? "", pagePath: url.pathname + url.search };
}

const errorAnswer = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

function errorOf(response: RawResponse) {
  return errorAnswer.parse(JSON.parse(response.body)).error;
}

function countStatuses(responses: RawResponse[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const response of responses) counts[response.status] = (counts[response.status] ?? 0) + 1;
  return counts;
}

/**
 * Waits out the last 30 seconds of a rate-limit window (windows are aligned to the epoch by the
 * database clock), so every request of one test falls in one window.
 */
async function awayFromWindowEdge(windowSeconds: number): Promise<void> {
  const { rows } = await db().query<{ elapsed: string }>(`SELECT mod(extract(epoch FROM now())::numeric, $1::numeric) AS elapsed`, [windowSeconds]);
  const remaining = windowSeconds - Number(rows[0]?.elapsed);
  if (remaining < 30) await new Promise((resolve) => setTimeout(resolve, (remaining + 1) * 1000));
}

async function campaignCount(): Promise<number> {
  const { rows } = await db().query<{ count: string }>(`SELECT count(*) FROM "Campaign"`);
  return Number(rows[0]?.count);
}

describe("maintenance mode", () => {
  it("pauses upload and checkout while paid campaigns finish", async () => {
    const paid = await uploadList(path.join(realListsDir, "redfin-sold-export-washington-dc.csv"));
    const paidEmail = `maintenance-paid-${paid.campaignId.slice(0, 8)}@example.com`;
    await payCampaign(paid.campaignId, paid.token, paidEmail);

    // A customer who is on Stripe's checkout page when maintenance starts, and pays during it.
    const atStripe = await uploadList(path.join(__dirname, "..", "integration", "fixtures", "baltimore-fifteen.csv"), { defaultCity: "Baltimore", defaultState: "MD" });
    const atStripeEmail = `maintenance-at-stripe-${atStripe.campaignId.slice(0, 8)}@example.com`;
    const checkout = await startCheckout(atStripe, atStripeEmail);
    expect(checkout.status, checkout.body).toBe(200);
    const sessionId = new URL(z.object({ checkoutUrl: z.url() }).parse(JSON.parse(checkout.body)).checkoutUrl).pathname.split("/").pop();

    const draft = draftOf(await uploadTinyList());

    await waitForCampaign(paid.campaignId, (row) => row.finishedCount >= 40, 5 * 60_000);
    await running.restartApp({ MAINTENANCE_MODE: "true" });
    const atRestart = await readCampaign(paid.campaignId);
    expect(atRestart.finishedCount).toBeLessThan(atRestart.propertyCount);
    const campaignsBefore = await campaignCount();

    const uploadPage = await sendRequest(`${stack.appUrl}/`, { headers: { accept: browserAccept } });
    expect(uploadPage.status).toBe(503);
    expect(uploadPage.headers["retry-after"]).toBe("300");
    expect(uploadPage.headers["content-type"]).toMatch(/^text\/html/);
    expect(uploadPage.body).toContain("New uploads are paused for about 5 minutes");
    expect(uploadPage.body).toContain("Campaigns you already paid for keep running");

    const apiUpload = await uploadTinyList();
    expect(apiUpload.status).toBe(503);
    expect(apiUpload.headers["retry-after"]).toBe("300");
    expect(errorOf(apiUpload).code).toBe("maintenance");

    const formUpload = await uploadTinyList({ accept: browserAccept });
    expect(formUpload.status).toBe(503);
    expect(formUpload.headers["retry-after"]).toBe("300");
    expect(formUpload.headers["content-type"]).toMatch(/^text\/html/);
    expect(formUpload.body).toContain("New uploads are paused");

    const apiCheckout = await startCheckout(draft, "maintenance-draft@example.com");
    expect(apiCheckout.status).toBe(503);
    expect(apiCheckout.headers["retry-after"]).toBe("300");
    expect(errorOf(apiCheckout).code).toBe("maintenance");
    expect(errorOf(apiCheckout).message).toContain("New payments are paused");

    const formCheckout = await startCheckout(draft, "maintenance-draft@example.com", { accept: browserAccept });
    expect(formCheckout.status).toBe(503);
    expect(formCheckout.headers["retry-after"]).toBe("300");
    expect(formCheckout.headers["content-type"]).toMatch(/^text\/html/);
    expect(formCheckout.body).toContain("New payments are paused");

    expect(await campaignCount()).toBe(campaignsBefore);
    expect((await readCampaign(draft.campaignId)).status).toBe("draft");

    const reviewPage = await sendRequest(`${stack.appUrl}${draft.pagePath}`, { headers: { accept: browserAccept } });
    expect(reviewPage.status).toBe(200);
    expect(reviewPage.body).toContain("New payments are paused");
    expect(reviewPage.body).not.toContain("Pay and start scoring");

    // Stripe's webhook still lands, so a payment made during maintenance starts its campaign.
    const paidAtStripe = await fetch(`${stack.emulatorUrl}/_emulator/stripe/sessions/${sessionId}/pay`, { method: "POST" });
    expect(paidAtStripe.status).toBe(200);

    const progress = await sendRequest(`${stack.appUrl}/api/campaigns/${paid.campaignId}/progress?t=${paid.token}`);
    expect(progress.status).toBe(200);
    const campaignPage = await sendRequest(`${stack.appUrl}/campaigns/${paid.campaignId}?t=${paid.token}`, { headers: { accept: browserAccept } });
    expect(campaignPage.status).toBe(200);

    for (const [campaignId, email] of [
      [paid.campaignId, paidEmail],
      [atStripe.campaignId, atStripeEmail],
    ] as const) {
      const finished = await waitForCampaign(campaignId, (row) => row.completionEmailSentAt !== null, 10 * 60_000);
      expect(finished.finishedCount).toBe(finished.propertyCount);
      expect((await mailbox()).filter((mail) => mail.to.includes(email))).toHaveLength(1);
    }

    const exported = await sendRequest(`${stack.appUrl}/api/campaigns/${paid.campaignId}/export?t=${paid.token}`);
    expect(exported.status).toBe(200);
    expect(exported.headers["content-type"]).toMatch(/^text\/csv/);
  });
});

describe("rate limits", () => {
  beforeAll(async () => {
    await running.restartApp(lowLimits);
  });

  it("refuses the fourth upload from one address", async () => {
    await awayFromWindowEdge(600);
    // Forged X-Forwarded-For values change nothing while TRUSTED_PROXY_HOPS is 0.
    for (const forged of ["198.51.100.1", "198.51.100.2", "198.51.100.3"]) {
      const accepted = await uploadTinyList({ from: "127.0.0.2", forwardedFor: forged });
      expect(accepted.status, accepted.body).toBe(201);
    }

    const refused = await uploadTinyList({ from: "127.0.0.2", forwardedFor: "198.51.100.4" });
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers["retry-after"]);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(600);
    expect(errorOf(refused).code).toBe("rate_limited");
    expect(errorOf(refused).message).toMatch(/^Too many uploads from your address: 3 are allowed per 10 minutes\. Try again in .+ \(at \d\d:\d\d:\d\d UTC\)\.$/);

    const otherClient = await uploadTinyList({ from: "127.0.0.3" });
    expect(otherClient.status, otherClient.body).toBe(201);
  });

  it("refuses the fifth checkout from one address", async () => {
    await awayFromWindowEdge(600);
    const draft = draftOf(await uploadTinyList({ from: "127.0.0.3" }));
    for (let attempt = 1; attempt <= 4; attempt++) {
      const accepted = await startCheckout(draft, `limit-${attempt}@example.com`, { from: "127.0.0.4" });
      expect(accepted.status, accepted.body).toBe(200);
    }

    const refused = await startCheckout(draft, "limit-5@example.com", { from: "127.0.0.4" });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers["retry-after"])).toBeLessThanOrEqual(600);
    expect(errorOf(refused).message).toMatch(/^Too many checkout attempts from your address: 4 are allowed per 10 minutes\. Try again in /);
  });

  it("refuses the sixth price request from one address", async () => {
    await awayFromWindowEdge(600);
    const draft = draftOf(await uploadTinyList({ from: "127.0.0.11" }));
    const quoteUrl = `${stack.appUrl}/api/campaigns/${draft.campaignId}/quote?t=${encodeURIComponent(draft.token)}`;
    for (let attempt = 1; attempt <= 5; attempt++) {
      const accepted = await sendRequest(quoteUrl, { from: "127.0.0.12", headers: { accept: "application/json" } });
      expect(accepted.status, accepted.body).toBe(200);
    }

    const refused = await sendRequest(quoteUrl, { from: "127.0.0.12", headers: { accept: "application/json" } });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    expect(errorOf(refused).message).toMatch(/^Too many price requests from your address: 5 are allowed per 10 minutes\. Try again in /);
  });

  it("counts concurrent requests exactly", async () => {
    await awayFromWindowEdge(600);
    const uploads = await Promise.all(Array.from({ length: 10 }, () => uploadTinyList({ from: "127.0.0.5" })));
    expect(countStatuses(uploads)).toEqual({ 201: 3, 429: 7 });

    const draft = draftOf(await uploadTinyList({ from: "127.0.0.6" }));
    const checkouts = await Promise.all(Array.from({ length: 12 }, (_, index) => startCheckout(draft, `burst-${index}@example.com`, { from: "127.0.0.7" })));
    expect(countStatuses(checkouts)).toEqual({ 200: 4, 429: 8 });

    const { rows } = await db().query<{ bucket: string; count: number }>(
      `SELECT bucket, count FROM "RateLimitWindow" WHERE "clientKey" IN ('127.0.0.5', '127.0.0.7') ORDER BY bucket`,
    );
    expect(rows).toEqual([
      { bucket: "checkout", count: 12 },
      { bucket: "upload", count: 10 },
    ]);
  });

  it("refuses oversized bodies on every route", async () => {
    const draft = draftOf(await uploadTinyList({ from: "127.0.0.8" }));
    const query = `t=${encodeURIComponent(draft.token)}`;
    const routes: Array<{ name: string; method: string; url: string; limit: number; headers: Record<string, string> }> = [
      { name: "upload", method: "POST", url: "/api/uploads", limit: 128 * 1024, headers: { "content-type": "multipart/form-data; boundary=filler" } },
      { name: "checkout", method: "POST", url: `/api/campaigns/${draft.campaignId}/checkout`, limit: 16 * 1024, headers: { "content-type": "application/json" } },
      { name: "stripe webhook", method: "POST", url: "/api/stripe/webhook", limit: 512 * 1024, headers: { "stripe-signature": "t=1,v1=00" } },
      { name: "inngest", method: "POST", url: "/api/inngest?fnId=curbscore-start-campaign&stepId=step", limit: 33 * 1024 * 1024, headers: { "content-type": "application/json" } },
      { name: "progress", method: "GET", url: `/api/campaigns/${draft.campaignId}/progress?${query}`, limit: 0, headers: {} },
      { name: "quote", method: "GET", url: `/api/campaigns/${draft.campaignId}/quote?${query}`, limit: 0, headers: {} },
      { name: "export", method: "GET", url: `/api/campaigns/${draft.campaignId}/export?${query}`, limit: 0, headers: {} },
      { name: "image", method: "GET", url: `/api/campaigns/${draft.campaignId}/properties/${randomUUID()}/image?${query}`, limit: 0, headers: {} },
    ];

    for (const route of routes) {
      for (const declareLength of [true, false]) {
        const answer = await sendOverLimit(`${stack.appUrl}${route.url}`, {
          method: route.method,
          headers: { ...route.headers, accept: "application/json" },
          limitBytes: route.limit,
          declareLength,
          from: "127.0.0.8",
        });
        const label = `${route.name}, ${declareLength ? "Content-Length" : "chunked"}: ${answer.body.slice(0, 200)}`;
        expect(answer.status, label).toBe(413);
        expect(errorOf(answer).code, label).toBe("payload_too_large");
      }
    }
  });

  it("passes chunked bodies under the limit", async () => {
    const { body, contentType } = await multipartBody({ file: { name: "tiny.csv", content: tinyList } });
    const upload = await sendRequest(`${stack.appUrl}/api/uploads`, {
      method: "POST",
      from: "127.0.0.10",
      headers: { accept: "application/json", "content-type": contentType, "transfer-encoding": "chunked" },
      body,
    });
    expect(upload.status, upload.body).toBe(201);

    // The Inngest route hands a chunked request to the SDK as a new request; registering works through it.
    const register = await sendRequest(`${stack.appUrl}/api/inngest`, { method: "PUT", headers: { "content-type": "application/json", "transfer-encoding": "chunked" }, body: "{}" });
    expect(register.status, register.body).toBe(200);
  });

  it("trusts X-Forwarded-For only from configured proxies", async () => {
    await running.restartApp({ ...lowLimits, TRUSTED_PROXY_HOPS: "1" });
    await awayFromWindowEdge(600);

    for (let attempt = 1; attempt <= 3; attempt++) {
      const accepted = await uploadTinyList({ from: "127.0.0.9", forwardedFor: "198.51.100.7" });
      expect(accepted.status, accepted.body).toBe(201);
    }

    // The proxy appended 198.51.100.7; the entry before it was written by the client and is ignored.
    const forged = await uploadTinyList({ from: "127.0.0.9", forwardedFor: "203.0.113.50, 198.51.100.7" });
    expect(forged.status).toBe(429);

    const otherClientBehindProxy = await uploadTinyList({ from: "127.0.0.9", forwardedFor: "198.51.100.8" });
    expect(otherClientBehindProxy.status, otherClientBehindProxy.body).toBe(201);
  });
});
