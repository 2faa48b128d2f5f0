import { Resend } from "resend";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { startEmulator, type RunningEmulator } from "./server";

let emulator: RunningEmulator;
let resend: Resend;

beforeAll(async () => {
  emulator = await startEmulator();
  resend = new Resend("re_test_emulator", { baseUrl: emulator.url });
});

afterAll(async () => {
  await emulator.close();
});

beforeEach(() => {
  emulator.reset();
});

const completionEmail = {
  from: "Curbscore <results@curbscore.test>",
  to: "investor@example.com",
  subject: "Your campaign is scored",
  html: "<!doctype html><html><body><p>All 350 properties are scored.</p><a href=\"http://127.0.0.1:3000/campaigns/c1?t=abc\">View results</a></body></html>",
  text: "All 350 properties are scored. View results: http://127.0.0.1:3000/campaigns/c1?t=abc",
  tags: [{ name: "campaign", value: "c1" }],
};

async function mailboxJson(): Promise<any[]> {
  const body = await (await fetch(new URL("/_emulator/mailbox", emulator.url))).json();
  return body.emails;
}

describe("resend emails", () => {
  it("accepts an email sent through the SDK", async () => {
    const { data, error } = await resend.emails.send(completionEmail);

    expect(error).toBeNull();
    expect(data?.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("lists a sent email in the mailbox JSON", async () => {
    const { data } = await resend.emails.send(completionEmail);
    const mails = await mailboxJson();

    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({
      id: data?.id,
      from: completionEmail.from,
      to: ["investor@example.com"],
      subject: completionEmail.subject,
      html: completionEmail.html,
      text: completionEmail.text,
      tags: completionEmail.tags,
    });
  });

  it("lists a sent email on the mailbox page", async () => {
    const { data } = await resend.emails.send(completionEmail);
    const page = await (await fetch(new URL("/mailbox", emulator.url))).text();

    expect(page).toContain("investor@example.com");
    expect(page).toContain("Your campaign is scored");
    expect(page).toContain(`href="/mailbox/${data?.id}"`);
  });

  it("shows the email's own HTML with its links", async () => {
    const { data } = await resend.emails.send(completionEmail);
    const page = await (await fetch(new URL(`/mailbox/${data?.id}`, emulator.url))).text();

    expect(page).toContain('<a href="http://127.0.0.1:3000/campaigns/c1?t=abc">View results</a>');
    expect(page).toContain("<strong>To:</strong> investor@example.com");
    expect(page.indexOf("data-emulator-mail-header")).toBeGreaterThan(page.indexOf("<body>"));
  });

  it("retrieves a sent email through the SDK", async () => {
    const { data } = await resend.emails.send(completionEmail);
    const retrieved = await resend.emails.get(data?.id ?? "");

    expect(retrieved.error).toBeNull();
    expect(retrieved.data).toMatchObject({ object: "email", id: data?.id, subject: completionEmail.subject, to: ["investor@example.com"] });
  });

  it("returns not_found for unknown emails", async () => {
    const retrieved = await resend.emails.get("00000000-0000-0000-0000-000000000000");

    expect(retrieved.error).toMatchObject({ statusCode: 404, name: "not_found" });
  });

  it("stores an email once for a repeated idempotency key", async () => {
    const first = await resend.emails.send(completionEmail, { idempotencyKey: "completion/c1" });
    const second = await resend.emails.send(completionEmail, { idempotencyKey: "completion/c1" });

    expect(second.data?.id).toBe(first.data?.id);
    expect(await mailboxJson()).toHaveLength(1);
  });

  it("rejects a reused idempotency key with another payload", async () => {
    await resend.emails.send(completionEmail, { idempotencyKey: "completion/c2" });
    const second = await resend.emails.send({ ...completionEmail, subject: "Different" }, { idempotencyKey: "completion/c2" });

    expect(second.error).toMatchObject({ statusCode: 409, name: "invalid_idempotent_request" });
  });

  it.each([
    ["a missing subject", { subject: undefined }, 422, "missing_required_field"],
    ["an invalid recipient", { to: "not-an-address" }, 422, "validation_error"],
    ["no html or text", { html: undefined, text: undefined }, 422, "validation_error"],
  ])("rejects %s", async (_name, override, statusCode, name) => {
    const { error } = await resend.emails.send({ ...completionEmail, ...override } as typeof completionEmail);

    expect(error).toMatchObject({ statusCode, name });
    expect(await mailboxJson()).toHaveLength(0);
  });

  it("rejects a request without an API key", async () => {
    const response = await fetch(new URL("/emails", emulator.url), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(completionEmail),
    });
    const body = await response.json();

    expect(response.status).toBe(401);
    expect(body).toMatchObject({ statusCode: 401, name: "missing_api_key" });
  });

  it("fails with a server error at errorRate 1", async () => {
    emulator.setKnobs({ errorRate: 1 });
    try {
      const { error } = await resend.emails.send(completionEmail);

      expect(error).toMatchObject({ statusCode: 500 });
      expect(await mailboxJson()).toHaveLength(0);
    } finally {
      emulator.setKnobs({ errorRate: 0 });
    }
  });

  it("counts sent emails in the stats", async () => {
    await resend.emails.send(completionEmail);
    await resend.emails.send({ ...completionEmail, to: ["a@example.com", "b@example.com"] });

    expect(emulator.stats().emails.sent).toBe(2);
  });
});
