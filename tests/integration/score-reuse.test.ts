import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signResultsToken } from "@/lib/links/results-token";
import { quoteCampaign } from "@/lib/pricing";
import { closeDb, db, emulatorStats, mailbox, payCampaign, readCampaign, stack, uploadList, waitForCampaign } from "./helpers/stack-client";

/**
 * Duplicates and reuse, injected for real on the shared stack: a repeated row is charged once; a
 * re-upload by the same customer (proven by the emailed link) reuses the earlier scores free and
 * never sends those properties to a provider; a typed email, another email, no email or scores
 * older than the window reuse nothing.
 */

afterAll(closeDb);

const price = 5;
const run = Date.now().toString(36);
const customer = `reuse-${run}@example.com`;
const stranger = `stranger-${run}@example.com`;
const listDir = mkdtempSync(path.join(os.tmpdir(), "curbscore-reuse-"));
const baltimore = { defaultCity: "Baltimore", defaultState: "MD" };

/** The fifteen Baltimore addresses of the shared fixture, in file order. */
const earlier = [
  "715 N FREMONT AVE",
  "626 N KENWOOD AVE",
  "1722 DIVISION ST",
  "901 MCKEAN AVE",
  "3030 W NORTH AVE",
  "817 N CALHOUN ST",
  "612 N MONTFORD AVE",
  "1651 N MILTON AVE",
  "1824 ASHBURTON ST",
  "4606 CRADDOCK AVE",
  "4402 SAINT GEORGES AVE",
  "1947 PENROSE AVE",
  "3810 CLAREMONT ST",
  "718 N GILMOR ST",
  "1354 CARROLL ST",
];
const fresh = ["1200 N CHARLES ST", "2100 E MONUMENT ST", "3400 GREENMOUNT AVE", "500 W 29TH ST", "1800 N CALVERT ST"];
/** The re-upload: eight addresses of the first list, in another order and spelling, and five new ones. */
const overlap = earlier.slice(0, 8);
const secondList = [...fresh.slice(0, 2), ...overlap.map((street) => street.toLowerCase()), ...fresh.slice(2)];

function writeList(name: string, streets: string[]): string {
  const file = path.join(listDir, `${name}-${run}.csv`);
  writeFileSync(file, `fullAddress\n${streets.join("\n")}\n`);
  return file;
}

type UploadBody = {
  campaignId: string;
  pageUrl: string;
  quote: { propertyCount: number; amountCents: number; reusedCount: number };
  reuse: { email: string; days: number; message: string } | null;
};

async function upload(file: string, fields: Record<string, string>): Promise<{ status: number; body: UploadBody & { error?: { message: string } } }> {
  const form = new FormData();
  form.set("file", new Blob([await import("node:fs").then((fs) => fs.readFileSync(file))], { type: "text/csv" }), path.basename(file));
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  const response = await fetch(`${stack.appUrl}/api/uploads`, { method: "POST", body: form });
  return { status: response.status, body: await response.json() };
}

type QuoteBody = { propertyCount: number; reusedCount: number; chargeableCount: number; amountCents: number; reuseEmail: string | null; reuseNotice: string | null };

async function quote(campaignId: string, token: string): Promise<QuoteBody> {
  const response = await fetch(`${stack.appUrl}/api/campaigns/${campaignId}/quote?t=${encodeURIComponent(token)}`);
  expect(response.status).toBe(200);
  return (await response.json()) as QuoteBody;
}

async function page(campaignId: string, token: string): Promise<string> {
  const response = await fetch(`${stack.appUrl}/campaigns/${campaignId}?t=${encodeURIComponent(token)}`);
  expect(response.status).toBe(200);
  return response.text();
}

async function startCheckout(campaignId: string, token: string, email: string) {
  const response = await fetch(`${stack.appUrl}/api/campaigns/${campaignId}/checkout`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, token }),
  });
  return { status: response.status, body: (await response.json()) as { checkoutUrl?: string | null; free?: boolean; pageUrl?: string; error?: { message: string } } };
}

