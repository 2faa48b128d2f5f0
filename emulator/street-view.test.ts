import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { assessImage } from "./distress-assessment";
import { bearingBetween, destinationPoint, distanceBetween, type LatLng } from "./geo";
import { decodePng } from "./png";
import { startEmulator, type RunningEmulator } from "./server";

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator();
});

afterAll(async () => {
  await emulator.close();
});

const house: LatLng = { lat: 42.3460817, lng: -83.0799621 };

async function metadata(query: Record<string, string>): Promise<any> {
  const url = new URL("/maps/api/streetview/metadata", emulator.url);
  for (const [name, value] of Object.entries({ key: "test-maps-key", ...query })) {
    url.searchParams.set(name, value);
  }
  return (await fetch(url)).json();
}

async function image(query: Record<string, string>): Promise<Response> {
  const url = new URL("/maps/api/streetview", emulator.url);
  for (const [name, value] of Object.entries({ key: "test-maps-key", size: "640x400", fov: "80", pitch: "0", ...query })) {
    url.searchParams.set(name, value);
  }
  return fetch(url);
}

/** Returns a nearby location that has imagery, trying points a few metres apart. */
async function locationWithImagery(start: LatLng): Promise<{ location: LatLng; pano: any }> {
  for (let step = 0; step < 50; step += 1) {
    const location = destinationPoint(start, 90, step * 7);
    const pano = await metadata({ location: `${location.lat},${location.lng}` });
    if (pano.status === "OK") {
      return { location, pano };
    }
  }
  throw new Error("no location with imagery found");
}

describe("street view metadata", () => {
  it("returns the same panorama twice", async () => {
    const first = await metadata({ location: `${house.lat},${house.lng}`, radius: "50", source: "outdoor" });
    const second = await metadata({ location: `${house.lat},${house.lng}`, radius: "50", source: "outdoor" });

    expect(second).toEqual(first);
  });

  it("places the panorama 12 to 30 m from the house", async () => {
    const { location, pano } = await locationWithImagery(house);
    const distance = distanceBetween(pano.location, location);

    expect(pano.pano_id).toMatch(/^[\w-]{22}$/);
    expect(pano.date).toMatch(/^20\d\d-(0[1-9]|1[0-2])$/);
    expect(pano.copyright).toBe("© Google");
    expect(distance).toBeGreaterThanOrEqual(11.5);
    expect(distance).toBeLessThanOrEqual(30.5);
  });

  it("varies the bearing from panorama to house", async () => {
    const bearings = new Set<number>();
    for (let index = 0; index < 20; index += 1) {
      const { location, pano } = await locationWithImagery(destinationPoint(house, 0, index * 400));
      bearings.add(Math.floor(bearingBetween(pano.location, location) / 45));
    }

    expect(bearings.size).toBeGreaterThanOrEqual(4);
  });

  it("returns metadata for a pano id", async () => {
    const { pano } = await locationWithImagery(house);
    const byId = await metadata({ pano: pano.pano_id });

    expect(byId).toEqual(pano);
  });

  it("honours the no-imagery rate over many locations", async () => {
    let missing = 0;
    const total = 1_000;
    for (let index = 0; index < total; index += 1) {
      const location = destinationPoint(house, (index * 37) % 360, 50 + index * 11);
      const pano = await metadata({ location: `${location.lat},${location.lng}` });
      missing += pano.status === "ZERO_RESULTS" ? 1 : 0;
    }

    expect(missing / total).toBeGreaterThan(0.05);
    expect(missing / total).toBeLessThan(0.11);
  });

  it("finds no imagery anywhere at noImageryRate 1", async () => {
    emulator.setKnobs({ noImageryRate: 1 });
    try {
      const pano = await metadata({ location: `${house.lat},${house.lng}` });
      expect(pano).toEqual({ status: "ZERO_RESULTS" });
    } finally {
      emulator.setKnobs({ noImageryRate: 0.08 });
    }
  });

  it("denies a request without a key", async () => {
    const response = await fetch(new URL(`/maps/api/streetview/metadata?location=${house.lat},${house.lng}`, emulator.url));
    const body = await response.json();

    expect(body.status).toBe("REQUEST_DENIED");
  });
});

describe("street view image", () => {
  it("returns the same PNG for the same request", async () => {
    const { pano } = await locationWithImagery(house);
    const first = await image({ pano: pano.pano_id, heading: "120.5" });
    const second = await image({ pano: pano.pano_id, heading: "120.5" });
    const firstBytes = Buffer.from(await first.arrayBuffer());

    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await second.arrayBuffer()).equals(firstBytes)).toBe(true);
    expect(firstBytes.length).toBeLessThan(60_000);
  });

  it("draws an image of the requested size", async () => {
    const { pano } = await locationWithImagery(house);
    const response = await image({ pano: pano.pano_id, size: "320x200" });
    const decoded = decodePng(Buffer.from(await response.arrayBuffer()));

    expect(decoded.width).toBe(320);
    expect(decoded.height).toBe(200);
  });

  it("shows no house when the heading faces away", async () => {
    const { location, pano } = await locationWithImagery(house);
    const toHouse = bearingBetween(pano.location, location);
    const facing = await image({ pano: pano.pano_id, heading: toHouse.toFixed(2) });
    const away = await image({ pano: pano.pano_id, heading: ((toHouse + 180) % 360).toFixed(2) });

    const facingAssessment = assessImage(Buffer.from(await facing.arrayBuffer()));
    const awayAssessment = assessImage(Buffer.from(await away.arrayBuffer()));
    expect(awayAssessment.assessable).toBe(false);
    expect(facingAssessment.reasoning).not.toEqual(awayAssessment.reasoning);
  });

  it("returns 404 for unknown pano ids", async () => {
    const response = await image({ pano: "AAAAAAAAAAAAAAAAAAAAAA" });

    expect(response.status).toBe(404);
  });

  it("returns 404 without imagery on request", async () => {
    emulator.setKnobs({ noImageryRate: 1 });
    try {
      const withCode = await image({ location: `${house.lat},${house.lng}`, return_error_code: "true" });
      const placeholder = await image({ location: `${house.lat},${house.lng}` });

      expect(withCode.status).toBe(404);
      expect(placeholder.status).toBe(200);
      expect(assessImage(Buffer.from(await placeholder.arrayBuffer())).assessable).toBe(false);
    } finally {
      emulator.setKnobs({ noImageryRate: 0.08 });
    }
  });

  it.each([
    ["size 641x400", { size: "641x400" }],
    ["size missing", { size: "" }],
    ["fov 150", { fov: "150" }],
  ])("rejects %s", async (_name, query) => {
    const { pano } = await locationWithImagery(house);
    const response = await image({ pano: pano.pano_id, ...query });

    expect(response.status).toBe(400);
  });

  it("returns 403 without a key", async () => {
    const { pano } = await locationWithImagery(house);
    const response = await image({ pano: pano.pano_id, key: "" });

    expect(response.status).toBe(403);
  });
});
