import { describe, expect, it } from "vitest";
import { describeLayout } from "@/lib/labels/describe-layout";

describe("describeLayout", () => {
  it.each([
    { used: ["street", "city", "state", "zip"], label: "separate street, city, state and ZIP columns" },
    { used: ["street", "city", "state"], label: "separate street, city and state columns" },
    { used: ["street", "city", "state", "latitude", "longitude"], label: "separate street, city and state columns" },
    { used: ["street", "state", "zip"], label: "separate street, state and ZIP columns" },
    { used: ["street", "city"], label: "separate street and city columns" },
    { used: ["zip", "state", "city", "street"], label: "separate street, city, state and ZIP columns" },
  ])("separate columns $used", ({ used, label }) => {
    expect(describeLayout("separate_columns", used, false)).toBe(label);
  });

  it("separate columns without address parts", () => {
    expect(describeLayout("separate_columns", ["latitude", "longitude"], false)).toBe("separate address columns");
  });

  it("single column of full addresses", () => {
    expect(describeLayout("single_column", ["street"], false)).toBe("one full-address column");
  });

  it("single column with a default city", () => {
    expect(describeLayout("single_column", ["street"], true)).toBe("one street-address column");
  });

  it("Redfin export", () => {
    expect(describeLayout("redfin", ["street", "city", "state", "zip"], false)).toBe("a Redfin export");
  });

  it("unknown layout printed as is", () => {
    expect(describeLayout("new_layout", [], false)).toBe("new_layout");
  });
});
