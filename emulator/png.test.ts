import { deflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";

import { crc32, decodePng, encodePng, PngDecodeError, type RgbImage } from "./png";

function gradient(width: number, height: number): RgbImage {
  const pixels = new Uint8Array(width * height * 3);
  for (let index = 0; index < width * height; index += 1) {
    pixels[index * 3] = (index * 7) % 256;
    pixels[index * 3 + 1] = (index * 13) % 256;
    pixels[index * 3 + 2] = (index * 29) % 256;
  }
  return { width, height, pixels };
}

/** Builds an RGB PNG whose rows use the given filter types, to check the decoder's unfiltering. */
function encodeWithFilters(image: RgbImage, filterTypes: number[]): Buffer {
  const rowBytes = image.width * 3;
  const rows: Buffer[] = [];

  for (let y = 0; y < image.height; y += 1) {
    const filterType = filterTypes[y % filterTypes.length] ?? 0;
    const row = Buffer.alloc(rowBytes + 1);
    row[0] = filterType;
    for (let x = 0; x < rowBytes; x += 1) {
      const value = image.pixels[y * rowBytes + x] ?? 0;
      const left = x >= 3 ? (image.pixels[y * rowBytes + x - 3] ?? 0) : 0;
      const up = y > 0 ? (image.pixels[(y - 1) * rowBytes + x] ?? 0) : 0;
      const upLeft = y > 0 && x >= 3 ? (image.pixels[(y - 1) * rowBytes + x - 3] ?? 0) : 0;
      row[x + 1] = (value - predict(filterType, left, up, upLeft)) & 0xff;
    }
    rows.push(row);
  }

  const header = Buffer.alloc(13);
  header.writeUInt32BE(image.width, 0);
  header.writeUInt32BE(image.height, 4);
  header[8] = 8;
  header[9] = 2;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.concat(rows))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function predict(filterType: number, left: number, up: number, upLeft: number): number {
  if (filterType === 1) return left;
  if (filterType === 2) return up;
  if (filterType === 3) return Math.floor((left + up) / 2);
  if (filterType === 4) {
    const estimate = left + up - upLeft;
    const [toLeft, toUp, toUpLeft] = [Math.abs(estimate - left), Math.abs(estimate - up), Math.abs(estimate - upLeft)];
    if (toLeft <= toUp && toLeft <= toUpLeft) return left;
    return toUp <= toUpLeft ? up : upLeft;
  }
  return 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

describe("png", () => {
  it("decodes what it encodes", () => {
    const image = gradient(37, 23);
    const decoded = decodePng(encodePng(image));

    expect(decoded.width).toBe(37);
    expect(decoded.height).toBe(23);
    expect(Buffer.from(decoded.pixels).equals(Buffer.from(image.pixels))).toBe(true);
  });

  it("reverses every row filter type", () => {
    const image = gradient(19, 15);
    const decoded = decodePng(encodeWithFilters(image, [0, 1, 2, 3, 4]));

    expect(Buffer.from(decoded.pixels).equals(Buffer.from(image.pixels))).toBe(true);
  });

  it("computes the standard CRC-32", () => {
    expect(crc32(Buffer.from("123456789"))).toBe(0xcbf43926);
  });

  it("rejects a damaged chunk", () => {
    const png = encodePng(gradient(8, 8));
    png[20] = (png[20] ?? 0) ^ 0xff;

    expect(() => decodePng(png)).toThrow(PngDecodeError);
  });

  it("rejects bytes that are not a PNG", () => {
    expect(() => decodePng(Buffer.from("GIF89a"))).toThrow(PngDecodeError);
  });
});