async function stripeSession(sessionId: string): Promise<{ amount_total: number; customer_email: string | null; metadata: Record<string, string> }> {
  const response = await fetch(`${stack.emulatorUrl}/v1/checkout/sessions/${sessionId}`, { headers: { authorization: "Bearer sk_test_emulator" } });
  expect(response.status).toBe(200);
  return response.json();
}

/** A token for the campaign that claims `reuseEmail`, as only the emailed link carries. */
function reuseToken(campaignId: string, reuseEmail: string): string {
  return signResultsToken(campaignId, new Date(Date.now() + 3_600_000), process.env.SECRET_KEY ?? "", { reuseEmail });
}

async function mailsFor(email: string, subjectPart: string) {
  return (await mailbox()).filter((mail) => mail.to.includes(email) && mail.subject.includes(subjectPart));
}

async function waitForMail(email: string, subjectPart: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await mailsFor(email, subjectPart);
    if (found.length > 0) return found;
    if (Date.now() > deadline) throw new Error(`no email to ${email} about "${subjectPart}" within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Waits until the background reuse check of an upload has run. */
async function waitForReuseCheck(campaignId: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { rows } = await db().query<{ reuseCheckedAt: Date | null }>(`SELECT "reuseCheckedAt" FROM "Campaign" WHERE id = $1`, [campaignId]);
    if (rows[0]?.reuseCheckedAt) return;
    if (Date.now() > deadline) throw new Error(`the reuse check of ${campaignId} did not run within a minute`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

function linkIn(html: string, campaignId: string): string {
  const match = new RegExp(`/campaigns/${campaignId}\\?t=([^"&\\s<]+)`).exec(html);
  if (!match?.[1]) throw new Error(`no link to campaign ${campaignId} in the email`);
  return decodeURIComponent(match[1]);
}

type PropertyRow = {
  id: string;
  normalizedAddress: string;
  status: string;
  score: number | null;
  tier: string | null;
  confidence: string | null;
  indicators: string[];
  reasoning: string | null;
  imageryDate: string | null;
  panoId: string | null;
  heading: number | null;
  latitude: number | null;
  finishedAt: Date | null;
  queuedAt: Date | null;
  scoringAttempts: number;
  reusedFromPropertyId: string | null;
  imageHash: string | null;
};

async function properties(campaignId: string): Promise<PropertyRow[]> {
  const { rows } = await db().query<PropertyRow>(
    `SELECT p.id, p."normalizedAddress", p.status, p.score, p.tier, p.confidence, p.indicators, p.reasoning, p."imageryDate", p."panoId",
            p.heading, p.latitude, p."finishedAt", p."queuedAt", p."scoringAttempts", p."reusedFromPropertyId", md5(i.bytes) AS "imageHash"
     FROM "Property" p LEFT JOIN "PropertyImage" i ON i."propertyId" = p.id
     WHERE p."campaignId" = $1 ORDER BY p."rowNumber"`,
    [campaignId],
  );
  return rows;
}

type Money = { amountCents: number; amountPaidCents: number | null; refundedCents: number | null; refundedPropertyCount: number | null; reusedCount: number; ownerEmail: string | null };

async function money(campaignId: string): Promise<Money> {
  const { rows } = await db().query<Money>(
    `SELECT "amountCents", "amountPaidCents", "refundedCents", "refundedPropertyCount", "reusedCount", "ownerEmail" FROM "Campaign" WHERE id = $1`,
    [campaignId],
  );
  return rows[0]!;
}

type Requests = { geocode: number; streetViewMetadata: number; streetViewImage: number; gemini: number; stripe: number };

async function requests(): Promise<Requests & { sessionsCreated: number }> {
  const stats = (await emulatorStats()) as unknown as { requests: Requests; stripe: { sessionsCreated: number } };
  return { ...stats.requests, sessionsCreated: stats.stripe.sessionsCreated };
}

const unscored = ["unassessable", "no_imagery", "geocode_failed", "failed"];
const done = (row: { status: string; completionEmailSentAt: Date | null }) => row.status === "completed" && row.completionEmailSentAt !== null;

describe("duplicates and reuse of earlier scores", () => {
  let first: { campaignId: string; token: string; file: string };
  let firstRows: PropertyRow[];

  beforeAll(async () => {
    // The first list repeats one address exactly and once in other letter case.
    const file = writeList("first", [...earlier, earlier[0]!, earlier[3]!.toLowerCase()]);
    const uploaded = await upload(file, { ...baltimore, email: `  ${customer.toUpperCase()} ` });
    expect(uploaded.status).toBe(201);
    first = { campaignId: uploaded.body.campaignId, token: new URL(uploaded.body.pageUrl).searchParams.get("t") ?? "", file };
  });

  it("charges an address repeated in one upload once", async () => {
    const campaign = await db().query<{ propertyCount: number; duplicateCount: number; amountCents: number; ownerEmail: string }>(
      `SELECT "propertyCount", "duplicateCount", "amountCents", "ownerEmail" FROM "Campaign" WHERE id = $1`,
      [first.campaignId],
    );
    expect(campaign.rows[0]).toEqual({ propertyCount: 15, duplicateCount: 2, amountCents: 15 * price, ownerEmail: customer });

    const { sessionId } = await payCampaign(first.campaignId, first.token, customer);
    expect((await stripeSession(sessionId)).amount_total).toBe(15 * price);
    await waitForCampaign(first.campaignId, done, 5 * 60_000);
    expect((await money(first.campaignId)).amountPaidCents).toBe(15 * price);
    firstRows = await properties(first.campaignId);
    expect(firstRows).toHaveLength(15);

    // The first upload had nothing to reuse, so no offer went out.
    await waitForReuseCheck(first.campaignId);
    expect(await mailsFor(customer, "already scored for you")).toHaveLength(0);
  });

  it("rejects a mistyped email at upload, naming it", async () => {
    const { status, body } = await upload(writeList("typo", fresh), { ...baltimore, email: "buyer@@example" });
    expect(status).toBe(400);
    expect(body.error?.message).toContain('"buyer@@example" is not a valid email address');
  });

  describe("re-upload by the same customer", () => {
    let second: { campaignId: string; plainToken: string; linkToken: string; file: string };
    let reusable: PropertyRow[];

    it("emails a link whose quote includes the earlier scores free; other links pay in full", async () => {
      expect(firstRows, "the first campaign must have finished").toBeDefined();
      reusable = firstRows.filter((row) => overlap.some((street) => row.normalizedAddress.startsWith(street)) && row.status === "scored");
      expect(reusable.length).toBeGreaterThan(3);

      const file = writeList("second", secondList);
      const uploaded = await upload(file, { ...baltimore, email: customer });
      expect(uploaded.status).toBe(201);
      // The upload's response does not reveal whether the email has earlier scores.
      expect(uploaded.body.quote).toMatchObject({ propertyCount: 13, amountCents: 13 * price, reusedCount: 0 });
      expect(uploaded.body.reuse?.message).toContain(`we email ${customer} a link`);
      const campaignId = uploaded.body.campaignId;
      const plainToken = new URL(uploaded.body.pageUrl).searchParams.get("t") ?? "";

      const [offer] = await waitForMail(customer, `in ${path.basename(file)} already scored for you`);
      expect(offer?.subject).toContain(`${reusable.length} of 13 properties`);
      const linkToken = linkIn(offer!.html, campaignId);
      second = { campaignId, plainToken, linkToken, file };

      const expected = quoteCampaign(13, price, reusable.length);
      const linkQuote = await quote(campaignId, linkToken);
      expect(linkQuote).toMatchObject({ reusedCount: reusable.length, chargeableCount: 13 - reusable.length, amountCents: expected.amountCents, reuseEmail: customer });
      expect(linkQuote.reuseNotice).toBe(`${reusable.length} properties already scored for you in the last 90 days are included free.`);
      const linkPage = await page(campaignId, linkToken);
      expect(linkPage).toContain(`${reusable.length} properties already scored for you in the last 90 days are included free.`);
      expect(linkPage).not.toContain('data-testid="reuse-check-notice"');

      // The link from the upload itself prices every property and shows nothing about earlier scores.
      expect(await quote(campaignId, plainToken)).toMatchObject({ reusedCount: 0, amountCents: 13 * price, reuseEmail: null });
      const plainPage = await page(campaignId, plainToken);
      expect(plainPage).not.toContain('data-testid="reuse-notice"');
      expect(plainPage).toContain('data-testid="reuse-check-notice"');
      expect(plainPage).toContain("Total: <!-- -->$0.65");
    });

    it("keeps the results of the emailed link with that address", async () => {
      const { status, body } = await startCheckout(second.campaignId, second.linkToken, stranger);
      expect(status).toBe(400);
      expect(body.error?.message).toContain(`the results go to ${customer}`);
    });

    it("charges only the new properties and never sends the reused ones to a provider", async () => {
      const before = await requests();
      const { sessionId } = await payCampaign(second.campaignId, second.linkToken, customer);
      const session = await stripeSession(sessionId);
      expect(session.amount_total).toBe(quoteCampaign(13, price, reusable.length).amountCents);
      expect(session.customer_email).toBe(customer);

      await waitForCampaign(second.campaignId, done, 5 * 60_000);
      const after = await requests();
      const rows = await properties(second.campaignId);
      const reused = rows.filter((row) => row.reusedFromPropertyId !== null);
      const scoredHere = rows.filter((row) => row.reusedFromPropertyId === null);
      expect(reused).toHaveLength(reusable.length);
      expect(scoredHere).toHaveLength(13 - reusable.length);

      // Each reused property carries the first campaign's result and image, untouched by the pipeline.
      for (const row of reused) {
        const source = firstRows.find((candidate) => candidate.id === row.reusedFromPropertyId);
        expect(source, `source of ${row.normalizedAddress}`).toBeDefined();
        expect(row.normalizedAddress).toBe(source!.normalizedAddress);
        expect(row).toMatchObject({
          status: "scored",
          score: source!.score,
          tier: source!.tier,
          confidence: source!.confidence,
          indicators: source!.indicators,
          reasoning: source!.reasoning,
          imageryDate: source!.imageryDate,
          panoId: source!.panoId,
          heading: source!.heading,
          latitude: source!.latitude,
          finishedAt: source!.finishedAt,
          imageHash: source!.imageHash,
          queuedAt: null,
          scoringAttempts: 0,
        });
        expect(row.imageHash).not.toBeNull();
      }
      for (const row of scoredHere) expect(row.queuedAt).not.toBeNull();

      // Provider calls are exactly those of the properties scored here (the test stack injects no errors).
      const located = scoredHere.filter((row) => row.status !== "geocode_failed");
      expect(after.geocode - before.geocode).toBe(scoredHere.length);
      expect(after.streetViewMetadata - before.streetViewMetadata).toBe(located.length);
      expect(after.streetViewImage - before.streetViewImage).toBe(scoredHere.filter((row) => row.panoId !== null).length);
      expect(after.gemini - before.gemini).toBe(scoredHere.reduce((sum, row) => sum + row.scoringAttempts, 0));

      // The refund covers only unscored properties that were paid for; reused ones were free.
      const paid = await money(second.campaignId);
      const unscoredHere = scoredHere.filter((row) => unscored.includes(row.status)).length;
      expect(paid.reusedCount).toBe(reusable.length);
      expect(paid.amountPaidCents).toBe(session.amount_total);
      expect(paid.refundedPropertyCount).toBe(unscoredHere);
      // The customer pays the scored properties' price only, even where Stripe's minimum raised the charge.
      const scoredPriceCents = (scoredHere.length - unscoredHere) * price;
      expect(paid.refundedCents ?? 0).toBe(unscoredHere === 0 ? 0 : session.amount_total - scoredPriceCents);

      const completion = await mailsFor(customer, `properties scored in ${path.basename(second.file)}`);
      expect(completion).toHaveLength(1);
      expect(completion[0]?.html).toContain("reused at no charge");

      const html = await page(second.campaignId, second.plainToken);
      expect(html.match(/data-testid="reused-from"/g)).toHaveLength(reused.length);
      const csv = await (await fetch(`${stack.appUrl}/api/campaigns/${second.campaignId}/export?t=${encodeURIComponent(second.plainToken)}`)).text();
      const lines = csv.replace(/^\uFEFF/, "").trimEnd().split("\r\n");
      expect(lines[0]?.endsWith(",Curbscore reused from")).toBe(true);
      expect(lines.filter((line) => /,\d{4}-\d{2}-\d{2}$/.test(line))).toHaveLength(reused.length);
    });

    it("completes a list whose every property is reused without payment, with one email", async () => {
      const allReused = reusable.slice(0, 3).map((row) => earlier.find((street) => row.normalizedAddress.startsWith(street))!);
      const file = writeList("all-reused", allReused);
      const uploaded = await upload(file, { ...baltimore, email: customer });
      const campaignId = uploaded.body.campaignId;
      const [offer] = await waitForMail(customer, `in ${path.basename(file)} already scored for you`);
      const linkToken = linkIn(offer!.html, campaignId);
      expect(await quote(campaignId, linkToken)).toMatchObject({ reusedCount: 3, chargeableCount: 0, amountCents: 0 });
      expect(await page(campaignId, linkToken)).toContain("nothing to pay");

      const before = await requests();
      const started = await startCheckout(campaignId, linkToken, customer);
      expect(started.status).toBe(200);
      expect(started.body).toMatchObject({ free: true, checkoutUrl: null });
      await waitForCampaign(campaignId, done, 2 * 60_000);
      const after = await requests();
      expect(after.sessionsCreated).toBe(before.sessionsCreated);
      expect(after.geocode + after.streetViewMetadata + after.gemini).toBe(before.geocode + before.streetViewMetadata + before.gemini);

      const rows = await properties(campaignId);
      expect(rows.every((row) => row.status === "scored" && row.reusedFromPropertyId !== null)).toBe(true);
      expect(await money(campaignId)).toMatchObject({ amountPaidCents: 0, refundedCents: 0, reusedCount: 3, ownerEmail: customer });
      expect((await readCampaign(campaignId)).finishedCount).toBe(3);
      expect(await mailsFor(customer, `properties scored in ${path.basename(file)}`)).toHaveLength(1);
    });

    it("reuses nothing for another email, a typed email or no email", async () => {
      // Another email at upload: no offer to it, and its own link would find nothing either.
      const file = writeList("stranger", secondList);
      const uploaded = await upload(file, { ...baltimore, email: stranger });
      const campaignId = uploaded.body.campaignId;
      const plainToken = new URL(uploaded.body.pageUrl).searchParams.get("t") ?? "";
      await waitForReuseCheck(campaignId);
      expect((await mailbox()).filter((mail) => mail.to.includes(stranger))).toHaveLength(0);
      expect(await quote(campaignId, reuseToken(campaignId, stranger))).toMatchObject({ reusedCount: 0, amountCents: 13 * price });

      // Typing the customer's email at checkout from a plain link pays for every property and reuses none.
      const before = await requests();
      const { sessionId } = await payCampaign(campaignId, plainToken, customer);
      expect((await stripeSession(sessionId)).amount_total).toBe(13 * price);
      await waitForCampaign(campaignId, done, 5 * 60_000);
      const rows = await properties(campaignId);
      expect(rows.filter((row) => row.reusedFromPropertyId !== null)).toHaveLength(0);
      expect(rows.every((row) => row.queuedAt !== null)).toBe(true);
      expect((await requests()).geocode - before.geocode).toBe(13);
      expect((await money(campaignId)).reusedCount).toBe(0);

      // No email at all: no check, full price.
      const anonymous = await upload(writeList("anonymous", secondList), baltimore);
      expect(anonymous.body.reuse).toBeNull();
      const anonymousToken = new URL(anonymous.body.pageUrl).searchParams.get("t") ?? "";
      expect(await quote(anonymous.body.campaignId, anonymousToken)).toMatchObject({ reusedCount: 0, amountCents: 13 * price });
      const checkout = await startCheckout(anonymous.body.campaignId, anonymousToken, customer);
      expect(checkout.status).toBe(200);
      const anonymousSession = new URL(checkout.body.checkoutUrl ?? "").pathname.split("/").pop() ?? "";
      expect((await stripeSession(anonymousSession)).amount_total).toBe(13 * price);
    });

    it("lets the paid session, not the latest checkout, decide the reuse", async () => {
      // Five houses, three already scored for the customer: with or without reuse the charge is Stripe's 50¢ minimum.
      const streets = [...reusable.slice(0, 3).map((row) => earlier.find((street) => row.normalizedAddress.startsWith(street))!), "4100 FALLS RD", "5500 YORK RD"];
      const sessionOf = (checkoutUrl: string | null | undefined) => new URL(checkoutUrl ?? "").pathname.split("/").pop() ?? "";
      const payOnStripe = async (sessionId: string) => {
        const response = await fetch(`${stack.emulatorUrl}/_emulator/stripe/sessions/${sessionId}/pay`, { method: "POST" });
        expect(response.ok).toBe(true);
      };
      const prepare = async (name: string) => {
        const file = writeList(name, streets);
        const uploaded = await upload(file, { ...baltimore, email: customer });
        const campaignId = uploaded.body.campaignId;
        const [offer] = await waitForMail(customer, `in ${path.basename(file)} already scored for you`);
        return { campaignId, plainToken: new URL(uploaded.body.pageUrl).searchParams.get("t") ?? "", linkToken: linkIn(offer!.html, campaignId) };
      };

      // The plain link's session paid after the emailed link's checkout: nothing is reused.
      const plainPaid = await prepare("plain-paid");
      const plainSession = sessionOf((await startCheckout(plainPaid.campaignId, plainPaid.plainToken, customer)).body.checkoutUrl);
      const linkCheckout = await startCheckout(plainPaid.campaignId, plainPaid.linkToken, customer);
      expect((await money(plainPaid.campaignId)).reusedCount).toBeGreaterThanOrEqual(3);
      expect((await stripeSession(sessionOf(linkCheckout.body.checkoutUrl))).amount_total).toBe(50);
      await payOnStripe(plainSession);
      await waitForCampaign(plainPaid.campaignId, done, 3 * 60_000);
      const plainRows = await properties(plainPaid.campaignId);
      expect(plainRows.filter((row) => row.reusedFromPropertyId !== null)).toHaveLength(0);
      expect(plainRows.every((row) => row.queuedAt !== null)).toBe(true);
      expect(await money(plainPaid.campaignId)).toMatchObject({ reusedCount: 0, amountPaidCents: 50 });

      // The emailed link's session paid after a plain checkout: its reuse applies.
      const linkPaid = await prepare("link-paid");
      const linkSession = sessionOf((await startCheckout(linkPaid.campaignId, linkPaid.linkToken, customer)).body.checkoutUrl);
      await startCheckout(linkPaid.campaignId, linkPaid.plainToken, customer);
      expect((await money(linkPaid.campaignId)).reusedCount).toBe(0);
      await payOnStripe(linkSession);
      await waitForCampaign(linkPaid.campaignId, done, 3 * 60_000);
      const linkRows = await properties(linkPaid.campaignId);
      expect(linkRows.filter((row) => row.reusedFromPropertyId !== null).length).toBeGreaterThanOrEqual(3);
      expect((await money(linkPaid.campaignId)).reusedCount).toBe(linkRows.filter((row) => row.reusedFromPropertyId !== null).length);
    });

    it("does not reuse scores older than the window", async () => {
      // Age every score of the customer's campaigns past the 90-day window.
      await db().query(
        `UPDATE "Property" SET "finishedAt" = "finishedAt" - interval '91 days'
         WHERE "campaignId" IN (SELECT id FROM "Campaign" WHERE lower("ownerEmail") = $1)`,
        [customer],
      );
      const file = writeList("stale", secondList);
      const uploaded = await upload(file, { ...baltimore, email: customer });
      const campaignId = uploaded.body.campaignId;
      await waitForReuseCheck(campaignId);
      expect(await mailsFor(customer, path.basename(file))).toHaveLength(0);
      expect(await quote(campaignId, reuseToken(campaignId, customer))).toMatchObject({ reusedCount: 0, amountCents: 13 * price });

      // Just inside the window, the same link prices them in again.
      await db().query(
        `UPDATE "Property" SET "finishedAt" = now() - interval '89 days' WHERE "campaignId" = $1 AND status = 'scored'`,
        [first.campaignId],
      );
      expect(await quote(campaignId, reuseToken(campaignId, customer))).toMatchObject({ reusedCount: reusable.length });
    });
  });
});
