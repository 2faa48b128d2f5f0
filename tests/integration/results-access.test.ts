import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { signResultsToken } from "@/lib/links/results-token";
import { closeDb, db, mailbox, payCampaign, stack, waitForCampaign } from "./helpers/stack-client";

const fixture = path.join(__dirname, "fixtures", "baltimore-fifteen.csv");
const cityFields = { defaultCity: "Baltimore", defaultState: "MD" };

type Surface = {
  name: string;
  /** Sends the surface's request for `campaignId` with `token` (omitted when null). */
  request: (campaignId: string, token: string | null) => Promise<Response>;
};

/** A completed, paid campaign and a second draft one, shared by every test in this file. */
type Campaigns = {
  completed: { id: string; token: string; email: string; propertyId: string; addresses: string[] };
  other: { id: string; token: string };
  uploadBodies: string[];
};

let campaigns: Campaigns;

const surfaces: Surface[] = [
  { name: "campaign page", request: (id, token) => get(`/campaigns/${id}${query(token)}`) },
  { name: "progress", request: (id, token) => get(`/api/campaigns/${id}/progress${query(token)}`) },
  { name: "export", request: (id, token) => get(`/api/campaigns/${id}/export${query(token)}`) },
  {
    name: "property image",
    request: (id, token) => get(`/api/campaigns/${id}/properties/${campaigns.completed.propertyId}/image${query(token)}`),
  },
  {
    name: "checkout",
    request: (id, token) =>
      fetch(`${stack.appUrl}/api/campaigns/${id}/checkout`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(token === null ? { email: "probe@example.com" } : { email: "probe@example.com", token }),
      }),
  },
  { name: "quote", request: (id, token) => get(`/api/campaigns/${id}/quote${query(token)}`) },
];

beforeAll(async () => {
  const first = await upload();
  const second = await upload();
  const email = `access-${first.campaignId.slice(0, 8)}@example.com`;

  await payCampaign(first.campaignId, first.token, email);
  await waitForCampaign(first.campaignId, (row) => row.status === "completed" && row.completionEmailSentAt !== null, 5 * 60_000);

  const { rows } = await db().query<{ id: string; normalizedAddress: string; hasImage: boolean }>(
    `SELECT p.id, p."normalizedAddress", (i."propertyId" IS NOT NULL) AS "hasImage"
       FROM "Property" p LEFT JOIN "PropertyImage" i ON i."propertyId" = p.id
      WHERE p."campaignId" = $1 ORDER BY p."rowNumber"`,
    [first.campaignId],
  );
  const withImage = rows.find((row) => row.hasImage);
  if (!withImage) throw new Error("the completed campaign has no property with an image");

  campaigns = {
    completed: {
      id: first.campaignId,
      token: first.token,
      email,
      propertyId: withImage.id,
      addresses: rows.map((row) => row.normalizedAddress.split(",")[0] ?? ""),
    },
    other: { id: second.campaignId, token: second.token },
    uploadBodies: [first.body, second.body],
  };
}, 6 * 60_000);

afterAll(closeDb);

describe("results access with a valid token", () => {
  it.each(surfaces.map((surface) => [surface.name, surface] as const))("%s opens", async (_name, surface) => {
    const response = await surface.request(campaigns.completed.id, campaigns.completed.token);
    const body = await response.text();

    if (surface.name === "checkout") {
      // A paid campaign cannot be paid again, which proves the token was accepted.
      expect(response.status).toBe(409);
      expect(body).toContain("already completed");
      return;
    }
    expect(response.status).toBe(200);
    if (surface.name === "campaign page") expect(body).toContain(campaigns.completed.addresses[0]);
    if (surface.name === "export") expect(body).toContain(campaigns.completed.addresses[0]);
  });
});

