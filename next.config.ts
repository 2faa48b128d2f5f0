import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // pino and the Prisma driver adapter load Node built-ins at run time, so they stay out of the bundle.
  serverExternalPackages: ["pino", "@prisma/client", "@prisma/adapter-pg", "pg"],
  poweredByHeader: false,
  async headers() {
    // Results links carry their token in the query string. Every page sends no Referer, because
    // the home page's policy still applies after it navigates to a campaign client-side.
    // Campaign pages and API responses also tell search engines not to index them.
    return [
      { source: "/:path*", headers: [{ key: "Referrer-Policy", value: "no-referrer" }] },
      { source: "/campaigns/:path*", headers: [{ key: "X-Robots-Tag", value: "noindex, nofollow" }] },
      { source: "/api/campaigns/:path*", headers: [{ key: "X-Robots-Tag", value: "noindex, nofollow" }] },
    ];
  },
};

export default nextConfig;
