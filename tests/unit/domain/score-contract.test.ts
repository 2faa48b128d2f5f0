import { describe, expect, it } from "vitest";
import { parseModelAnswer, tierForScore } from "@/lib/scoring/score-contract";

const valid = {
  score: 82,
  confidence: "high",
  indicators: ["boarded windows", "overgrown lawn"],
  reasoning: "Two front windows are boarded. The lawn is knee high.",
  imageQualityIssues: null,
  assessable: true,
};

describe("tierForScore", () => {
  it.each([
    [100, "strong_candidate"],
    [70, "strong_candidate"],
    [69, "moderate"],
    [40, "moderate"],
    [39, "weak"],
    [15, "weak"],
    [14, "not_a_candidate"],
    [0, "not_a_candidate"],
  ])("puts %i in %s", (score, tier) => {
    expect(tierForScore(score)).toBe(tier);
  });
});

describe("parseModelAnswer", () => {
  it("accepts an answer that follows the schema", () => {
    const parsed = parseModelAnswer(JSON.stringify(valid));
    expect(parsed.ok).toBe(true);
    expect(parsed.ok && parsed.value.score).toBe(82);
  });

  it("accepts JSON inside a code fence", () => {
    expect(parseModelAnswer("```json\n" + JSON.stringify(valid) + "\n```").ok).toBe(true);
  });

  it.each([
    { name: "empty text", text: "", reason: /empty/ },
    { name: "prose", text: "The house looks fine.", reason: /not valid JSON/ },
    { name: "score above 100", text: JSON.stringify({ ...valid, score: 140 }), reason: /score/ },
    { name: "fractional score", text: JSON.stringify({ ...valid, score: 50.5 }), reason: /score/ },
    { name: "unknown confidence", text: JSON.stringify({ ...valid, confidence: "certain" }), reason: /confidence/ },
    { name: "missing assessable", text: JSON.stringify({ ...valid, assessable: undefined }), reason: /assessable/ },
    { name: "extra key", text: JSON.stringify({ ...valid, tier: "strong" }), reason: /root|tier/ },
  ])("rejects $name", ({ text, reason }) => {
    const parsed = parseModelAnswer(text);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? "" : parsed.reason).toMatch(reason);
  });
});
