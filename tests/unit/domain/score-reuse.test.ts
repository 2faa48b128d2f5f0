import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { parseCustomerEmail, reuseCheckMessage, reuseCutoff, reuseNotice } from "@/lib/reuse/score-reuse";

describe("parseCustomerEmail", () => {
  it("trims and lower-cases", () => {
    expect(parseCustomerEmail("  Buyer@Example.COM ")).toBe("buyer@example.com");
  });

  it.each([null, undefined, "", "   "])("treats %j as no email", (value) => {
    expect(parseCustomerEmail(value)).toBeNull();
  });

  it.each(["buyer@@example", "buyer", "buyer@example", "@example.com", "a b@example.com"])("rejects %s, naming it", (value) => {
    let error: unknown;
    try {
      parseCustomerEmail(value);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("invalid_request");
    expect((error as AppError).message).toContain(`"${value}" is not a valid email address`);
    expect((error as AppError).details).toEqual({ field: "email" });
  });

  it("shortens a very long bad value in the message", () => {
    const value = `${"x".repeat(300)}@`;
    expect(() => parseCustomerEmail(value)).toThrow(/"x{80}…" is not a valid email address/);
  });
});

describe("reuseCutoff", () => {
  const now = new Date("2026-12-04T12:00:00Z");

  it("is the given number of days before now", () => {
    expect(reuseCutoff(90, now)).toEqual(new Date("2026-09-05T12:00:00Z"));
    expect(reuseCutoff(1, now)).toEqual(new Date("2026-12-03T12:00:00Z"));
  });

  it("is null when reuse is off", () => {
    expect(reuseCutoff(0, now)).toBeNull();
  });

  it("rejects negative and fractional days", () => {
    expect(() => reuseCutoff(-1, now)).toThrow(RangeError);
    expect(() => reuseCutoff(1.5, now)).toThrow(RangeError);
  });
});

describe("reuse wording", () => {
  it("says how many properties are free and over which period", () => {
    expect(reuseNotice(12, 90)).toBe("12 properties already scored for you in the last 90 days are included free.");
    expect(reuseNotice(1, 90)).toBe("1 property already scored for you in the last 90 days is included free.");
    expect(reuseNotice(2, 1)).toBe("2 properties already scored for you in the last day are included free.");
  });

  it("tells the uploader the same thing whatever the check finds", () => {
    expect(reuseCheckMessage("x@example.com", 90)).toBe(
      "If any of these addresses were scored for x@example.com in the last 90 days, we email x@example.com a link to this list with them included free.",
    );
  });
});
