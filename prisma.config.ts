import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";

// The JavaScript schema engine talks to PostgreSQL through the driver adapter, so `prisma migrate`
// needs no native engine download. @prisma/adapter-pg 7.x is used because 6.19's adapter cannot
// read PostgreSQL's `name` columns that migrate queries (prisma/prisma#27403).
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  async adapter() {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString) {
      throw new Error("DATABASE_URL is not set: run Prisma through `npm run demo` or set it to a PostgreSQL URL.");
    }
    return new PrismaPg({ connectionString });
  },
});
