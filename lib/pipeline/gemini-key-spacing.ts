import type { Prisma, PrismaClient } from "@prisma/client";

/** Added to every key's period, to cover the time between this reservation and the request being sent. */
const spacingMarginMs = 20;

/**
 * Reserves throttle key `key`'s next Gemini call and returns how many milliseconds to wait before
 * making it. The engine's throttle spaces each key's run starts a period apart, but the call is
 * sent some milliseconds after the start, and that delay varies. Two calls of one key could then
 * land less than a period apart, and a sliding 60-second window could count one call more than
 * the budget. One statement moves the key's next slot to a period (plus a small margin) after this
 * call, so calls of one key are spaced at least that far apart whatever the engine did.
 */
export async function reserveKeyTurn(db: PrismaClient | Prisma.TransactionClient, key: number, periodMs: number): Promise<number> {
  const spacing = `${periodMs + spacingMarginMs} milliseconds`;
  const [row] = await db.$queryRaw<{ waitMs: number }[]>`
    WITH reserved AS (
      INSERT INTO "GeminiKeyCall" (key, "nextCallAt") VALUES (${key}, clock_timestamp() + ${spacing}::interval)
      ON CONFLICT (key) DO UPDATE
        SET "nextCallAt" = GREATEST(clock_timestamp(), "GeminiKeyCall"."nextCallAt") + ${spacing}::interval
      RETURNING "nextCallAt"
    )
    SELECT GREATEST(0, FLOOR(EXTRACT(EPOCH FROM (SELECT "nextCallAt" FROM reserved) - ${spacing}::interval - clock_timestamp()) * 1000))::int AS "waitMs"`;
  return row?.waitMs ?? 0;
}
