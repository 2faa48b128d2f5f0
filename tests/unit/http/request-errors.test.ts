import { describe, expect, it } from "vitest";
import { z } from "zod";
import { describeZodError, errorResponse } from "@/lib/errors";
import { checkoutRequestSchema } from "@/lib/payments/checkout-request";

function checkoutError(body: unknown): z.ZodError {
  const result = checkoutRequestSchema.safeParse(body);
  if (result.success) throw new Error(`expected ${JSON.stringify(body)} to be rejected`);
  return result.error;
}

describe("checkout request errors", () => {
  it("names the rejected email without a field prefix", () => {
    const message = describeZodError(checkoutError({ token: "t", email: "buyer@" }));

    expect(message).toBe('"buyer@" is not a valid email address. Enter one such as you@example.com.');
  });

  it("asks for a missing email", () => {
    const message = describeZodError(checkoutError({ token: "t", email: "" }));

    expect(message).toBe("Enter the email address for your results, such as you@example.com.");
  });

  it("explains a missing token", () => {
    const message = describeZodError(checkoutError({ email: "buyer@example.com" }));

    expect(message).toMatch(/^This page's link is missing or damaged\./);
  });

  it("accepts an email with outer spaces", () => {
    expect(checkoutRequestSchema.parse({ token: "t", email: " buyer@example.com " }).email).toBe("buyer@example.com");
  });
});

describe("errorResponse for schema errors", () => {
  it("returns plain sentences and lists fields apart", async () => {
    const response = errorResponse(checkoutError({ token: "", email: "nope" }));
    const body = (await response.json()) as { error: { code: string; message: string; details: { fields: string[] } } };

    expect(response.status).toBe(400);
    expect(body.error.code).toBe("invalid_request");
    expect(body.error.message).not.toMatch(/^(email|token):/);
    expect(body.error.message).toContain('"nope" is not a valid email address.');
    expect(body.error.details.fields).toEqual(["token", "email"]);
  });

  it("ends every sentence with a period", () => {
    const schema = z.object({ city: z.string().max(3, "city must be at most 3 characters") });
    const result = schema.safeParse({ city: "Baltimore" });
    if (result.success) throw new Error("expected the long city to be rejected");

    expect(describeZodError(result.error)).toBe("City must be at most 3 characters.");
  });
});
