import type { DistressAssessment } from "./distress-assessment";

/** Ways a deliberately malformed response text breaks the caller's parser. */
export const malformations = ["truncated-json", "prose-around-json", "score-out-of-range", "missing-field", "score-as-string"] as const;
export type Malformation = (typeof malformations)[number];

export interface AnswerFormat {
  /** True when the request set `responseMimeType: "application/json"`. */
  json: boolean;
  /** Property names of the request's response schema, or null when it sent none. */
  schemaProperties: string[] | null;
}

/**
 * Writes the model's text for an assessment. In JSON mode it keeps only the properties that the
 * request's schema names, or all six without a schema. Other requests get a short prose text.
 */
export function writeAnswerText(assessment: DistressAssessment, format: AnswerFormat, malformation: Malformation | null): string {
  if (!format.json) {
    return writeProse(assessment);
  }

  const fields: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(assessment)) {
    if (!format.schemaProperties || format.schemaProperties.includes(name)) {
      fields[name] = value;
    }
  }

  return malformation ? writeMalformed(fields, malformation) : JSON.stringify(fields);
}

function writeMalformed(fields: Record<string, unknown>, malformation: Malformation): string {
  const text = JSON.stringify(fields);
  switch (malformation) {
    case "truncated-json":
      return text.slice(0, Math.max(1, Math.floor(text.length / 2)));
    case "prose-around-json":
      return `Here is my assessment of the property:\n${text}\nLet me know if you need anything else.`;
    case "score-out-of-range":
      return JSON.stringify({ ...fields, score: 140 });
    case "missing-field": {
      const { assessable: _dropped, ...rest } = fields;
      return JSON.stringify(rest);
    }
    case "score-as-string":
      return JSON.stringify({ ...fields, score: String(fields.score ?? "") });
  }
}

function writeProse(assessment: DistressAssessment): string {
  if (!assessment.assessable) {
    return `The property cannot be assessed from this image. ${assessment.reasoning}`;
  }

  const indicators = assessment.indicators.length > 0 ? ` Indicators: ${assessment.indicators.join("; ")}.` : "";
  return `Distress score: ${assessment.score} out of 100 (${assessment.confidence} confidence). ${assessment.reasoning}${indicators}`;
}
