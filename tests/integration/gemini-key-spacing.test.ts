import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";
import { afterAll, describe, expect, it } from "vitest";
import { reserveKeyTurn } from "@/lib/pipeline/gemini-key-spacing";
import { closeDb } from "./helpers/stack-client";

const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL, max: 3 }) });

afterAll(async () => {
  await prisma.$disconnect();
  await closeDb();
});

// Keys far above any key the stack's throttle plans, so the pipeline's own calls never share them.
let nextKey = 900_000 + Math.floor(Math.random() * 50_000);

describe("Gemini key spacing", () => {
  it("spaces reservations of one key by its period", async () => {
    const key = nextKey++;
    const periodMs = 400;
    const waits = [];
    for (let index = 0; index < 3; index++) waits.push(await reserveKeyTurn(prisma, key, periodMs));

    // The first call goes at once. Each further one waits for the period (and the margin) after the one before.
    expect(waits[0]).toBe(0);
    expect(waits[1]).toBeGreaterThan(periodMs - 50);
    expect(waits[1]).toBeLessThanOrEqual(periodMs + 20);
    expect(waits[2]! - waits[1]!).toBeGreaterThan(periodMs - 20);
    expect(waits[2]! - waits[1]!).toBeLessThanOrEqual(periodMs + 40);
  });

  it("spaces concurrent reservations of one key", async () => {
    const key = nextKey++;
    const periodMs = 300;
    const callTimes = await Promise.all(
      [0, 1, 2].map(async () => {
        const waitMs = await reserveKeyTurn(prisma, key, periodMs);
        return Date.now() + waitMs;
      }),
    );
    const sorted = callTimes.sort((a, b) => a - b);
    expect(sorted[1]! - sorted[0]!).toBeGreaterThan(periodMs - 50);
    expect(sorted[2]! - sorted[1]!).toBeGreaterThan(periodMs - 50);
  });

  it("lets a key that was idle for a period call at once", async () => {
    const key = nextKey++;
    expect(await reserveKeyTurn(prisma, key, 100)).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await reserveKeyTurn(prisma, key, 100)).toBe(0);
  });

  it("spaces each key separately", async () => {
    const first = nextKey++;
    const second = nextKey++;
    expect(await reserveKeyTurn(prisma, first, 5_000)).toBe(0);
    expect(await reserveKeyTurn(prisma, second, 5_000)).toBe(0);
  });
});
