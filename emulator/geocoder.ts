import { parseUsAddress, type ParsedAddress } from "./address-parser";
import { destinationPoint, distanceBetween, roundCoordinate, type LatLng } from "./geo";
import { hashParts, hashToUnit } from "./hashing";
import { lookupCity, lookupZip, stateName, toTitleCase, type ZipEntry } from "./zip-table";

export type LocationType = "ROOFTOP" | "RANGE_INTERPOLATED" | "GEOMETRIC_CENTER" | "APPROXIMATE";

export interface AddressComponent {
  long_name: string;
  short_name: string;
  types: string[];
}

/** One geocoding result in the Google Geocoding API's JSON shape. */
export interface GeocodeResult {
  formatted_address: string;
  geometry: {
    location: LatLng;
    location_type: LocationType;
    viewport: { northeast: LatLng; southwest: LatLng };
  };
  place_id: string;
  types: string[];
  address_components: AddressComponent[];
}

/** Share of numbered addresses returned as RANGE_INTERPOLATED instead of ROOFTOP. */
const interpolatedShare = 0.15;
/** Streets sit within this distance of the ZIP or city centroid. */
const maxStreetOffsetM = 2_400;
/** House numbers spread along their street over this length, so a house is within 3 km. */
const streetLengthM = 600;

/**
 * Geocodes a free-form US address deterministically, or returns null (ZERO_RESULTS).
 * A ZIP code locates the address first, then a city and state. Streets and house numbers
 * move the point away from that centroid by amounts derived from hashes of their names.
 */
export function geocodeAddress(address: string): GeocodeResult | null {
  const parsed = parseUsAddress(address);
  const area = resolveArea(parsed);
  if (!area) {
    return null;
  }

  if (parsed.streetName && parsed.houseNumber) {
    return buildStreetAddressResult(parsed, area);
  }
  if (parsed.streetName) {
    return buildRouteResult(parsed, area);
  }
  return buildAreaResult(area, parsed.zip !== null && area.zipEntry !== null);
}

interface ResolvedArea {
  centroid: LatLng;
  city: string;
  stateCode: string;
  country: string;
  /** The ZIP the address named, when the ZIP table contains it. */
  zipEntry: ZipEntry | null;
  /** Every ZIP of the city, used to pick the postal code of a point. */
  cityEntries: [ZipEntry, ...ZipEntry[]];
}

function resolveArea(parsed: ParsedAddress): ResolvedArea | null {
  const zipEntry = parsed.zip ? lookupZip(parsed.zip) : null;
  if (zipEntry) {
    return {
      centroid: { lat: zipEntry.latitude, lng: zipEntry.longitude },
      city: zipEntry.city,
      stateCode: zipEntry.state,
      country: zipEntry.country,
      zipEntry,
      cityEntries: [zipEntry],
    };
  }

  if (!parsed.city || !parsed.stateCode) {
    return null;
  }

  const [first, ...others] = lookupCity(parsed.city, parsed.stateCode);
  if (!first) {
    return null;
  }

  const cityEntries: [ZipEntry, ...ZipEntry[]] = [first, ...others];
  const centroid = {
    lat: cityEntries.reduce((sum, entry) => sum + entry.latitude, 0) / cityEntries.length,
    lng: cityEntries.reduce((sum, entry) => sum + entry.longitude, 0) / cityEntries.length,
  };
  return { centroid, city: first.city, stateCode: first.state, country: first.country, zipEntry: null, cityEntries };
}

function streetAnchor(streetName: string, area: ResolvedArea): { point: LatLng; directionDeg: number } {
  const bearing = hashToUnit("street-bearing", streetName) * 360;
  // The square root spreads streets evenly over the disc instead of crowding the centre.
  const distance = Math.sqrt(hashToUnit("street-distance", streetName)) * maxStreetOffsetM;
  return {
    point: destinationPoint(area.centroid, bearing, distance),
    directionDeg: hashToUnit("street-direction", streetName) * 180,
  };
}