describe("results access without a valid token", () => {
  const cases: Array<[string, () => { id: string; token: string | null }]> = [
    ["no token", () => ({ id: campaigns.completed.id, token: null })],
    ["empty token", () => ({ id: campaigns.completed.id, token: "" })],
    ["another campaign's token", () => ({ id: campaigns.completed.id, token: campaigns.other.token })],
    ["payload character flipped", () => ({ id: campaigns.completed.id, token: flipCharacter(campaigns.completed.token, 5) })],
    [
      "signature character flipped",
      () => ({ id: campaigns.completed.id, token: flipCharacter(campaigns.completed.token, campaigns.completed.token.length - 3) }),
    ],
    ["expired token", () => ({ id: campaigns.completed.id, token: signWithStackSecret(campaigns.completed.id, -60_000) })],
    ["token signed with another secret", () => ({ id: campaigns.completed.id, token: signResultsToken(campaigns.completed.id, inOneDay(), "x".repeat(64)) })],
    ["guessed id with its own signed token", () => {
      const id = randomUUID();
      return { id, token: signWithStackSecret(id, 24 * 60 * 60_000) };
    }],
    ["guessed id with the real token", () => ({ id: randomUUID(), token: campaigns.completed.token })],
    ["malformed id", () => ({ id: "not-a-campaign", token: campaigns.completed.token })],
    ["id with a quote", () => ({ id: `${campaigns.completed.id}'`, token: campaigns.completed.token })],
    ["id in upper case", () => ({ id: campaigns.completed.id.toUpperCase(), token: campaigns.completed.token })],
  ];

  for (const surface of surfaces) {
    it.each(cases)(`${surface.name}: %s is 404`, async (caseName, build) => {
      const { id, token } = build();
      const response = await surface.request(id, token);
      const body = await response.text();

      expect(response.status).toBe(404);
      expect(response.headers.get("content-type") ?? "").not.toContain("image/");
      expect(body).not.toContain(campaigns.completed.email);
      expect(body).not.toContain("baltimore-fifteen");
      for (const address of campaigns.completed.addresses) expect(body).not.toContain(address);
      if (surface.name === "campaign page") {
        expect(body).toContain("Campaign not found");
      } else if (surface.name === "property image" && caseName === "guessed id with its own signed token") {
        // Only a holder of the secret can sign for a guessed id, so the image route may say what it looked for.
        expect(JSON.parse(body)).toEqual({ error: { code: "not_found", message: "Image not found." } });
      } else {
        expect(JSON.parse(body)).toEqual({
          error: { code: "not_found", message: "Campaign not found. Open it from the link in your email or the page you paid from." },
        });
      }
    });
  }

  it("guessed property id under a valid token is 404", async () => {
    const response = await get(`/api/campaigns/${campaigns.completed.id}/properties/${randomUUID()}/image${query(campaigns.completed.token)}`);
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toContain("application/json");
  });

  it("another campaign's property image is 404", async () => {
    const response = await get(`/api/campaigns/${campaigns.other.id}/properties/${campaigns.completed.propertyId}/image${query(campaigns.other.token)}`);
    expect(response.status).toBe(404);
  });
});

describe("token-bearing responses", () => {
  it.each([
    ["campaign page", () => `/campaigns/${campaigns.completed.id}${query(campaigns.completed.token)}`],
    ["not-found page", () => `/campaigns/${campaigns.completed.id}`],
    ["progress", () => `/api/campaigns/${campaigns.completed.id}/progress${query(campaigns.completed.token)}`],
    ["export", () => `/api/campaigns/${campaigns.completed.id}/export${query(campaigns.completed.token)}`],
    ["image", () => `/api/campaigns/${campaigns.completed.id}/properties/${campaigns.completed.propertyId}/image${query(campaigns.completed.token)}`],
  ])("%s sends no referrer and noindex", async (_name, url) => {
    const response = await get(url());
    await response.arrayBuffer();
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    expect(response.headers.get("x-robots-tag")).toContain("noindex");
  });

  it("home page sends no referrer", async () => {
    const response = await get("/");
    await response.arrayBuffer();
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
  });

  it("campaign page has robots and referrer meta tags", async () => {
    const html = await (await get(`/campaigns/${campaigns.completed.id}${query(campaigns.completed.token)}`)).text();
    expect(html).toMatch(/<meta name="robots" content="noindex, nofollow"/);
    expect(html).toMatch(/<meta name="referrer" content="no-referrer"/);
  });

  it("page past the last says so", async () => {
    const html = await (await get(`/campaigns/${campaigns.completed.id}${query(campaigns.completed.token)}&page=999`)).text();
    expect(html).toMatch(/There is no page (<!-- -->)?999(<!-- -->)?: these results fill (<!-- -->)?1 page/);
    expect(html).toContain("Go to the first page");
    expect(html).not.toContain("No finished properties yet");
  });
});

