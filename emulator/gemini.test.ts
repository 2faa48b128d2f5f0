import { ApiError, GoogleGenAI } from "@google/genai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";

import { bearingBetween, destinationPoint, type LatLng } from "./geo";
import { planCondition } from "./house-scene";
import { startEmulator, type RunningEmulator } from "./server";

let emulator: RunningEmulator;
let ai: GoogleGenAI;

beforeAll(async () => {
  emulator = await startEmulator();
  ai = new GoogleGenAI({ apiKey: "test-gemini-key", httpOptions: { baseUrl: emulator.url } });
});

afterAll(async () => {
  await emulator.close();
});

const model = "gemini-2.5-flash";
const prompt = "Score the visible distress of the house in this Street View image from 0 to 100.";

/** The contract Curbscore parses the model's response text with. */
const answerSchema = z
  .object({
    score: z.number().int().min(0).max(100),
    confidence: z.enum(["high", "medium", "low"]),
    indicators: z.array(z.string()),
    reasoning: z.string().min(1),
    imageQualityIssues: z.string().nullable(),
    assessable: z.boolean(),
  })
  .strict();

const responseJsonSchema = {
  type: "object",
  properties: {
    score: { type: "integer", minimum: 0, maximum: 100 },
    confidence: { type: "string", enum: ["high", "medium", "low"] },
    indicators: { type: "array", items: { type: "string" } },
    reasoning: { type: "string" },
    imageQualityIssues: { type: ["string", "null"] },
    assessable: { type: "boolean" },
  },
  required: ["score", "confidence", "indicators", "reasoning", "imageQualityIssues", "assessable"],
};

interface StreetViewShot {
  panoId: string;
  png: Buffer;
}

/** Finds panoramas near a start point and downloads each one's image facing its house. */
async function shootHouses(start: LatLng, count: number, headingOffsetDeg = 0): Promise<StreetViewShot[]> {
  const shots: StreetViewShot[] = [];
  for (let step = 0; shots.length < count && step < count * 5; step += 1) {
    const house = destinationPoint(start, 45, step * 250);
    const metadataUrl = new URL("/maps/api/streetview/metadata", emulator.url);
    metadataUrl.search = new URLSearchParams({ location: `${house.lat},${house.lng}`, key: "test-maps-key" }).toString();
    const metadata = await (await fetch(metadataUrl)).json();
    if (metadata.status !== "OK") {
      continue;
    }

    const heading = (bearingBetween(metadata.location, house) + headingOffsetDeg) % 360;
    const imageUrl = new URL("/maps/api/streetview", emulator.url);
    imageUrl.search = new URLSearchParams({
      pano: metadata.pano_id,
      size: "640x400",
      heading: heading.toFixed(2),
      fov: "80",
      pitch: "5",
      key: "test-maps-key",
    }).toString();
    shots.push({ panoId: metadata.pano_id, png: Buffer.from(await (await fetch(imageUrl)).arrayBuffer()) });
  }
  return shots;
}

async function scoreImage(png: Buffer, config: Record<string, unknown> = { responseMimeType: "application/json", responseJsonSchema }) {
  return ai.models.generateContent({
    model,
    contents: [{ role: "user", parts: [{ text: prompt }, { inlineData: { mimeType: "image/png", data: png.toString("base64") } }] }],
    config: { temperature: 0, ...config },
  });
}

