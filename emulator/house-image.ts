import { createSeededRandom } from "./hashing";
import type { ScenePlan } from "./house-scene";
import { colors } from "./palette";
import type { RgbImage } from "./png";
import { Raster } from "./raster";

/** Pixel geometry of the house in one image. */
interface HouseBox {
  centerX: number;
  baseY: number;
  width: number;
  wallHeight: number;
  roofHeight: number;
}

/**
 * Draws the scene of a plan: sky, lawn, sidewalk and road, then the house with its distress
 * features, or an empty lot, or a vehicle in front of the house. The same plan and size always
 * produce the same pixels.
 */
export function renderStreetViewImage(plan: ScenePlan, width: number, height: number): RgbImage {
  const random = createSeededRandom(plan.seed);
  const raster = new Raster(width, height, colors.sky);
  const horizonY = height * (0.5 + plan.horizonShift);
  const groundDepth = height - horizonY;
  const sidewalkY = horizonY + groundDepth * 0.62;
  const roadY = horizonY + groundDepth * 0.74;

  drawClouds(raster, horizonY, random);
  raster.fillRect(0, horizonY, width, height, colors.lawn);
  raster.fillRect(0, sidewalkY, width, roadY, colors.sidewalk);
  raster.fillRect(0, roadY, width, height, colors.road);
  raster.fillRect(0, roadY + (height - roadY) * 0.55, width, roadY + (height - roadY) * 0.6, colors.roadLine);

  const unit = Math.min(width, height * 1.6);
  const houseWidth = 0.45 * unit * plan.houseScale;
  const house: HouseBox = {
    centerX: plan.houseCenterX * width,
    baseY: sidewalkY - groundDepth * 0.06,
    width: houseWidth,
    wallHeight: houseWidth * 0.5,
    roofHeight: houseWidth * 0.32,
  };

  drawSideTrees(raster, house, horizonY, random);
  if (plan.kind === "empty-lot") {
    return raster.toImage();
  }

  drawHouse(raster, plan, house, random);
  if (plan.treeInFront) {
    drawTreeInFront(raster, house, random);
  }
  if (plan.kind === "vehicle") {
    drawVehicle(raster, house, height);
  }

  return raster.toImage();
}

/** Draws the flat grey image that Street View returns where it has no imagery. */
export function renderNoImageryImage(width: number, height: number): RgbImage {
  return new Raster(width, height, colors.noImagery).toImage();
}

function drawHouse(raster: Raster, plan: ScenePlan, house: HouseBox, random: () => number): void {
  const { centerX, baseY, width, wallHeight, roofHeight } = house;
  const left = centerX - width / 2;
  const right = centerX + width / 2;
  const wallTop = baseY - wallHeight;
  const condition = plan.condition;

  raster.fillRect(left, wallTop, right, baseY, colors[plan.bodyColor]);
  for (let patch = 0; patch < condition.peelingPatches; patch += 1) {
    const x = left + width * (0.08 + random() * 0.84);
    const y = wallTop + wallHeight * (0.12 + random() * 0.76);
    raster.fillEllipse(x, y, width * (0.04 + random() * 0.05), wallHeight * (0.05 + random() * 0.06), colors.peeling);
  }

  const eave = width * 0.06;
  const roof = [
    { x: left - eave, y: wallTop },
    { x: right + eave, y: wallTop },
    { x: centerX, y: wallTop - roofHeight },
  ];
  raster.fillPolygon(roof, colors[plan.roofColor]);
  raster.fillRect(left, wallTop, right, wallTop + Math.max(1, wallHeight * 0.04), colors.trim);
  drawRoofDamage(raster, house, condition.roofHoles, condition.roofTarp, random);

  windowRects(house, condition.upperWindows).forEach((rect, index) => {
    const state = condition.boardedWindows.includes(index) ? "boarded" : condition.brokenWindows.includes(index) ? "broken" : "intact";
    drawWindow(raster, rect, state);
  });

  const doorWidth = width * 0.13;
  raster.fillRect(centerX - doorWidth / 2, baseY - wallHeight * 0.5, centerX + doorWidth / 2, baseY, colors.door);

  drawOvergrowth(raster, house, condition.overgrowth, random);
  for (let pile = 0; pile < condition.debrisPiles; pile += 1) {
    const x = left - width * 0.1 + random() * width * 1.2;
    const y = baseY + wallHeight * (0.06 + random() * 0.1);
    raster.fillEllipse(x, y, width * (0.05 + random() * 0.04), wallHeight * (0.06 + random() * 0.04), colors.debris);
    raster.fillEllipse(x + width * 0.02, y - wallHeight * 0.02, width * 0.02, wallHeight * 0.025, colors.debrisAccent);
  }
}

interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Upper-row windows first, left to right, then the two lower windows beside the door. */
function windowRects(house: HouseBox, upperWindows: number): Rect[] {
  const { centerX, baseY, width, wallHeight } = house;
  const windowWidth = width * 0.13;
  const rects: Rect[] = [];

  for (let index = 0; index < upperWindows; index += 1) {
    const x = centerX - width / 2 + (width * (index + 1)) / (upperWindows + 1);
    rects.push({ left: x - windowWidth / 2, top: baseY - wallHeight * 0.86, right: x + windowWidth / 2, bottom: baseY - wallHeight * 0.6 });
  }
  for (const side of [-1, 1]) {
    const x = centerX + side * width * 0.3;
    rects.push({ left: x - windowWidth / 2, top: baseY - wallHeight * 0.46, right: x + windowWidth / 2, bottom: baseY - wallHeight * 0.16 });
  }

  return rects;
}

function drawWindow(raster: Raster, rect: Rect, state: "intact" | "boarded" | "broken"): void {
  const frame = Math.max(1, (rect.right - rect.left) * 0.08);
  raster.fillRect(rect.left - frame, rect.top - frame, rect.right + frame, rect.bottom + frame, colors.trim);

  if (state === "boarded") {
    raster.fillRect(rect.left, rect.top, rect.right, rect.bottom, colors.boards);
    const plankHeight = (rect.bottom - rect.top) / 4;
    for (let seam = 1; seam < 4; seam += 1) {
      const y = rect.top + seam * plankHeight;
      raster.fillRect(rect.left, y, rect.right, y + Math.max(1, plankHeight * 0.12), colors.boardSeam);
    }
    return;
  }

  raster.fillRect(rect.left, rect.top, rect.right, rect.bottom, colors.glass);
  if (state === "broken") {
    const shard = [
      { x: rect.left, y: rect.top },
      { x: rect.right, y: rect.top + (rect.bottom - rect.top) * 0.25 },
      { x: rect.left + (rect.right - rect.left) * 0.35, y: rect.bottom },
    ];
    raster.fillPolygon(shard, colors.brokenGlass);
  }
}

function drawRoofDamage(raster: Raster, house: HouseBox, holes: number, tarp: boolean, random: () => number): void {
  const { centerX, baseY, width, wallHeight, roofHeight } = house;
  const wallTop = baseY - wallHeight;

  for (let hole = 0; hole < holes; hole += 1) {
    // Holes sit in the lower half of the roof, where the triangle is wide enough.
    const x = centerX + (random() - 0.5) * width * 0.6;
    const y = wallTop - roofHeight * (0.15 + random() * 0.3);
    const size = width * (0.035 + random() * 0.03);
    raster.fillPolygon(
      [
        { x: x - size, y: y - size * 0.3 },
        { x: x + size * 0.6, y: y - size * 0.5 },
        { x: x + size, y: y + size * 0.4 },
        { x: x - size * 0.4, y: y + size * 0.5 },
      ],
      colors.roofHole,
    );
  }

  if (tarp) {
    const x = centerX + (random() - 0.5) * width * 0.3;
    const y = wallTop - roofHeight * 0.35;
    raster.fillPolygon(
      [
        { x: x - width * 0.1, y: y - roofHeight * 0.12 },
        { x: x + width * 0.1, y: y - roofHeight * 0.1 },
        { x: x + width * 0.12, y: y + roofHeight * 0.15 },
        { x: x - width * 0.09, y: y + roofHeight * 0.14 },
      ],
      colors.tarp,
    );
  }
}

