import { defineConfig } from "@playwright/test";

// Runs against the stack `npm test` starts (STACK_APP_URL). Playwright's own browser download
// cannot work on these machines, so the test drives Debian's Chromium package.
export default defineConfig({
  testDir: "e2e",
  timeout: 10 * 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  outputDir: ".data/playwright",
  use: {
    baseURL: process.env.STACK_APP_URL,
    browserName: "chromium",
    headless: true,
    acceptDownloads: true,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      // Without these, Chromium tries to reach Google's update and sync hosts at every start.
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
});
