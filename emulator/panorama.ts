import { bearingBetween, destinationPoint, distanceBetween, type LatLng } from "./geo";
import { hashParts, hashToUnit } from "./hashing";

/**
 * A Street View panorama near an emulated house. The id is self-describing: it encodes the
 * panorama's position, the bearing and distance to the house it faces, and a checksum, so
 * any emulator instance recognizes the ids it issued, even after a restart.
 */
export interface Panorama {
  panoId: string;
  location: LatLng;
  /** Bearing in degrees from the panorama to the house it was found for. */
  houseBearingDeg: number;
  /** Distance in metres from the panorama to that house. */
  houseDistanceM: number;
  /** Capture month, "YYYY-MM". */
  date: string;
}

/** Default search radius of the metadata and image endpoints, in metres. */
export const defaultSearchRadiusM = 50;

const minHouseDistanceM = 12;
const maxHouseDistanceM = 30;
const coordinateScale = 1e6;
const panoIdBytes = 16;
const checksumBytes = 5;

/**
 * Returns the panorama that covers a house location, or null when the location has no
 * imagery within `radiusM`. Whether imagery exists is a hash of the location rounded to
 * about a metre, compared with `noImageryRate`, so raising the rate only removes locations.
 */
export function findPanorama(house: LatLng, noImageryRate: number, radiusM = defaultSearchRadiusM): Panorama | null {
  const locationKey = `${house.lat.toFixed(5)},${house.lng.toFixed(5)}`;
  if (hashToUnit("no-imagery", locationKey) < noImageryRate) {
    return null;
  }

  // The camera is on the street in front of the house, and the side of the street varies by house.
  const streetSideDeg = hashToUnit("street-side", locationKey) * 360;
  const distanceM = minHouseDistanceM + hashToUnit("pano-distance", locationKey) * (maxHouseDistanceM - minHouseDistanceM);
  if (distanceM > radiusM) {
    return null;
  }

  const exact = destinationPoint(house, streetSideDeg, distanceM);
  const location = {
    lat: Math.round(exact.lat * coordinateScale) / coordinateScale,
    lng: Math.round(exact.lng * coordinateScale) / coordinateScale,
  };
  // Rounded as the id stores them, so a decoded id describes exactly this panorama.
  const houseBearingDeg = (Math.round(bearingBetween(location, house) * 100) % 36_000) / 100;
  const houseDistanceM = Math.round(distanceBetween(location, house));

  return {
    panoId: encodePanoId(location, houseBearingDeg, houseDistanceM),
    location,
    houseBearingDeg,
    houseDistanceM,
    date: captureDate(location),
  };
}

/** Decodes a panorama id issued by `findPanorama`, or returns null for any other id. */
export function decodePanoId(panoId: string): Panorama | null {
  if (!/^[A-Za-z0-9_-]{22}$/.test(panoId)) {
    return null;
  }

  const bytes = Buffer.from(panoId, "base64url");
  if (bytes.length !== panoIdBytes) {
    return null;
  }

  const checksum = bytes.subarray(0, checksumBytes);
  const payload = xorWithMask(bytes.subarray(checksumBytes), checksum);
  if (!payloadChecksum(payload).equals(checksum)) {
    return null;
  }

  const location = {
    lat: payload.readInt32BE(0) / coordinateScale,
    lng: payload.readInt32BE(4) / coordinateScale,
  };
  return {
    panoId,
    location,
    houseBearingDeg: payload.readUInt16BE(8) / 100,
    houseDistanceM: payload.readUInt8(10),
    date: captureDate(location),
  };
}

/**
 * Lays out the id as a 5-byte checksum of the payload followed by the 11-byte payload masked
 * with a hash of the checksum, so ids look random like Google's instead of sharing a prefix.
 */
function encodePanoId(location: LatLng, houseBearingDeg: number, houseDistanceM: number): string {
  const payload = Buffer.alloc(panoIdBytes - checksumBytes);
  payload.writeInt32BE(Math.round(location.lat * coordinateScale), 0);
  payload.writeInt32BE(Math.round(location.lng * coordinateScale), 4);
  payload.writeUInt16BE(Math.round(houseBearingDeg * 100), 8);
  payload.writeUInt8(houseDistanceM, 10);

  const checksum = payloadChecksum(payload);
  return Buffer.concat([checksum, xorWithMask(payload, checksum)]).toString("base64url");
}

function payloadChecksum(payload: Buffer): Buffer {
  return hashParts("pano", payload).subarray(0, checksumBytes);
}

function xorWithMask(bytes: Buffer, checksum: Buffer): Buffer {
  const mask = hashParts("pano-mask", checksum);
  return Buffer.from(bytes.map((byte, index) => byte ^ (mask[index] ?? 0)));
}

/** Capture month between 2009-01 and 2024-12, derived from the panorama's position. */
function captureDate(location: LatLng): string {
  const months = Math.floor(hashToUnit("capture-date", location.lat.toFixed(6), location.lng.toFixed(6)) * 16 * 12);
  const year = 2009 + Math.floor(months / 12);
  const month = (months % 12) + 1;
  return `${year}-${String(month).padStart(2, "0")}`;
}
