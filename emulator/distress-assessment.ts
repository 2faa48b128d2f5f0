import { createSeededRandom, hashToUint32 } from "./hashing";
import { measureScene, type SceneMeasurement } from "./image-measurement";
import { decodePng, isPng, PngDecodeError } from "./png";

/** The six-field JSON object that Curbscore's prompt requests from Gemini. */
export interface DistressAssessment {
  score: number;
  confidence: "high" | "medium" | "low";
  indicators: string[];
  reasoning: string;
  imageQualityIssues: string | null;
  assessable: boolean;
}

/** Below this share of house pixels the image shows no house that can be judged. */
const minStructureShare = 0.03;
/** Below this share the house is small in the frame, so confidence is low. */
const smallHouseShare = 0.08;
/** Emulator images are drawn almost entirely in palette colours; others fall back to a hash. */
const minPaletteShare = 0.9;

/**
 * Scores the visible distress in an image deterministically. Images the emulator drew are
 * measured, and more or larger distress features give a higher score. Any other image gets an
 * assessment derived from a hash of its bytes.
 */
export function assessImage(bytes: Buffer | null): DistressAssessment {
  if (!bytes || bytes.length === 0) {
    return notAssessable("No image was attached to the request, so there is nothing to assess.", "No image provided.");
  }

  const measurement = measureIfEmulatorImage(bytes);
  return measurement ? assessMeasurement(measurement) : assessByHash(bytes);
}

function measureIfEmulatorImage(bytes: Buffer): SceneMeasurement | null {
  if (!isPng(bytes)) {
    return null;
  }

  try {
    const measurement = measureScene(decodePng(bytes));
    return measurement.paletteShare >= minPaletteShare ? measurement : null;
  } catch (error) {
    if (error instanceof PngDecodeError) {
      return null;
    }
    throw error;
  }
}

function assessMeasurement(scene: SceneMeasurement): DistressAssessment {
  if (scene.noImageryShare > 0.9) {
    return notAssessable(
      "The image is the blank placeholder Street View shows where it has no imagery. No building can be judged from it.",
      "No Street View imagery at this location.",
    );
  }
  if (scene.structureShare < minStructureShare && scene.vehicleShare > 0.1) {
    return notAssessable(
      "A large vehicle parked at the curb blocks the view of the property. Too little of the building is visible to judge its condition.",
      "View blocked by a vehicle.",
    );
  }
  if (scene.structureShare < minStructureShare) {
    return notAssessable(
      "No house is in view: the image shows open ground, trees and the street. The camera may face an empty lot or a different direction than the house.",
      "No building in view.",
    );
  }

  const score = scoreDistress(scene);
  const issues = qualityIssues(scene);
  const indicators = listIndicators(scene);
  let confidence: DistressAssessment["confidence"] = "high";
  if (scene.structureShare < smallHouseShare) {
    confidence = "low";
  } else if (issues.length > 0) {
    confidence = "medium";
  }

  return {
    score,
    confidence,
    indicators,
    reasoning: writeReasoning(score, indicators, issues),
    imageQualityIssues: issues.length > 0 ? issues.join(" ") : null,
    assessable: true,
  };
}

/**
 * Each signal is scaled so that the severest version the scenes draw reaches about 1. The weights
 * are points out of 100 and sum to 116, so a house showing every feature saturates at 100.
 */
const signalWeights = { boarded: 38, broken: 14, roof: 22, peeling: 14, overgrowth: 16, debris: 12 };

function scoreDistress(scene: SceneMeasurement): number {
  const signals: Record<keyof typeof signalWeights, number> = {
    boarded: scene.windows > 0 ? scene.boardedWindows / scene.windows : 0,
    broken: scene.windows > 0 ? Math.min(1, (scene.brokenWindows / scene.windows) * 2) : 0,
    roof: Math.min(1, scene.roofDamageShare * 4),
    peeling: Math.min(1, scene.peelingShare * 5),
    overgrowth: Math.min(1, scene.overgrowthRatio / 0.3),
    debris: Math.min(1, scene.debrisRatio / 0.06),
  };

  let raw = 0;
  let present = 0;
  for (const [name, value] of Object.entries(signals) as Array<[keyof typeof signalWeights, number]>) {
    raw += signalWeights[name] * value;
    present += value > 0.05 ? 1 : 0;
  }

  // Several indicators together count for more than their sum, as Curbscore's rubric requires.
  return Math.min(100, Math.round(raw * (1 + 0.08 * Math.max(0, present - 1))));
}

