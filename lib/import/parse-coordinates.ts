export type Coordinates = { latitude: number; longitude: number };

/**
 * Parses a latitude and a longitude cell. Returns null when either is blank, not a number,
 * outside -90..90 or -180..180, or when both are 0 (a common "no location" placeholder), so
 * the caller geocodes the address instead.
 */
export function parseCoordinatePair(latitudeText: string, longitudeText: string): Coordinates | null {
  const latitude = parseDecimal(latitudeText);
  const longitude = parseDecimal(longitudeText);
  if (latitude === null || longitude === null) {
    return null;
  }

  return validateCoordinates(latitude, longitude);
}

/**
 * Parses coordinates packed into one text cell: "(39.2973522251, -76.6331659571)" or
 * "39.29, -76.63" with the latitude first, as in Socrata "Location" columns, or the
 * well-known text "POINT (-76.63 39.29)" with the longitude first. Returns null for any
 * other text and for coordinates that `parseCoordinatePair` would reject.
 */
export function parsePackedLocation(text: string): Coordinates | null {
  const trimmed = text.trim();

  const point = /^POINT\s*\(\s*(\S+)\s+(\S+)\s*\)$/i.exec(trimmed);
  if (point?.[1] !== undefined && point[2] !== undefined) {
    return parseCoordinatePair(point[2], point[1]);
  }

  const pair = /^\(?\s*([-+]?[\d.]+)\s*,\s*([-+]?[\d.]+)\s*\)?$/.exec(trimmed);
  if (pair?.[1] !== undefined && pair[2] !== undefined) {
    return parseCoordinatePair(pair[1], pair[2]);
  }

  return null;
}

function parseDecimal(text: string): number | null {
  const trimmed = text.trim();
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(trimmed)) {
    return null;
  }

  return Number(trimmed);
}

function validateCoordinates(latitude: number, longitude: number): Coordinates | null {
  if (latitude < -90 || latitude > 90 || longitude < -180 || longitude > 180) {
    return null;
  }

  if (latitude === 0 && longitude === 0) {
    return null;
  }

  return { latitude, longitude };
}
