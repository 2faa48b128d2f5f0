import type { Rgb } from "./palette";
import type { RgbImage } from "./png";

export interface Point {
  x: number;
  y: number;
}

/**
 * An RGB drawing surface with solid fills only (no anti-aliasing), so every pixel keeps an
 * exact palette colour. Coordinates are in pixels and shapes are clipped to the surface.
 */
export class Raster {
  readonly pixels: Uint8Array;

  constructor(
    readonly width: number,
    readonly height: number,
    background: Rgb,
  ) {
    this.pixels = new Uint8Array(width * height * 3);
    this.fillRect(0, 0, width, height, background);
  }

  /** Fills the rectangle [x0, x1) × [y0, y1). */
  fillRect(x0: number, y0: number, x1: number, y1: number, color: Rgb): void {
    const left = clamp(Math.round(x0), 0, this.width);
    const right = clamp(Math.round(x1), 0, this.width);
    const top = clamp(Math.round(y0), 0, this.height);
    const bottom = clamp(Math.round(y1), 0, this.height);

    for (let y = top; y < bottom; y += 1) {
      this.fillSpan(y, left, right, color);
    }
  }

  /** Fills a simple polygon with the even-odd rule, sampling at pixel centres. */
  fillPolygon(points: readonly Point[], color: Rgb): void {
    const top = clamp(Math.floor(Math.min(...points.map((point) => point.y))), 0, this.height);
    const bottom = clamp(Math.ceil(Math.max(...points.map((point) => point.y))), 0, this.height);

    for (let y = top; y < bottom; y += 1) {
      const sampleY = y + 0.5;
      const crossings: number[] = [];

      for (let index = 0; index < points.length; index += 1) {
        const a = points[index] as Point;
        const b = points[(index + 1) % points.length] as Point;
        if ((a.y <= sampleY && b.y > sampleY) || (b.y <= sampleY && a.y > sampleY)) {
          crossings.push(a.x + ((sampleY - a.y) / (b.y - a.y)) * (b.x - a.x));
        }
      }

      crossings.sort((first, second) => first - second);
      for (let index = 0; index + 1 < crossings.length; index += 2) {
        const left = clamp(Math.round(crossings[index] ?? 0), 0, this.width);
        const right = clamp(Math.round(crossings[index + 1] ?? 0), 0, this.width);
        this.fillSpan(y, left, right, color);
      }
    }
  }

  fillEllipse(centerX: number, centerY: number, radiusX: number, radiusY: number, color: Rgb): void {
    const top = clamp(Math.floor(centerY - radiusY), 0, this.height);
    const bottom = clamp(Math.ceil(centerY + radiusY), 0, this.height);

    for (let y = top; y < bottom; y += 1) {
      const dy = (y + 0.5 - centerY) / radiusY;
      if (Math.abs(dy) >= 1) {
        continue;
      }
      const halfWidth = radiusX * Math.sqrt(1 - dy * dy);
      this.fillSpan(y, clamp(Math.round(centerX - halfWidth), 0, this.width), clamp(Math.round(centerX + halfWidth), 0, this.width), color);
    }
  }

  toImage(): RgbImage {
    return { width: this.width, height: this.height, pixels: this.pixels };
  }

  private fillSpan(y: number, left: number, right: number, [red, green, blue]: Rgb): void {
    for (let x = left; x < right; x += 1) {
      const offset = (y * this.width + x) * 3;
      this.pixels[offset] = red;
      this.pixels[offset + 1] = green;
      this.pixels[offset + 2] = blue;
    }
  }
}

function clamp(value: number, minimum: number, maximum: number): number {
  return Math.min(maximum, Math.max(minimum, value));
}
