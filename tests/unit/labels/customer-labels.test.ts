import { describe, expect, it } from "vitest";
import { describeRefund, locationPrecisionLabel, notImportedStatus, tierLabel } from "@/lib/labels/customer-labels";

describe("locationPrecisionLabel", () => {
  it.each([
    { code: "INPUT", label: "From your list" },
    { code: "ROOFTOP", label: "Exact address" },
    { code: "RANGE_INTERPOLATED", label: "Estimated along the street" },
    { code: "GEOMETRIC_CENTER", label: "Center of the street or area" },
    { code: "APPROXIMATE", label: "Approximate area only" },
  ])("names $code as $label", ({ code, label }) => {
    expect(locationPrecisionLabel(code)).toBe(label);
  });

  it("hides an unknown code", () => {
    expect(locationPrecisionLabel("NEW_GOOGLE_TYPE")).toBe("Unknown precision");
  });

  it("is empty without a location", () => {
    expect(locationPrecisionLabel(null)).toBe("");
  });
});

describe("notImportedStatus", () => {
  it("quotes the reason of an invalid row", () => {
    expect(notImportedStatus({ kind: "invalid", reason: "missing city" })).toBe("Not imported: missing city");
  });

  it("names the row a duplicate repeats", () => {
    expect(notImportedStatus({ kind: "duplicate", duplicateOfRow: 3 })).toBe("Not imported: repeat of row 3");
  });
});

describe("describeRefund", () => {
  it("formats the property count", () => {
    expect(describeRefund("$1,234.50", 24690)).toBe(
      "You pay only for scored properties: 24,690 properties got no score, so $1,234.50 was refunded to your card.",
    );
  });

  it("uses the singular for one property", () => {
    expect(describeRefund("$0.05", 1)).toContain("1 property got no score, so $0.05 was refunded");
  });
});

describe("tierLabel", () => {
  it("names a known tier", () => {
    expect(tierLabel("not_a_candidate")).toBe("Not a candidate");
  });

  it("keeps an unknown tier as stored", () => {
    expect(tierLabel("legacy_tier")).toBe("legacy_tier");
  });
});