describe("gemini generateContent", () => {
  it("returns the six-field contract", async () => {
    const [shot] = await shootHouses({ lat: 42.35, lng: -83.08 }, 1);
    const response = await scoreImage(shot?.png ?? Buffer.alloc(0));
    const answer = answerSchema.safeParse(JSON.parse(response.text ?? ""));

    expect(answer.success).toBe(true);
    expect(response.candidates?.[0]?.finishReason).toBe("STOP");
    expect(response.usageMetadata?.promptTokenCount).toBeGreaterThan(258);
    expect(response.modelVersion).toBe(model);
  });

  it("repeats the answer for one image", async () => {
    const [shot] = await shootHouses({ lat: 38.88, lng: -76.94 }, 1);
    const first = await scoreImage(shot?.png ?? Buffer.alloc(0));
    const second = await scoreImage(shot?.png ?? Buffer.alloc(0));

    expect(second.text).toBe(first.text);
  });

  it("varies the answer across images", async () => {
    const shots = await shootHouses({ lat: 39.29, lng: -76.63 }, 8);
    const answers = new Set<string>();
    for (const shot of shots) {
      answers.add((await scoreImage(shot.png)).text ?? "");
    }

    expect(shots).toHaveLength(8);
    expect(answers.size).toBeGreaterThanOrEqual(6);
  });

  it("scores distressed houses above kept ones", async () => {
    const shots = await shootHouses({ lat: 42.4, lng: -83.15 }, 40);
    const scored: Array<{ severity: number; score: number }> = [];
    for (const shot of shots) {
      const answer = answerSchema.parse(JSON.parse((await scoreImage(shot.png)).text ?? ""));
      if (answer.assessable) {
        scored.push({ severity: planCondition(shot.panoId).severity, score: answer.score });
      }
    }

    const kept = scored.filter((entry) => entry.severity < 0.1).map((entry) => entry.score);
    const severe = scored.filter((entry) => entry.severity > 0.65).map((entry) => entry.score);
    expect(kept.length).toBeGreaterThan(0);
    expect(severe.length).toBeGreaterThan(0);
    expect(Math.max(...kept)).toBeLessThan(15);
    expect(Math.min(...severe)).toBeGreaterThan(40);
  });

  it("marks a view without a house not assessable", async () => {
    const [shot] = await shootHouses({ lat: 42.33, lng: -83.05 }, 1, 180);
    const answer = answerSchema.parse(JSON.parse((await scoreImage(shot?.png ?? Buffer.alloc(0))).text ?? ""));

    expect(answer.assessable).toBe(false);
    expect(answer.score).toBe(0);
    expect(answer.reasoning.length).toBeGreaterThan(20);
  });

  it("scores a foreign image deterministically", async () => {
    const bytes = Buffer.from("not an emulator image, just some bytes standing in for a JPEG");
    const first = await scoreImage(bytes);
    const second = await scoreImage(bytes);

    expect(answerSchema.safeParse(JSON.parse(first.text ?? "")).success).toBe(true);
    expect(second.text).toBe(first.text);
  });

  it("keeps only schema properties", async () => {
    const [shot] = await shootHouses({ lat: 42.35, lng: -83.08 }, 1);
    const response = await scoreImage(shot?.png ?? Buffer.alloc(0), {
      responseMimeType: "application/json",
      responseSchema: { type: "OBJECT", properties: { score: { type: "INTEGER" }, reasoning: { type: "STRING" } } },
    });

    expect(Object.keys(JSON.parse(response.text ?? "")).sort()).toEqual(["reasoning", "score"]);
  });

  it("returns prose without JSON mode", async () => {
    const [shot] = await shootHouses({ lat: 42.35, lng: -83.08 }, 1);
    const response = await scoreImage(shot?.png ?? Buffer.alloc(0), {});

    expect(() => JSON.parse(response.text ?? "")).toThrow();
    expect(response.text?.length).toBeGreaterThan(20);
  });

  it("breaks every response at geminiMalformedRate 1", async () => {
    const [shot] = await shootHouses({ lat: 42.35, lng: -83.08 }, 1);
    emulator.setKnobs({ geminiMalformedRate: 1 });
    try {
      for (let attempt = 0; attempt < 10; attempt += 1) {
        const text = (await scoreImage(shot?.png ?? Buffer.alloc(0))).text ?? "";
        let parsed: unknown = null;
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = null;
        }
        expect(answerSchema.safeParse(parsed).success).toBe(false);
      }
    } finally {
      emulator.setKnobs({ geminiMalformedRate: 0 });
    }
  });

  it("fails with a server error at errorRate 1", async () => {
    emulator.setKnobs({ errorRate: 1 });
    try {
      const error = await scoreImage(Buffer.from("image")).catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(ApiError);
      expect([500, 503]).toContain((error as ApiError).status);
    } finally {
      emulator.setKnobs({ errorRate: 0 });
    }
  });

  it("returns 404 for non-Gemini models", async () => {
    const error = await ai.models.generateContent({ model: "text-bison-001", contents: prompt }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(404);
    expect((error as ApiError).message).toContain("NOT_FOUND");
  });

  it("rejects a request without an API key", async () => {
    const response = await fetch(new URL(`/v1beta/models/${model}:generateContent`, emulator.url), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ contents: [{ parts: [{ text: prompt }] }] }),
    });
    const body = await response.json();

    expect(response.status).toBe(403);
    expect(body.error.status).toBe("PERMISSION_DENIED");
    expect(body.error.code).toBe(403);
  });

  it("rejects an empty contents list", async () => {
    const response = await fetch(new URL(`/v1beta/models/${model}:generateContent`, emulator.url), {
      method: "POST",
      headers: { "content-type": "application/json", "x-goog-api-key": "test-gemini-key" },
      body: JSON.stringify({ contents: [] }),
    });
    const body = await response.json();

    expect(response.status).toBe(400);
    expect(body.error.status).toBe("INVALID_ARGUMENT");
  });
});
