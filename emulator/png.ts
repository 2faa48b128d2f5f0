import { deflateSync, inflateSync } from "node:zlib";

/** An 8-bit RGB raster, three bytes per pixel, rows top to bottom. */
export interface RgbImage {
  width: number;
  height: number;
  pixels: Uint8Array;
}

export class PngDecodeError extends Error {}

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const crcTable = buildCrcTable();

/** Colour types of the PNG specification, mapped to their samples per pixel. */
const channelsByColorType: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** Encodes an RGB image as a PNG: one IDAT chunk, filter type None on every row. */
export function encodePng(image: RgbImage): Buffer {
  const rowBytes = image.width * 3;
  const filtered = Buffer.alloc((rowBytes + 1) * image.height);
  for (let y = 0; y < image.height; y += 1) {
    filtered[y * (rowBytes + 1)] = 0;
    filtered.set(image.pixels.subarray(y * rowBytes, (y + 1) * rowBytes), y * (rowBytes + 1) + 1);
  }

  const header = Buffer.alloc(13);
  header.writeUInt32BE(image.width, 0);
  header.writeUInt32BE(image.height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type RGB
  header[10] = 0; // deflate compression
  header[11] = 0; // adaptive filtering
  header[12] = 0; // no interlace

  return Buffer.concat([
    pngSignature,
    chunk("IHDR", header),
    // The emulator draws one image per property. Level 1 deflates about four times faster than the
    // default, and a 640x400 image stays near 5 KB, far smaller than a real Street View JPEG.
    chunk("IDAT", deflateSync(filtered, { level: 1 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** Returns true when the bytes start with the PNG signature. */
export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= pngSignature.length && pngSignature.equals(Buffer.from(bytes.subarray(0, 8)));
}

/**
 * Decodes a non-interlaced 8-bit PNG of any colour type into RGB, dropping alpha.
 * Throws PngDecodeError for anything else or for damaged data.
 */
export function decodePng(bytes: Uint8Array): RgbImage {
  if (!isPng(bytes)) {
    throw new PngDecodeError("Missing PNG signature.");
  }

  const buffer = Buffer.from(bytes);
  const dataChunks: Buffer[] = [];
  let header: Buffer | null = null;
  let palette: Buffer | null = null;

  for (let offset = 8; offset + 12 <= buffer.length; ) {
    const length = buffer.readUInt32BE(offset);
    const type = buffer.toString("latin1", offset + 4, offset + 8);
    const dataEnd = offset + 8 + length;
    if (dataEnd + 4 > buffer.length) {
      throw new PngDecodeError(`Chunk ${type} runs past the end of the file.`);
    }

    const data = buffer.subarray(offset + 8, dataEnd);
    if (crc32(buffer.subarray(offset + 4, dataEnd)) !== buffer.readUInt32BE(dataEnd)) {
      throw new PngDecodeError(`Chunk ${type} has a bad CRC.`);
    }

    if (type === "IHDR") header = data;
    if (type === "PLTE") palette = data;
    if (type === "IDAT") dataChunks.push(data);
    if (type === "IEND") break;
    offset = dataEnd + 4;
  }

  if (!header || header.length !== 13) {
    throw new PngDecodeError("Missing IHDR chunk.");
  }

  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  const bitDepth = header[8];
  const colorType = header[9] ?? -1;
  const channels = channelsByColorType[colorType];
  if (bitDepth !== 8 || channels === undefined || header[12] !== 0) {
    throw new PngDecodeError(`Unsupported PNG: bit depth ${bitDepth}, colour type ${colorType}, interlace ${header[12]}.`);
  }
  if (width === 0 || height === 0 || width * height > 4096 * 4096) {
    throw new PngDecodeError(`Unsupported PNG size ${width}x${height}.`);
  }

  let inflated: Buffer;
  try {
    inflated = inflateSync(Buffer.concat(dataChunks));
  } catch (error) {
    throw new PngDecodeError(`Image data does not inflate: ${(error as Error).message}`);
  }

  const samples = unfilter(inflated, width, height, channels);
  return { width, height, pixels: toRgb(samples, width * height, colorType, palette) };
}

/** Reverses the per-row filters (None, Sub, Up, Average, Paeth) of 8-bit samples. */
function unfilter(data: Buffer, width: number, height: number, bytesPerPixel: number): Uint8Array {
  const rowBytes = width * bytesPerPixel;
  if (data.length < (rowBytes + 1) * height) {
    throw new PngDecodeError("Image data is shorter than the declared size.");
  }

  const output = new Uint8Array(rowBytes * height);
  for (let y = 0; y < height; y += 1) {
    const filterType = data[y * (rowBytes + 1)];
    const source = y * (rowBytes + 1) + 1;
    const row = y * rowBytes;
    if (filterType === 0) {
      output.set(data.subarray(source, source + rowBytes), row);
      continue;
    }

    for (let x = 0; x < rowBytes; x += 1) {
      const raw = data[source + x] ?? 0;
      const left = x >= bytesPerPixel ? (output[row + x - bytesPerPixel] ?? 0) : 0;
      const up = y > 0 ? (output[row - rowBytes + x] ?? 0) : 0;
      const upLeft = y > 0 && x >= bytesPerPixel ? (output[row - rowBytes + x - bytesPerPixel] ?? 0) : 0;
      output[row + x] = (raw + predictor(filterType, left, up, upLeft)) & 0xff;
    }
  }

  return output;
}

function predictor(filterType: number | undefined, left: number, up: number, upLeft: number): number {
  switch (filterType) {
    case 0:
      return 0;
    case 1:
      return left;
    case 2:
      return up;
    case 3:
      return Math.floor((left + up) / 2);
    case 4: {
      const estimate = left + up - upLeft;
      const toLeft = Math.abs(estimate - left);
      const toUp = Math.abs(estimate - up);
      const toUpLeft = Math.abs(estimate - upLeft);
      if (toLeft <= toUp && toLeft <= toUpLeft) return left;
      return toUp <= toUpLeft ? up : upLeft;
    }
    default:
      throw new PngDecodeError(`Unknown row filter type ${filterType}.`);
  }
}

function toRgb(samples: Uint8Array, pixelCount: number, colorType: number, palette: Buffer | null): Uint8Array {
  if (colorType === 2) {
    return samples;
  }

  const rgb = new Uint8Array(pixelCount * 3);
  const channels = channelsByColorType[colorType] ?? 3;

  for (let index = 0; index < pixelCount; index += 1) {
    const base = index * channels;
    let red: number;
    let green: number;
    let blue: number;

    if (colorType === 3) {
      const entry = (samples[base] ?? 0) * 3;
      if (!palette || entry + 2 >= palette.length) {
        throw new PngDecodeError("Palette index out of range.");
      }
      [red, green, blue] = [palette[entry] ?? 0, palette[entry + 1] ?? 0, palette[entry + 2] ?? 0];
    } else if (colorType === 0 || colorType === 4) {
      red = green = blue = samples[base] ?? 0;
    } else {
      [red, green, blue] = [samples[base] ?? 0, samples[base + 1] ?? 0, samples[base + 2] ?? 0];
    }

    rgb[index * 3] = red;
    rgb[index * 3 + 1] = green;
    rgb[index * 3 + 2] = blue;
  }

  return rgb;
}

function chunk(type: string, data: Buffer): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const framed = Buffer.alloc(typeAndData.length + 8);
  framed.writeUInt32BE(data.length, 0);
  typeAndData.copy(framed, 4);
  framed.writeUInt32BE(crc32(typeAndData), typeAndData.length + 4);
  return framed;
}

/** CRC-32 (ISO 3309 polynomial 0xEDB88320), as PNG chunk trailers require. */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc = (crcTable[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function buildCrcTable(): Uint32Array {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) {
      c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    }
    table[n] = c >>> 0;
  }
  return table;
}