function buildStreetAddressResult(parsed: ParsedAddress, area: ResolvedArea): GeocodeResult {
  const streetName = parsed.streetName ?? "";
  const houseNumber = parsed.houseNumber ?? "";
  const anchor = streetAnchor(streetName, area);
  const numeric = Number.parseInt(houseNumber, 10) || 0;
  const alongStreet = ((numeric % 1_000) / 1_000 - 0.5) * streetLengthM;
  const location = destinationPoint(anchor.point, anchor.directionDeg, alongStreet);

  const locationType: LocationType =
    hashToUnit("range-interpolated", parsed.streetLine ?? "") < interpolatedShare ? "RANGE_INTERPOLATED" : "ROOFTOP";
  const zipEntry = area.zipEntry ?? nearestEntry(area.cityEntries, location);
  const route = formatStreetName(streetName);
  const streetLine = `${houseNumber} ${route}${parsed.unit ? ` ${formatUnit(parsed.unit)}` : ""}`;

  return {
    formatted_address: `${streetLine}, ${area.city}, ${area.stateCode} ${zipEntry.zip}, ${countryName(area.country)}`,
    geometry: { location: roundLocation(location), location_type: locationType, viewport: viewportAround(location, 150) },
    place_id: placeId(streetLine, zipEntry.zip),
    types: [parsed.unit ? "subpremise" : "street_address"],
    address_components: [
      ...(parsed.unit ? [component(formatUnit(parsed.unit).replace(/^#/, ""), ["subpremise"])] : []),
      component(houseNumber, ["street_number"]),
      component(route, ["route"]),
      ...areaComponents(area, zipEntry.zip),
    ],
  };
}

function buildRouteResult(parsed: ParsedAddress, area: ResolvedArea): GeocodeResult {
  const route = formatStreetName(parsed.streetName ?? "");
  const location = streetAnchor(parsed.streetName ?? "", area).point;
  const zipEntry = area.zipEntry ?? nearestEntry(area.cityEntries, location);

  return {
    formatted_address: `${route}, ${area.city}, ${area.stateCode} ${zipEntry.zip}, ${countryName(area.country)}`,
    geometry: { location: roundLocation(location), location_type: "GEOMETRIC_CENTER", viewport: viewportAround(location, 600) },
    place_id: placeId(route, zipEntry.zip),
    types: ["route"],
    address_components: [component(route, ["route"]), ...areaComponents(area, zipEntry.zip)],
  };
}

function buildAreaResult(area: ResolvedArea, isPostalCode: boolean): GeocodeResult {
  const zip = isPostalCode ? (area.zipEntry?.zip ?? null) : null;
  const place = zip ? `${area.city}, ${area.stateCode} ${zip}` : `${area.city}, ${area.stateCode}`;

  return {
    formatted_address: `${place}, ${countryName(area.country)}`,
    geometry: {
      location: roundLocation(area.centroid),
      location_type: "APPROXIMATE",
      viewport: viewportAround(area.centroid, zip ? 2_500 : 12_000),
    },
    place_id: placeId(place, zip ?? ""),
    types: zip ? ["postal_code"] : ["locality", "political"],
    address_components: zip ? [component(zip, ["postal_code"]), ...areaComponents(area, null)] : areaComponents(area, null),
  };
}

function areaComponents(area: ResolvedArea, zip: string | null): AddressComponent[] {
  return [
    component(area.city, ["locality", "political"]),
    { long_name: stateName(area.stateCode), short_name: area.stateCode, types: ["administrative_area_level_1", "political"] },
    { long_name: countryName(area.country), short_name: area.country, types: ["country", "political"] },
    ...(zip ? [component(zip, ["postal_code"])] : []),
  ];
}

function component(name: string, types: string[]): AddressComponent {
  return { long_name: name, short_name: name, types };
}

function nearestEntry(entries: [ZipEntry, ...ZipEntry[]], location: LatLng): ZipEntry {
  let best = entries[0];
  for (const entry of entries) {
    const point = { lat: entry.latitude, lng: entry.longitude };
    if (distanceBetween(point, location) < distanceBetween({ lat: best.latitude, lng: best.longitude }, location)) {
      best = entry;
    }
  }
  return best;
}

const directionals = new Set(["n", "s", "e", "w", "ne", "nw", "se", "sw"]);

/** Formats a lowercase street name as Google prints it: "45th pl se" → "45th Pl SE". */
function formatStreetName(streetName: string): string {
  return streetName
    .split(" ")
    .map((word) => (directionals.has(word) ? word.toUpperCase() : /^\d/.test(word) ? word : toTitleCase(word)))
    .join(" ");
}

function formatUnit(unit: string): string {
  return unit.startsWith("#") ? unit.toUpperCase() : toTitleCase(unit).replace(/ ([a-z0-9-]+)$/i, (match) => match.toUpperCase());
}

function countryName(countryCode: string): string {
  return countryCode === "CA" ? "Canada" : "USA";
}

function viewportAround(center: LatLng, halfSizeM: number): GeocodeResult["geometry"]["viewport"] {
  const northeast = destinationPoint(destinationPoint(center, 0, halfSizeM), 90, halfSizeM);
  const southwest = destinationPoint(destinationPoint(center, 180, halfSizeM), 270, halfSizeM);
  return { northeast: roundLocation(northeast), southwest: roundLocation(southwest) };
}

function roundLocation(location: LatLng): LatLng {
  return { lat: roundCoordinate(location.lat), lng: roundCoordinate(location.lng) };
}

/** Builds an id shaped like Google's place ids ("ChIJ" and 23 base64url characters). */
function placeId(...parts: string[]): string {
  return `ChIJ${hashParts("place", ...parts).toString("base64url").slice(0, 23)}`;
}
