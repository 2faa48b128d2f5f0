import { describe, expect, it } from "vitest";
import { bearingDegrees } from "@/lib/geo/bearing";

describe("bearingDegrees", () => {
  const origin = { latitude: 42.35, longitude: -83.08 };

  it.each([
    { name: "north", to: { latitude: 42.351, longitude: -83.08 }, expected: 0 },
    { name: "south", to: { latitude: 42.349, longitude: -83.08 }, expected: 180 },
    { name: "east", to: { latitude: 42.35, longitude: -83.079 }, expected: 90 },
    { name: "west", to: { latitude: 42.35, longitude: -83.081 }, expected: 270 },
  ])("points $name", ({ to, expected }) => {
    expect(bearingDegrees(origin, to)).toBeCloseTo(expected, 0);
  });

  it("points north-east between the axes", () => {
    const heading = bearingDegrees(origin, { latitude: 42.3501, longitude: -83.0799 });
    expect(heading).toBeGreaterThan(30);
    expect(heading).toBeLessThan(60);
  });

  it("stays within 0 to 360 degrees", () => {
    for (let step = 0; step < 36; step++) {
      const angle = (step * 10 * Math.PI) / 180;
      const heading = bearingDegrees(origin, { latitude: 42.35 + 0.0002 * Math.cos(angle), longitude: -83.08 + 0.0002 * Math.sin(angle) });
      expect(heading).toBeGreaterThanOrEqual(0);
      expect(heading).toBeLessThan(360);
    }
  });
});
