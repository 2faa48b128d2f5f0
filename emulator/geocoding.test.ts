import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { distanceBetween } from "./geo";
import { startEmulator, type RunningEmulator } from "./server";
import { lookupZip } from "./zip-table";

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator();
});

afterAll(async () => {
  await emulator.close();
});

async function geocode(address: string, key: string | null = "test-maps-key"): Promise<{ status: number; body: any }> {
  const url = new URL("/maps/api/geocode/json", emulator.url);
  url.searchParams.set("address", address);
  if (key !== null) {
    url.searchParams.set("key", key);
  }
  const response = await fetch(url);
  return { status: response.status, body: await response.json() };
}

describe("geocoding", () => {
  it.each([
    ["4300 rosa parks blvd, Detroit MI 48208", "4300 Rosa Parks Blvd, Detroit, MI 48208, USA"],
    ["1124 45th Pl SE, Washington, DC 20019", "1124 45th Pl SE, Washington, DC 20019, USA"],
    ["715 N FREMONT AVE, Baltimore, MD", "715 N Fremont Ave, Baltimore, MD"],
  ])("finds %s as a rooftop street address", async (address, formattedStart) => {
    const { status, body } = await geocode(address);

    expect(status).toBe(200);
    expect(body.status).toBe("OK");
    expect(body.results).toHaveLength(1);
    expect(body.results[0].geometry.location_type).toBe("ROOFTOP");
    expect(body.results[0].types).toEqual(["street_address"]);
    expect(body.results[0].formatted_address.startsWith(formattedStart)).toBe(true);
    expect(body.results[0].place_id).toMatch(/^ChIJ[\w-]{23}$/);
  });

  it("returns the same result twice", async () => {
    const first = await geocode("4300 rosa parks blvd, Detroit MI 48208");
    const second = await geocode("4300 ROSA PARKS BLVD,  Detroit MI 48208");

    expect(second.body).toEqual(first.body);
  });

  it("places different houses at different points", async () => {
    const first = await geocode("4300 rosa parks blvd, Detroit MI 48208");
    const second = await geocode("4310 rosa parks blvd, Detroit MI 48208");

    expect(second.body.results[0].geometry.location).not.toEqual(first.body.results[0].geometry.location);
  });

  it("keeps a house within 3 km of its ZIP centroid", async () => {
    const { body } = await geocode("18672 Cherrylawn St, Detroit, MI 48221");
    const zip = lookupZip("48221");

    expect(zip).not.toBeNull();
    const distance = distanceBetween(body.results[0].geometry.location, { lat: zip?.latitude ?? 0, lng: zip?.longitude ?? 0 });
    expect(distance).toBeLessThan(3_000);
  });

  it("returns the address components of a street address", async () => {
    const { body } = await geocode("1124 45th Pl SE, Washington, DC 20019");
    const types = body.results[0].address_components.map((component: { types: string[] }) => component.types[0]);

    expect(types).toEqual(["street_number", "route", "locality", "administrative_area_level_1", "country", "postal_code"]);
  });

  it("returns ZERO_RESULTS for unknown places", async () => {
    const { status, body } = await geocode("123 Fake St, Atlantis, XY");

    expect(status).toBe(200);
    expect(body).toEqual({ results: [], status: "ZERO_RESULTS" });
  });

  it("centres a street without number", async () => {
    const { body } = await geocode("Rosa Parks Blvd, Detroit, MI");

    expect(body.results[0].geometry.location_type).toBe("GEOMETRIC_CENTER");
    expect(body.results[0].types).toEqual(["route"]);
  });

  it.each([
    ["Detroit MI", "locality"],
    ["48208", "postal_code"],
  ])("marks %s alone as approximate", async (address, type) => {
    const { body } = await geocode(address);

    expect(body.results[0].geometry.location_type).toBe("APPROXIMATE");
    expect(body.results[0].types[0]).toBe(type);
  });

  it("interpolates some numbered addresses", async () => {
    const types = new Set<string>();
    for (let number = 100; number < 160; number += 1) {
      const { body } = await geocode(`${number} Main St, Detroit, MI 48201`);
      types.add(body.results[0].geometry.location_type);
    }

    expect(types).toEqual(new Set(["ROOFTOP", "RANGE_INTERPOLATED"]));
  });

  it("denies a request without a key", async () => {
    const { status, body } = await geocode("4300 rosa parks blvd, Detroit MI 48208", null);

    expect(status).toBe(200);
    expect(body.status).toBe("REQUEST_DENIED");
    expect(body.error_message).toContain("API key");
    expect(body.results).toEqual([]);
  });

  it("rejects a request without an address", async () => {
    const response = await fetch(new URL("/maps/api/geocode/json?key=test-maps-key", emulator.url));
    const body = await response.json();

    expect(response.status).toBe(400);
    expect(body.status).toBe("INVALID_REQUEST");
  });

  it("fails every request at errorRate 1", async () => {
    emulator.setKnobs({ errorRate: 1 });
    try {
      const outcomes = new Set<string>();
      for (let attempt = 0; attempt < 20; attempt += 1) {
        const { status, body } = await geocode("4300 rosa parks blvd, Detroit MI 48208");
        outcomes.add(`${status} ${body.status}`);
      }

      expect([...outcomes].every((outcome) => outcome === "500 UNKNOWN_ERROR" || outcome === "200 OVER_QUERY_LIMIT")).toBe(true);
    } finally {
      emulator.setKnobs({ errorRate: 0 });
    }
  });
});
