import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { spawn } from "node:child_process";
import { z } from "zod";
import { repoRoot } from "./stack/processes";
import { startStack } from "./stack/start-stack";
import { stackEnvironment, testStackOptions } from "./stack/test-stack-options";

/**
 * `npm test`: unit tests, then one full stack (embedded PostgreSQL, emulator, built app, Inngest
 * dev server) shared by the integration tests and the Playwright test in Debian's Chromium, then
 * the fault tests, which kill and restart parts of stacks of their own. Ends with one line
 * "N passed, N failed".
 */
async function main() {
  const log = (line: string) => console.log(`[test] ${line}`);
  const totals = { passed: 0, failed: 0 };
  const reportDir = path.join(repoRoot, ".data", `${process.env.TEST_STACK_NAME ?? "test"}-reports`);
  rmSync(reportDir, { recursive: true, force: true });

  const unit = await run("vitest", ["run", "--project", "unit", "--reporter=default", "--reporter=json", `--outputFile=${reportDir}/unit.json`], {});
  add(totals, readVitestCounts(path.join(reportDir, "unit.json")));
  if (unit !== 0) log("Unit tests failed; the integration and browser tests still run.");

  const stack = await startStack(testStackOptions(log));
  try {
    const env = stackEnvironment(stack);
    await run("vitest", ["run", "--project", "integration", "--reporter=default", "--reporter=json", `--outputFile=${reportDir}/integration.json`], env);
    add(totals, readVitestCounts(path.join(reportDir, "integration.json")));

    await run("playwright", ["test", "--reporter=list,json"], { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: `${reportDir}/e2e.json` });
    add(totals, readPlaywrightCounts(path.join(reportDir, "e2e.json")));
  } finally {
    await stack.stop();
  }

  // The fault tests start their own stacks, so they run after the shared one is gone.
  await run("vitest", ["run", "--project", "faults", "--reporter=default", "--reporter=json", `--outputFile=${reportDir}/faults.json`], {});
  add(totals, readVitestCounts(path.join(reportDir, "faults.json")));

  console.log(`${totals.passed} passed, ${totals.failed} failed`);
  process.exit(totals.failed > 0 || totals.passed === 0 ? 1 : 0);
}

function run(tool: string, args: string[], env: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(path.join(repoRoot, "node_modules", ".bin", tool), args, { cwd: repoRoot, stdio: "inherit", env: { ...process.env, ...env } });
    child.once("exit", (code) => resolve(code ?? 1));
  });
}

type Counts = { passed: number; failed: number };

function add(totals: Counts, counts: Counts) {
  totals.passed += counts.passed;
  totals.failed += counts.failed;
}

const vitestReport = z.object({ numPassedTests: z.number(), numFailedTests: z.number(), numTotalTestSuites: z.number(), success: z.boolean() });

/** A missing or unreadable report counts as one failure, so a crashed runner cannot pass. */
function readVitestCounts(file: string): Counts {
  try {
    const report = vitestReport.parse(JSON.parse(readFileSync(file, "utf8")));
    const suiteFailure = !report.success && report.numFailedTests === 0 ? 1 : 0;
    return { passed: report.numPassedTests, failed: report.numFailedTests + suiteFailure };
  } catch {
    return { passed: 0, failed: 1 };
  }
}

const playwrightReport = z.object({ stats: z.object({ expected: z.number(), unexpected: z.number(), flaky: z.number() }), errors: z.array(z.unknown()).default([]) });

function readPlaywrightCounts(file: string): Counts {
  try {
    const { stats, errors } = playwrightReport.parse(JSON.parse(readFileSync(file, "utf8")));
    return { passed: stats.expected + stats.flaky, failed: stats.unexpected + (errors.length > 0 ? 1 : 0) };
  } catch {
    return { passed: 0, failed: 1 };
  }
}

main().catch((error) => {
  console.error(`[test] ${(error as Error).stack ?? error}`);
  console.log("0 passed, 1 failed");
  process.exit(1);
});
