import { colors, packRgb, type ColorName, type Rgb } from "./palette";
import type { RgbImage } from "./png";

/** Distress features and view conditions of a generated Street View image, measured from its pixels. */
export interface SceneMeasurement {
  totalPixels: number;
  /** Share of pixels that have an exact palette colour; low for images the emulator did not draw. */
  paletteShare: number;
  /** Share of pixels showing the house: walls, roof, windows, door and their damage. */
  structureShare: number;
  noImageryShare: number;
  vehicleShare: number;
  windows: number;
  boardedWindows: number;
  brokenWindows: number;
  roofHoles: number;
  /** Tarp and holes as a share of the visible roof. */
  roofDamageShare: number;
  hasRoofTarp: boolean;
  /** Bare siding as a share of the visible wall. */
  peelingShare: number;
  /** Overgrowth pixels relative to the house's pixels. */
  overgrowthRatio: number;
  debrisPiles: number;
  /** Debris pixels relative to the house's pixels. */
  debrisRatio: number;
  /** Foliage inside the house's bounding box as a share of that box. */
  foliageOverHouseShare: number;
  /** True when house pixels touch the left or right edge of the image. */
  houseCutOff: boolean;
}

const structureColors = new Set<ColorName>([
  "bodyCream",
  "bodyBlue",
  "bodyYellow",
  "trim",
  "roofBrown",
  "roofGrey",
  "glass",
  "door",
  "boards",
  "boardSeam",
  "brokenGlass",
  "roofHole",
  "tarp",
  "peeling",
]);
const windowColors: ColorName[] = ["glass", "boards", "boardSeam", "brokenGlass"];
const boardColors: ColorName[] = ["boards", "boardSeam"];
const debrisColors: ColorName[] = ["debris", "debrisAccent"];
const colorNames = Object.keys(colors) as ColorName[];
/** Packed RGB to 1 + the colour's position in colorNames; 0 stays free for "not a palette colour". */
const colorIndexByPackedRgb = new Map(
  colorNames.map((name, index) => {
    const [red, green, blue]: Rgb = colors[name];
    return [packRgb(red, green, blue), index + 1];
  }),
);
const structureIndices = Uint8Array.from([0, ...colorNames.map((name) => (structureColors.has(name) ? 1 : 0))]);
/** Components smaller than this many pixels are drawing slivers, not features. */
const minFeaturePixels = 6;

/** Measures the palette colours and countable features of an image. */
export function measureScene(image: RgbImage): SceneMeasurement {
  const { width, height } = image;
  const totalPixels = width * height;
  const { pixelColors, colorCounts, paletteMatches, houseBox: box } = classifyPixels(image);

  const count = (...names: ColorName[]) => names.reduce((sum, name) => sum + (colorCounts[colorNames.indexOf(name) + 1] ?? 0), 0);
  const structure = count(...structureColors);
  const roof = count("roofBrown", "roofGrey", "roofHole", "tarp");
  const wall = count("bodyCream", "bodyBlue", "bodyYellow", "peeling");
  // Features lie on the house or on the ground in front of it, so the search can skip the sky.
  const featureRegion: Region = { left: 0, right: width - 1, top: Math.max(0, box.top), bottom: height - 1 };
  const scratch = scratchFor(totalPixels);
  const present = (names: ColorName[]) => count(...names) > 0;
  // Windows and roof holes are house colours, so every pixel of theirs lies in the house's box.
  const windows = present(windowColors)
    ? countComponents(pixelColors, width, box, scratch, windowColors, [boardColors, ["brokenGlass"]])
    : { count: 0, containing: [0, 0] };
  // The component search scans the whole region, so a colour the image lacks is not searched for.
  const components = (names: ColorName[], region: Region) =>
    present(names) ? countComponents(pixelColors, width, region, scratch, names).count : 0;

  return {
    totalPixels,
    paletteShare: paletteMatches / totalPixels,
    structureShare: structure / totalPixels,
    noImageryShare: count("noImagery") / totalPixels,
    vehicleShare: count("vehicle", "vehicleWindow", "tire") / totalPixels,
    windows: windows.count,
    boardedWindows: windows.containing[0] ?? 0,
    brokenWindows: windows.containing[1] ?? 0,
    roofHoles: components(["roofHole"], box),
    roofDamageShare: roof > 0 ? count("roofHole", "tarp") / roof : 0,
    hasRoofTarp: count("tarp") >= minFeaturePixels,
    peelingShare: wall > 0 ? count("peeling") / wall : 0,
    overgrowthRatio: structure > 0 ? count("overgrowth") / structure : 0,
    debrisPiles: components(debrisColors, featureRegion),
    debrisRatio: structure > 0 ? count("debris", "debrisAccent") / structure : 0,
    foliageOverHouseShare: structure > 0 ? foliageShareInBox(pixelColors, width, box) : 0,
    houseCutOff: structure > 0 && (box.left === 0 || box.right === width - 1),
  };
}

/**
 * Work buffers of the component search, kept between measurements: allocating a megabyte or more
 * per image made garbage collection a large share of the emulator's time under load.
 */
