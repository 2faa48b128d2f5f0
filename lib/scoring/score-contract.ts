import { z } from "zod";

/** The JSON the model must return for one image; anything that does not parse is a failed attempt. */
export const modelScoreSchema = z
  .object({
    score: z.number().int().min(0).max(100),
    confidence: z.enum(["high", "medium", "low"]),
    indicators: z.array(z.string().trim().min(1).max(120)).max(20),
    reasoning: z.string().trim().min(1).max(2000),
    imageQualityIssues: z.string().trim().max(500).nullable(),
    assessable: z.boolean(),
  })
  .strict();

export type ModelScore = z.infer<typeof modelScoreSchema>;

/** JSON Schema sent as Gemini's `responseJsonSchema`, kept in step with modelScoreSchema. */
export const modelScoreJsonSchema = {
  type: "object",
  properties: {
    score: { type: "integer", minimum: 0, maximum: 100, description: "Visible distress, 100 = severe" },
    confidence: { type: "string", enum: ["high", "medium", "low"] },
    indicators: { type: "array", items: { type: "string" }, description: "Short phrases for each sign seen" },
    reasoning: { type: "string", description: "Two or three sentences" },
    imageQualityIssues: { type: ["string", "null"], description: "Problems with the image, or null" },
    assessable: { type: "boolean", description: "False when no judgeable house is in view" },
  },
  required: ["score", "confidence", "indicators", "reasoning", "imageQualityIssues", "assessable"],
  additionalProperties: false,
} as const;

export type Tier = "strong_candidate" | "moderate" | "weak" | "not_a_candidate";

/** Derives the acquisition tier from a score on the server: 70–100, 40–69, 15–39, 0–14. */
export function tierForScore(score: number): Tier {
  if (score >= 70) return "strong_candidate";
  if (score >= 40) return "moderate";
  if (score >= 15) return "weak";
  return "not_a_candidate";
}

export type ParsedModelAnswer = { ok: true; value: ModelScore } | { ok: false; reason: string };

/** Parses the model's text answer; a code fence around the JSON is tolerated, anything else fails. */
export function parseModelAnswer(text: string | undefined): ParsedModelAnswer {
  if (!text || text.trim() === "") return { ok: false, reason: "empty answer" };

  const unfenced = text.trim().replace(/^```(?:json)?\s*/i, "").replace(/\s*```$/, "");
  let json: unknown;
  try {
    json = JSON.parse(unfenced);
  } catch {
    return { ok: false, reason: "answer is not valid JSON" };
  }

  const parsed = modelScoreSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { ok: false, reason: `answer breaks the schema at ${first?.path.join(".") || "root"}: ${first?.message}` };
  }
  return { ok: true, value: parsed.data };
}
