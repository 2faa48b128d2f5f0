import { describe, expect, it } from "vitest";
import { inngest } from "@/inngest/client";
import { logger } from "@/lib/logger";

describe("inngest client", () => {
  it("logs through the app's pino logger", () => {
    expect(inngest.logger).toBe(logger);
  });

  it("sends SDK messages to a pino child logger", () => {
    const internal = (inngest as unknown as Record<symbol, unknown>)[Symbol.for("inngest.internalLogger")];

    expect(internal).not.toBe(console);
    expect(internal).toHaveProperty("bindings");
    expect((internal as typeof logger).bindings()).toMatchObject({ component: "inngest-sdk" });
  });
});
