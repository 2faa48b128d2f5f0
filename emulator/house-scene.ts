import { bearingDifference } from "./geo";
import { createSeededRandom, hashToUint32, hashToUnit } from "./hashing";
import { bodyColors, roofColors } from "./palette";
import type { Panorama } from "./panorama";

/** Visible state of an emulated house, fixed per panorama. */
export interface HouseCondition {
  /** 0 for a well-kept house up to 1 for severe visible distress. */
  severity: number;
  /** Windows in the upper row. The lower row always has two windows beside the door. */
  upperWindows: 2 | 3;
  /** Indices into the windows, upper row first, that are boarded or have broken glass. */
  boardedWindows: number[];
  brokenWindows: number[];
  roofHoles: number;
  roofTarp: boolean;
  peelingPatches: number;
  /** Height of the overgrowth band as a fraction of the wall height. */
  overgrowth: number;
  debrisPiles: number;
}

export type SceneKind = "house" | "empty-lot" | "vehicle";

/** Everything needed to draw one Street View image. */
export interface ScenePlan {
  kind: SceneKind;
  condition: HouseCondition;
  bodyColor: (typeof bodyColors)[number];
  roofColor: (typeof roofColors)[number];
  treeInFront: boolean;
  /** Horizontal centre of the house as a fraction of the image width. Outside 0..1 it is off-frame. */
  houseCenterX: number;
  /** Size of the house relative to a house 20 m away seen with a 90° field of view. */
  houseScale: number;
  /** Vertical shift of the horizon as a fraction of the image height. Positive values move it down. */
  horizonShift: number;
  /** Seed for the placement of patches, debris and trees. */
  seed: number;
}

export interface CameraView {
  headingDeg: number;
  fovDeg: number;
  pitchDeg: number;
  width: number;
  height: number;
}

const emptyLotShare = 0.05;
const vehicleShare = 0.04;
const treeInFrontShare = 0.12;

/**
 * Plans the view of a camera at a panorama. The house and its condition depend only on the
 * panorama id. Where the house appears depends on how far the heading is from the bearing to
 * the house, so a wrong heading shows the house off-centre or not at all.
 */
export function planScene(panorama: Panorama, view: CameraView): ScenePlan {
  const id = panorama.panoId;
  const sceneDraw = hashToUnit("scene-kind", id);
  let kind: SceneKind = "house";
  if (sceneDraw < emptyLotShare) {
    kind = "empty-lot";
  } else if (sceneDraw < emptyLotShare + vehicleShare) {
    kind = "vehicle";
  }

  const offsetDeg = bearingDifference(view.headingDeg, panorama.houseBearingDeg);
  const verticalFovDeg = (view.fovDeg * view.height) / view.width;
  const scale = (90 / view.fovDeg) * (20 / Math.max(panorama.houseDistanceM, 1));

  return {
    kind,
    condition: planCondition(id),
    bodyColor: bodyColors[Math.floor(hashToUnit("body-color", id) * bodyColors.length)] ?? "bodyCream",
    roofColor: roofColors[Math.floor(hashToUnit("roof-color", id) * roofColors.length)] ?? "roofBrown",
    treeInFront: hashToUnit("tree-in-front", id) < treeInFrontShare,
    houseCenterX: 0.5 + offsetDeg / view.fovDeg,
    houseScale: Math.min(1.25, Math.max(0.45, scale)),
    horizonShift: Math.max(-0.3, Math.min(0.3, view.pitchDeg / verticalFovDeg)),
    seed: hashToUint32("scene-seed", id),
  };
}

/**
 * Draws the condition from a severity distribution: about 35% well kept, 30% light wear,
 * 20% moderate and 15% severe distress. Feature counts grow with severity.
 */
export function planCondition(panoId: string): HouseCondition {
  const random = createSeededRandom(hashToUint32("condition", panoId));
  const band = random();
  const within = random();
  const severity = drawSeverity(band, within);

  const upperWindows: 2 | 3 = random() < 0.5 ? 2 : 3;
  const windowCount = upperWindows + 2;
  const windowOrder = shuffle([...Array(windowCount).keys()], random);

  const boardedCount = severity > 0.3 ? Math.round(windowCount * Math.min(1, (severity - 0.3) * 1.6 * (0.5 + random() / 2))) : 0;
  const brokenCount = severity > 0.2 && random() < severity ? 1 + Math.floor(random() * 2 * severity) : 0;
  const boardedWindows = windowOrder.slice(0, boardedCount);
  const brokenWindows = windowOrder.slice(boardedCount, Math.min(windowCount, boardedCount + brokenCount));

  const overgrowthDraw = random();
  return {
    severity,
    upperWindows,
    boardedWindows,
    brokenWindows,
    roofHoles: severity > 0.45 ? 1 + Math.floor(random() * 3 * severity) : 0,
    roofTarp: severity > 0.35 && random() < 0.4,
    peelingPatches: Math.round(severity * 9 * (0.5 + random() / 2)),
    overgrowth: severity > 0.15 ? severity * 0.5 * (0.6 + 0.4 * overgrowthDraw) : 0,
    debrisPiles: severity > 0.4 ? 1 + Math.floor(random() * 3 * severity) : 0,
  };
}

/** Maps two uniform draws onto the banded severity distribution described on planCondition. */
function drawSeverity(band: number, within: number): number {
  if (band < 0.35) {
    return within * 0.1;
  }
  if (band < 0.65) {
    return 0.1 + within * 0.25;
  }
  if (band < 0.85) {
    return 0.35 + within * 0.3;
  }
  return 0.65 + within * 0.35;
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let index = items.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [items[index], items[other]] = [items[other] as T, items[index] as T];
  }
  return items;
}
