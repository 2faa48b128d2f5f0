/**
 * Exact colours of the generated Street View scenes. The image analysis behind the Gemini
 * emulator counts pixels of these colours, so every entry must stay distinct from the others.
 */
export type Rgb = readonly [number, number, number];

export const colors = {
  sky: [135, 190, 235],
  cloud: [236, 242, 250],
  lawn: [96, 160, 72],
  road: [118, 118, 124],
  sidewalk: [186, 183, 176],
  roadLine: [236, 206, 82],
  bodyCream: [226, 214, 188],
  bodyBlue: [176, 196, 212],
  bodyYellow: [232, 218, 140],
  trim: [246, 246, 240],
  roofBrown: [104, 62, 52],
  roofGrey: [72, 72, 80],
  glass: [62, 92, 128],
  door: [122, 78, 42],
  /** Boarded window: plank brown. */
  boards: [150, 100, 50],
  boardSeam: [112, 72, 34],
  brokenGlass: [18, 18, 22],
  roofHole: [34, 28, 28],
  tarp: [38, 96, 200],
  /** Peeling paint: bare, weathered siding. */
  peeling: [196, 178, 142],
  overgrowth: [44, 98, 34],
  debris: [118, 106, 92],
  debrisAccent: [170, 60, 40],
  trunk: [96, 66, 40],
  foliage: [58, 128, 58],
  vehicle: [236, 236, 236],
  vehicleWindow: [40, 50, 60],
  tire: [30, 30, 30],
  /** Background of the "no imagery here" image. */
  noImagery: [228, 227, 223],
} as const satisfies Record<string, Rgb>;

export type ColorName = keyof typeof colors;

export const bodyColors = ["bodyCream", "bodyBlue", "bodyYellow"] as const satisfies readonly ColorName[];
export const roofColors = ["roofBrown", "roofGrey"] as const satisfies readonly ColorName[];

/** Packs a colour into one integer for fast lookup. */
export function packRgb(red: number, green: number, blue: number): number {
  return (red << 16) | (green << 8) | blue;
}
