import { describe, expect, it } from "vitest";
import { maintenanceResponse, wantsHtml } from "@/lib/http/maintenance";

describe("wantsHtml", () => {
  it.each([
    { accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", html: true },
    { accept: "TEXT/HTML", html: true },
    { accept: "application/json", html: false },
    { accept: "*/*", html: false },
    { accept: null, html: false },
  ])("is $html for $accept", ({ accept, html }) => {
    expect(wantsHtml(accept)).toBe(html);
  });
});

describe("maintenanceResponse", () => {
  it("sends a browser a 503 page with Retry-After", async () => {
    const response = maintenanceResponse(new Request("http://app.test/", { headers: { accept: "text/html" } }), "upload", 300);
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("300");
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    const page = await response.text();
    expect(page).toContain("<title>Curbscore is under maintenance</title>");
    expect(page).toContain("New uploads are paused for about 5 minutes");
  });

  it("sends an API client 503 JSON with Retry-After", async () => {
    const response = maintenanceResponse(new Request("http://app.test/api/x", { headers: { accept: "application/json" } }), "checkout", 90);
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("90");
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("maintenance");
    expect(body.error.message).toContain("New payments are paused for about 90 seconds");
    expect(body.error.message).toContain("Campaigns you already paid for keep running");
  });
});
