import { describe, expect, it } from "vitest";
import { redactSecrets } from "@/lib/providers/redact-provider-keys";

describe("redactSecrets", () => {
  it("key query parameter", () => {
    const text = "GET https://maps.example/maps/api/streetview?pano=abc&key=AIzaSyExample123&size=640x400 failed";
    expect(redactSecrets(text, [])).toBe("GET https://maps.example/maps/api/streetview?pano=abc&key=[redacted]&size=640x400 failed");
  });

  it("secret anywhere in the text", () => {
    expect(redactSecrets("Bearer sk_test_abc rejected, sk_test_abc again", ["sk_test_abc"])).toBe("Bearer [redacted] rejected, [redacted] again");
  });

  it("text without secrets unchanged", () => {
    expect(redactSecrets("Street View has no imagery within 50 m of this address.", ["sk_test_abc"])).toBe(
      "Street View has no imagery within 50 m of this address.",
    );
  });

  it("empty secret ignored", () => {
    expect(redactSecrets("abc", [""])).toBe("abc");
  });
});