describe("provider keys", () => {
  const keys = z.array(z.string().min(1)).min(1).parse(JSON.parse(process.env.STACK_PROVIDER_KEYS ?? "[]"));

  it("appear in no page, response or email", async () => {
    const { id, token, email, propertyId } = campaigns.completed;
    const texts: Array<[string, string]> = [];
    const record = async (name: string, response: Response) => {
      texts.push([`${name} headers`, JSON.stringify([...response.headers.entries()])]);
      texts.push([name, Buffer.from(await response.arrayBuffer()).toString("latin1")]);
    };

    await record("home page", await get("/"));
    await record("campaign page", await get(`/campaigns/${id}${query(token)}`));
    await record("campaign page sorted by score", await get(`/campaigns/${id}?t=${encodeURIComponent(token)}&sort=score`));
    await record("draft review page", await get(`/campaigns/${campaigns.other.id}${query(campaigns.other.token)}`));
    await record("progress", await get(`/api/campaigns/${id}/progress${query(token)}`));
    await record("export", await get(`/api/campaigns/${id}/export${query(token)}`));
    await record("not-found page", await get(`/campaigns/${id}`));
    await record("checkout of the paid campaign", await surfaces[4]!.request(id, token));
    await record(
      "checkout",
      await fetch(`${stack.appUrl}/api/campaigns/${campaigns.other.id}/checkout`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "draft@example.com", token: campaigns.other.token }),
      }),
    );

    const { rows } = await db().query<{ id: string }>(
      `SELECT p.id FROM "Property" p JOIN "PropertyImage" i ON i."propertyId" = p.id WHERE p."campaignId" = $1`,
      [id],
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((row) => row.id)).toContain(propertyId);
    for (const row of rows) {
      const response = await get(`/api/campaigns/${id}/properties/${row.id}/image${query(token)}`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^image\//);
      await record(`image ${row.id}`, response);
    }

    const emails = (await mailbox()).filter((mail) => mail.to.includes(email));
    expect(emails).toHaveLength(1);
    texts.push(["completion email", JSON.stringify(emails[0])]);
    for (const [index, body] of campaigns.uploadBodies.entries()) texts.push([`upload response ${index + 1}`, body]);

    for (const [name, text] of texts) {
      for (const key of keys) expect(text.includes(key), `${name} contains a provider key`).toBe(false);
      expect(text, `${name} contains a key= URL parameter`).not.toMatch(/[?&]key=/i);
      expect(text, `${name} contains a Google Maps URL`).not.toMatch(/maps\.googleapis\.com|\/maps\/api\/streetview/i);
    }
  });
});

async function upload(): Promise<{ campaignId: string; token: string; body: string }> {
  const form = new FormData();
  form.set("file", new Blob([readFileSync(fixture)], { type: "text/csv" }), "baltimore-fifteen.csv");
  for (const [name, value] of Object.entries(cityFields)) form.set(name, value);

  const response = await fetch(`${stack.appUrl}/api/uploads`, { method: "POST", body: form });
  const body = await response.text();
  if (response.status !== 201) throw new Error(`upload answered ${response.status}: ${body}`);

  const { campaignId, pageUrl } = z.object({ campaignId: z.uuid(), pageUrl: z.url() }).parse(JSON.parse(body));
  return { campaignId, token: new URL(pageUrl).searchParams.get("t") ?? "", body };
}

function get(pathAndQuery: string): Promise<Response> {
  return fetch(`${stack.appUrl}${pathAndQuery}`, { redirect: "manual" });
}

function query(token: string | null): string {
  return token === null ? "" : `?t=${encodeURIComponent(token)}`;
}

/** Replaces the character at `index` with another base64url character. */
function flipCharacter(token: string, index: number): string {
  const replacement = token[index] === "A" ? "B" : "A";
  return `${token.slice(0, index)}${replacement}${token.slice(index + 1)}`;
}

function signWithStackSecret(campaignId: string, expiresInMs: number): string {
  const secret = process.env.SECRET_KEY;
  if (!secret) throw new Error("SECRET_KEY of the stack is not set");
  return signResultsToken(campaignId, new Date(Date.now() + expiresInMs), secret);
}

function inOneDay(): Date {
  return new Date(Date.now() + 24 * 60 * 60_000);
}