function drawOvergrowth(raster: Raster, house: HouseBox, fraction: number, random: () => number): void {
  if (fraction <= 0) {
    return;
  }

  const { centerX, baseY, width, wallHeight } = house;
  const bandHeight = wallHeight * fraction;
  const left = centerX - width * 0.65;
  const right = centerX + width * 0.65;
  const outline = [{ x: left, y: baseY + wallHeight * 0.05 }];
  const peaks = 14;

  for (let peak = 0; peak <= peaks; peak += 1) {
    const x = left + ((right - left) * peak) / peaks;
    outline.push({ x, y: baseY - bandHeight * (0.6 + random() * 0.4) });
  }
  outline.push({ x: right, y: baseY + wallHeight * 0.05 });
  raster.fillPolygon(outline, colors.overgrowth);
}

function drawTreeInFront(raster: Raster, house: HouseBox, random: () => number): void {
  const side = random() < 0.5 ? -1 : 1;
  const x = house.centerX + side * house.width * 0.32;
  const trunkWidth = house.width * 0.05;

  raster.fillRect(x - trunkWidth / 2, house.baseY - house.wallHeight * 0.6, x + trunkWidth / 2, house.baseY + house.wallHeight * 0.2, colors.trunk);
  raster.fillEllipse(x, house.baseY - house.wallHeight * 0.95, house.width * 0.2, house.wallHeight * 0.55, colors.foliage);
}

function drawSideTrees(raster: Raster, house: HouseBox, horizonY: number, random: () => number): void {
  const count = Math.floor(random() * 3);
  for (let tree = 0; tree < count; tree += 1) {
    const side = tree % 2 === 0 ? -1 : 1;
    const x = house.centerX + side * house.width * (0.85 + random() * 0.3);
    const height = (house.baseY - horizonY) * 2.2;
    const trunkWidth = house.width * 0.04;

    raster.fillRect(x - trunkWidth / 2, house.baseY - height * 0.5, x + trunkWidth / 2, house.baseY, colors.trunk);
    raster.fillEllipse(x, house.baseY - height * 0.75, house.width * 0.14, height * 0.35, colors.foliage);
  }
}

function drawVehicle(raster: Raster, house: HouseBox, imageHeight: number): void {
  const left = house.centerX - house.width * 0.8;
  const right = house.centerX + house.width * 0.8;
  const top = house.baseY - house.wallHeight - house.roofHeight * 0.85;
  const bottom = Math.min(imageHeight, house.baseY + house.wallHeight * 0.45);

  raster.fillRect(left, top, right, bottom, colors.vehicle);
  raster.fillRect(left + house.width * 0.05, top + (bottom - top) * 0.12, left + house.width * 0.35, top + (bottom - top) * 0.4, colors.vehicleWindow);
  for (const x of [left + house.width * 0.25, right - house.width * 0.25]) {
    raster.fillEllipse(x, bottom, house.width * 0.09, house.wallHeight * 0.16, colors.tire);
  }
}

function drawClouds(raster: Raster, horizonY: number, random: () => number): void {
  const count = 1 + Math.floor(random() * 3);
  for (let cloud = 0; cloud < count; cloud += 1) {
    const x = random() * raster.width;
    const y = horizonY * (0.15 + random() * 0.5);
    raster.fillEllipse(x, y, raster.width * (0.06 + random() * 0.06), raster.height * 0.03, colors.cloud);
  }
}
