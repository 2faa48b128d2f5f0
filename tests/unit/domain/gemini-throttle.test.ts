import { describe, expect, it } from "vitest";
import { planGeminiThrottle } from "@/lib/pipeline/gemini-throttle";

describe("planGeminiThrottle", () => {
  it.each([
    { rpm: 15, keys: 1, period: 4 },
    { rpm: 120, keys: 6, period: 3 },
    { rpm: 300, keys: 15, period: 3 },
    { rpm: 100, keys: 5, period: 3 },
    { rpm: 60, keys: 3, period: 3 },
    { rpm: 1000, keys: 50, period: 3 },
  ])("splits $rpm per minute exactly", ({ rpm, keys, period }) => {
    const plan = planGeminiThrottle(rpm);
    expect(plan.keys).toBe(keys);
    expect(plan.periodSeconds).toBe(period);
    expect(plan.callsPerMinute).toBe(rpm);
  });

  it("never plans more than the budget", () => {
    for (let rpm = 1; rpm <= 1000; rpm++) {
      const plan = planGeminiThrottle(rpm);
      expect(plan.callsPerMinute).toBeLessThanOrEqual(rpm);
      expect(plan.keys * (60 / plan.periodSeconds)).toBeLessThanOrEqual(rpm + 1e-9);
    }
  });

  it("uses at least 90% of budgets of 7 per minute and more", () => {
    for (let rpm = 7; rpm <= 1000; rpm++) {
      expect(planGeminiThrottle(rpm).callsPerMinute / rpm).toBeGreaterThanOrEqual(0.9);
    }
  });

  it("uses periods of three seconds or more", () => {
    for (let rpm = 1; rpm <= 1000; rpm++) {
      expect(planGeminiThrottle(rpm).periodSeconds).toBeGreaterThanOrEqual(3);
    }
  });

  it("rejects a budget below one", () => {
    expect(() => planGeminiThrottle(0)).toThrow(RangeError);
  });
});
