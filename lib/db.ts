import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";
import { getConfig } from "@/lib/config";

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

/** Returns the process-wide Prisma client, created on first use over the node-postgres driver adapter. */
export function getDb(): PrismaClient {
  if (globalForPrisma.prisma) return globalForPrisma.prisma;

  const adapter = new PrismaPg({ connectionString: getConfig().databaseUrl, max: 10 });
  globalForPrisma.prisma = new PrismaClient({ adapter });
  return globalForPrisma.prisma;
}

/**
 * Limits for interactive transactions. Prisma's defaults (2 s to get a connection, 5 s to finish)
 * were exceeded on a 2-core machine at a load average above 10, which made steps fail and retry.
 */
export const transactionOptions = { maxWait: 10_000, timeout: 30_000 };