let sharedScratch = { visited: new Uint8Array(0), stack: new Int32Array(0) };

function scratchFor(pixels: number): { visited: Uint8Array; stack: Int32Array } {
  if (sharedScratch.visited.length < pixels) {
    sharedScratch = { visited: new Uint8Array(pixels), stack: new Int32Array(pixels) };
  }
  return sharedScratch;
}

interface Region {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/**
 * Maps every pixel to 1 + its palette position (0 for other colours), counts each colour and
 * finds the bounding box of the house's pixels.
 */
function classifyPixels(image: RgbImage): { pixelColors: Uint8Array; colorCounts: Int32Array; paletteMatches: number; houseBox: Region } {
  const { width, height } = image;
  const pixelColors = new Uint8Array(width * height);
  const colorCounts = new Int32Array(colorNames.length + 1);
  const houseBox: Region = { left: width, right: -1, top: height, bottom: -1 };
  let paletteMatches = 0;

  // Drawn scenes have long runs of one colour, so the previous lookup is reused while it matches.
  let previousPacked = -1;
  let previousColor: number | undefined;
  for (let index = 0; index < width * height; index += 1) {
    const offset = index * 3;
    const packed = packRgb(image.pixels[offset] ?? 0, image.pixels[offset + 1] ?? 0, image.pixels[offset + 2] ?? 0);
    if (packed !== previousPacked) {
      previousPacked = packed;
      previousColor = colorIndexByPackedRgb.get(packed);
    }
    const color = previousColor;
    if (color === undefined) {
      continue;
    }

    pixelColors[index] = color;
    colorCounts[color] = (colorCounts[color] ?? 0) + 1;
    paletteMatches += 1;
    if (structureIndices[color]) {
      const x = index % width;
      const y = (index - x) / width;
      houseBox.left = Math.min(houseBox.left, x);
      houseBox.right = Math.max(houseBox.right, x);
      houseBox.top = Math.min(houseBox.top, y);
      houseBox.bottom = Math.max(houseBox.bottom, y);
    }
  }

  return { pixelColors, colorCounts, paletteMatches, houseBox };
}

/**
 * Counts 4-connected regions of the given colours, with at least `minFeaturePixels` pixels,
 * inside `region`. Also returns, for each group in `flagGroups`, how many of those regions
 * contain a pixel of that group, such as windows that contain boards.
 */
function countComponents(
  pixelColors: Uint8Array,
  width: number,
  region: Region,
  scratch: { visited: Uint8Array; stack: Int32Array },
  names: Iterable<ColorName>,
  flagGroups: ColorName[][] = [],
): { count: number; containing: number[] } {
  const member = colorMask(names);
  // One lookup for all groups: bit g of flagBits[color] is set when the colour is in group g.
  const flagBits = new Uint8Array(colorNames.length + 1);
  flagGroups.forEach((group, bit) => {
    for (const name of group) {
      const color = colorNames.indexOf(name) + 1;
      flagBits[color] = (flagBits[color] ?? 0) | (1 << bit);
    }
  });
  const { visited, stack } = scratch;
  visited.fill(0);
  const containing = flagGroups.map(() => 0);
  let count = 0;

  for (let y = region.top; y <= region.bottom; y += 1) {
    for (let x = region.left; x <= region.right; x += 1) {
      const start = y * width + x;
      if (visited[start] || !member[pixelColors[start] ?? 0]) {
        continue;
      }

      let size = 0;
      let top = 0;
      let flagged = 0;
      const visit = (neighbour: number) => {
        if (!visited[neighbour] && member[pixelColors[neighbour] ?? 0]) {
          visited[neighbour] = 1;
          stack[top++] = neighbour;
        }
      };

      visited[start] = 1;
      stack[top++] = start;
      while (top > 0) {
        const index = stack[--top] ?? 0;
        const column = index % width;
        const row = (index - column) / width;
        size += 1;
        flagged |= flagBits[pixelColors[index] ?? 0] ?? 0;
        if (column > region.left) visit(index - 1);
        if (column < region.right) visit(index + 1);
        if (row > region.top) visit(index - width);
        if (row < region.bottom) visit(index + width);
      }

      if (size >= minFeaturePixels) {
        count += 1;
        for (let group = 0; group < containing.length; group += 1) {
          containing[group] = (containing[group] ?? 0) + ((flagged >> group) & 1);
        }
      }
    }
  }

  return { count, containing };
}

function colorMask(names: Iterable<ColorName>): Uint8Array {
  const mask = new Uint8Array(colorNames.length + 1);
  for (const name of names) {
    mask[colorNames.indexOf(name) + 1] = 1;
  }
  return mask;
}

function foliageShareInBox(pixelColors: Uint8Array, width: number, box: Region): number {
  const foliage = colorNames.indexOf("foliage") + 1;
  let covered = 0;
  for (let y = box.top; y <= box.bottom; y += 1) {
    for (let x = box.left; x <= box.right; x += 1) {
      if (pixelColors[y * width + x] === foliage) {
        covered += 1;
      }
    }
  }

  const area = (box.right - box.left + 1) * (box.bottom - box.top + 1);
  return covered / area;
}
