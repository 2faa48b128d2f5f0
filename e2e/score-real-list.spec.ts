import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { parse } from "csv-parse/sync";

const realList = path.resolve(__dirname, "..", "..", "shared", "data", "real-lists", "redfin-active-export-detroit-mi.csv");
const emulatorUrl = process.env.STACK_EMULATOR_URL ?? "";

test("customer scores a real list end to end", async ({ page }) => {
  const email = `buyer-${Date.now()}@example.com`;

  await page.goto("/");
  await expect(page.getByRole("status").filter({ hasText: "Test mode" })).toBeVisible();
  await page.getByLabel("Property list (CSV)").setInputFiles(realList);
  await page.getByRole("button", { name: "Upload and review" }).click();

  await expect(page.getByRole("heading", { name: "Review redfin-active-export-detroit-mi.csv" })).toBeVisible();
  const summary = page.getByLabel("Upload summary");
  await expect(summary.getByText("Properties to score")).toBeVisible();
  const propertyCount = Number((await summary.locator(".stat").first().locator(".value").innerText()).replace(/,/g, ""));
  expect(propertyCount).toBeGreaterThan(300);
  const rowsRead = Number((await summary.locator(".stat").filter({ hasText: "Rows read" }).locator(".value").innerText()).replace(/,/g, ""));
  const duplicateRows = Number((await summary.locator(".stat").filter({ hasText: "Duplicate rows" }).locator(".value").innerText()).replace(/,/g, ""));

  await page.getByLabel("Email for the results").fill(email);
  await page.getByRole("button", { name: "Pay and start scoring" }).click();

  await expect(page).toHaveURL(new RegExp(`^${emulatorUrl.replace(/[.:/]/g, "\\$&")}/checkout/pay/`));
  await page.getByRole("button", { name: /^Pay/ }).click();

  await expect(page).toHaveURL(/\/campaigns\/[0-9a-f-]{36}\?t=/);
  await expect(page.getByRole("status").filter({ hasText: "Payment confirmed" })).toBeVisible();
  // Stripe's return parameters leave the address bar; the results token stays.
  await expect(page).not.toHaveURL(/session_id=|checkout=/);
  const campaignUrl = new URL(page.url());
  expect(campaignUrl.searchParams.get("t")).toBeTruthy();
  // After payment the page still shows what the list held, as the review screen did.
  const listSummary = page.getByLabel("What the list held");
  await expect(listSummary).toContainText(`${rowsRead.toLocaleString("en-US")} rows read`);
  await expect(listSummary).toContainText(`${propertyCount.toLocaleString("en-US")} properties to score`);
  await expect(listSummary).toContainText(`${duplicateRows.toLocaleString("en-US")} duplicate row`);
  await expect(page.getByTestId("progress-percent")).toHaveText("100%", { timeout: 8 * 60_000 });
  await expect(page.getByRole("heading", { name: "Complete" })).toBeVisible();

  const results = page.getByRole("region", { name: "Results" });
  await expect(results.getByRole("row").nth(1)).toBeVisible();
  await expect(results.getByRole("img").first()).toBeVisible();

  const downloadStarted = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download CSV export" }).click();
  const download = await downloadStarted;
  const csv = readFileSync(await download.path(), "utf8");
  const lines = csv.replace(/^\uFEFF/, "").trimEnd().split("\r\n");
  expect(lines[0]).toContain("ZIP OR POSTAL CODE");
  expect(lines[0]).toContain("Curbscore distress score");
  expect(csv).toContain("48207 4242");
  const [header, ...rows] = parse(csv.replace(/^\uFEFF/, "")) as string[][];
  const statusColumn = header!.indexOf("Curbscore status");
  expect(header![0]).toBe("Curbscore row (1 = first row below the header)");
  // The list has no blank rows, so the export has one line per row read.
  expect(rows).toHaveLength(rowsRead);
  // A repeated row carries the result of the row it repeats: charged once when scored, refunded with it otherwise.
  const repeats = rows.map((row) => row[statusColumn] ?? "").filter((status) => /\(same house as row \d+, (charged once|refunded with it)\)$/.test(status));
  expect(repeats).toHaveLength(duplicateRows);
  for (const status of repeats) {
    const charge = status.startsWith("Scored") ? "charged once" : "refunded with it";
    expect(status).toMatch(new RegExp(`, ${charge}\\)$`));
  }

  await page.goto(`${emulatorUrl}/mailbox`);
  const sentMail = page.getByRole("row").filter({ hasText: email });
  await expect(sentMail).toHaveCount(1);
  await sentMail.getByRole("link", { name: /properties scored in redfin-active-export-detroit-mi\.csv/ }).click();
  const openResults = page.getByRole("link", { name: "Open results" });
  await expect(openResults).toBeVisible();
  const resultsLink = new URL((await openResults.getAttribute("href")) ?? "");
  expect(resultsLink.pathname).toBe(campaignUrl.pathname);

  await page.goto(resultsLink.toString());
  await expect(page.getByRole("heading", { name: "Complete" })).toBeVisible();
});
