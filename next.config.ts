import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // pino and the Prisma driver adapter load Node built-ins at run time, so they stay out of the bundle.
  serverExternalPackages: ["pino", "@prisma/client", "@prisma/adapter-pg", "pg"],
  poweredByHeader: false,
};

export default nextConfig;