function listIndicators(scene: SceneMeasurement): string[] {
  const indicators: string[] = [];
  const plural = (count: number, singular: string, many: string) => (count === 1 ? singular : many);

  if (scene.boardedWindows > 0) {
    indicators.push(`${scene.boardedWindows} of ${scene.windows} ${plural(scene.windows, "window", "windows")} boarded up`);
  }
  if (scene.brokenWindows > 0) {
    indicators.push(`${scene.brokenWindows} ${plural(scene.brokenWindows, "window", "windows")} with broken glass`);
  }
  if (scene.roofHoles > 0) {
    indicators.push(`${scene.roofHoles} ${plural(scene.roofHoles, "hole", "holes")} in the roof`);
  }
  if (scene.hasRoofTarp) {
    indicators.push("tarp covering part of the roof");
  }
  if (scene.peelingShare > 0.02) {
    indicators.push(scene.peelingShare > 0.1 ? "extensive peeling paint" : "peeling paint on the siding");
  }
  if (scene.overgrowthRatio > 0.05) {
    indicators.push(scene.overgrowthRatio > 0.15 ? "overgrown vegetation covering the lower wall" : "untrimmed shrubs along the front");
  }
  if (scene.debrisPiles > 0) {
    indicators.push(`debris piled in the yard (${scene.debrisPiles} ${plural(scene.debrisPiles, "pile", "piles")})`);
  }

  return indicators;
}

function qualityIssues(scene: SceneMeasurement): string[] {
  const issues: string[] = [];
  if (scene.foliageOverHouseShare > 0.05) {
    issues.push("A tree partly hides the house.");
  }
  if (scene.houseCutOff) {
    issues.push("The house is partly outside the frame.");
  }
  if (scene.structureShare < smallHouseShare) {
    issues.push("The house is small in the frame.");
  }
  return issues;
}

function writeReasoning(score: number, indicators: string[], issues: string[]): string {
  const listed = joinPhrases(indicators.slice(0, 3));
  let sentences: string[];
  if (indicators.length === 0) {
    sentences = ["The house looks maintained: windows, roof and siding appear intact.", "No distress indicators are visible."];
  } else if (score >= 70) {
    sentences = [`The house shows ${listed}.`, "Several signs together point to a vacant or neglected property."];
  } else if (score >= 40) {
    sentences = [`The house shows ${listed}.`, "The structure otherwise looks sound, so the distress is moderate."];
  } else if (score >= 15) {
    sentences = [`The house shows minor wear: ${listed}.`, "No structural damage is visible."];
  } else {
    sentences = [`The house looks maintained apart from ${listed}.`, "Windows, roof and siding appear intact."];
  }

  if (issues.length > 0) {
    sentences.push("Part of the view is limited, so the assessment is less certain.");
  }
  return sentences.join(" ");
}

function joinPhrases(phrases: string[]): string {
  if (phrases.length <= 1) {
    return phrases[0] ?? "";
  }
  return `${phrases.slice(0, -1).join(", ")} and ${phrases.at(-1)}`;
}

function notAssessable(reasoning: string, issue: string): DistressAssessment {
  return { score: 0, confidence: "low", indicators: [], reasoning, imageQualityIssues: issue, assessable: false };
}

const hashIndicators = [
  "peeling paint on the siding",
  "overgrown vegetation covering the lower wall",
  "boarded-up windows",
  "damaged roof shingles",
  "debris piled in the yard",
  "broken window glass",
];

/** Assesses an image the emulator did not draw, as a pure function of its bytes. */
function assessByHash(bytes: Buffer): DistressAssessment {
  const random = createSeededRandom(hashToUint32("foreign-image", bytes));
  if (random() < 0.08) {
    return notAssessable("The image does not show a house clearly enough to judge its condition.", "No building clearly in view.");
  }

  const score = Math.floor(random() * 101);
  const indicatorCount = Math.round((score / 100) * 4);
  const start = Math.floor(random() * hashIndicators.length);
  const indicators = Array.from({ length: indicatorCount }, (_, offset) => hashIndicators[(start + offset) % hashIndicators.length] ?? "");
  const confidence = random() < 0.6 ? "high" : "medium";

  return {
    score,
    confidence,
    indicators,
    reasoning: writeReasoning(score, indicators, []),
    imageQualityIssues: confidence === "medium" ? "The image is slightly blurred." : null,
    assessable: true,
  };
}
