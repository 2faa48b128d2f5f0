import { beforeEach, describe, expect, it, vi } from "vitest";
import type { RecordedOutcome } from "@/lib/pipeline/record-property-outcome";

vi.mock("@/lib/logger", () => ({ logger: { warn: vi.fn() } }));
vi.mock("@/lib/config", () => ({ getConfig: () => ({ gemini: { requestsPerMinute: 120 } }) }));
vi.mock("@/lib/pipeline/record-property-outcome", () => ({ recordPropertyOutcome: vi.fn() }));
vi.mock("@/lib/pipeline/prepare-property", () => ({ locateProperty: vi.fn(), imageProperty: vi.fn() }));

const { finishProperty, recordRunFailure } = await import("@/inngest/functions/finish-property");
const { recordPropertyOutcome } = await import("@/lib/pipeline/record-property-outcome");
const { imageProperty, locateProperty } = await import("@/lib/pipeline/prepare-property");
const { planGeminiThrottle } = await import("@/lib/pipeline/gemini-throttle");
const { logger } = await import("@/lib/logger");

const campaignA = "0b6f2a52-6f49-4d0e-9a55-2f1f3f1c0a01";
const campaignB = "0b6f2a52-6f49-4d0e-9a55-2f1f3f1c0b02";
const finished = "1c1c1c1c-0000-4000-8000-000000000001";
const next = "1c1c1c1c-0000-4000-8000-000000000002";
const secondReleased = "1c1c1c1c-0000-4000-8000-000000000003";
const location = { latitude: 38.9, longitude: -77.03, locationType: "ROOFTOP" };
const panorama = { panoId: "pano-1", panoLatitude: 38.9001, panoLongitude: -77.0301, imageryDate: "2024-05", heading: 120 };
const keys = planGeminiThrottle(120).keys;

type SentEvent = { name: string; id?: string; data: Record<string, unknown> };

/** Returns a stand-in for Inngest's step tools that runs each step once and records what was sent. */
function fakeStep() {
  const stepIds: string[] = [];
  const sends: { id: string; events: SentEvent[] }[] = [];
  const step = {
    run: async (id: string, fn: () => unknown) => {
      stepIds.push(id);
      return fn();
    },
    sendEvent: async (id: string, events: SentEvent | SentEvent[]) => {
      stepIds.push(id);
      sends.push({ id, events: Array.isArray(events) ? events : [events] });
      return { ids: [] };
    },
  };
  return { step: step as never, stepIds, sends };
}

function recorded(overrides: Partial<RecordedOutcome>): RecordedOutcome {
  return { campaignId: campaignA, released: [], campaignCompleted: false, run: 0, ...overrides };
}

const scored = { status: "scored" as const, score: { assessable: true } as never, attempts: 1 };

beforeEach(() => {
  vi.mocked(recordPropertyOutcome).mockReset();
  vi.mocked(locateProperty).mockReset();
  vi.mocked(imageProperty).mockReset();
});

describe("finishProperty", () => {
  it("prepares the released property in-run", async () => {
    vi.mocked(recordPropertyOutcome).mockResolvedValueOnce(
      recorded({ released: [{ campaignId: campaignB, propertyId: next, run: 0 }, { campaignId: campaignA, propertyId: secondReleased, run: 2 }] }),
    );
    vi.mocked(locateProperty).mockResolvedValueOnce({ kind: "found", ...location });
    vi.mocked(imageProperty).mockResolvedValueOnce({ kind: "found", panorama, bytes: 5000, ticket: keys + 1 });
    const { step, stepIds, sends } = fakeStep();

    await finishProperty(step, finished, scored, { location, panorama });

    expect(stepIds).toEqual(["record-outcome-and-prepare-next", "announce-outcome"]);
    expect(vi.mocked(locateProperty).mock.calls[0]?.[0]).toBe(next);
    const events = sends[0]!.events;
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({
      name: "property/image.ready",
      id: `property-score-${next}-gemini-1`,
      data: { campaignId: campaignB, propertyId: next, scoreEventId: `property-score-${next}`, attempt: 1, slot: "1", location, panorama },
    });
    // Only the first released property is prepared here. The rest get runs of their own, in parallel.
    expect(events[1]).toMatchObject({ name: "property/score.requested", id: `property-score-${secondReleased}-run-2`, data: { propertyId: secondReleased } });
  });

  it("hands off a property whose preparation failed", async () => {
    vi.mocked(recordPropertyOutcome).mockResolvedValueOnce(recorded({ released: [{ campaignId: campaignB, propertyId: next, run: 0 }] }));
    vi.mocked(locateProperty).mockResolvedValueOnce({ kind: "found", ...location });
    vi.mocked(imageProperty).mockRejectedValueOnce(new Error("Street View answered HTTP 500"));
    const { step, sends } = fakeStep();

    await finishProperty(step, finished, scored);

    expect(vi.mocked(recordPropertyOutcome)).toHaveBeenCalledTimes(1);
    expect(vi.mocked(logger.warn).mock.calls[0]?.[0]).toMatchObject({ propertyId: next });
    expect(sends).toHaveLength(1);
    expect(sends[0]!.events).toEqual([
      expect.objectContaining({ name: "property/score.requested", id: `property-score-${next}`, data: { campaignId: campaignB, propertyId: next } }),
    ]);
  });

  it("records a released property without imagery", async () => {
    vi.mocked(recordPropertyOutcome)
      .mockResolvedValueOnce(recorded({ released: [{ campaignId: campaignB, propertyId: next, run: 0 }] }))
      .mockResolvedValueOnce(recorded({ campaignId: campaignB, released: [{ campaignId: campaignB, propertyId: secondReleased, run: 0 }], campaignCompleted: true, run: 1 }));
    vi.mocked(locateProperty).mockResolvedValueOnce({ kind: "found", ...location });
    vi.mocked(imageProperty).mockResolvedValueOnce({ kind: "none", reason: "No Street View imagery within 50 m." });
    const { step, stepIds, sends } = fakeStep();

    await finishProperty(step, finished, scored);

    expect(stepIds).toEqual(["record-outcome-and-prepare-next", "announce-outcome"]);
    expect(vi.mocked(recordPropertyOutcome).mock.calls[1]).toEqual([
      next,
      { status: "no_imagery", reason: "No Street View imagery within 50 m." },
      { location },
    ]);
    expect(sends[0]!.events.map((event) => [event.name, event.id])).toEqual([
      ["property/score.requested", `property-score-${secondReleased}`],
      ["campaign/completed", `campaign-completed-${campaignB}-run-1`],
    ]);
  });

  it("records an imprecise address as geocode_failed", async () => {
    vi.mocked(recordPropertyOutcome)
      .mockResolvedValueOnce(recorded({ released: [{ campaignId: campaignB, propertyId: next, run: 0 }] }))
      .mockResolvedValueOnce(recorded({ campaignId: campaignB }));
    vi.mocked(locateProperty).mockResolvedValueOnce({ kind: "imprecise", ...location, locationType: "APPROXIMATE", reason: "Only the street was found." });
    const { step, sends } = fakeStep();

    await finishProperty(step, finished, scored);

    expect(vi.mocked(recordPropertyOutcome).mock.calls[1]).toEqual([
      next,
      { status: "geocode_failed", reason: "Only the street was found." },
      { location: { ...location, locationType: "APPROXIMATE" } },
    ]);
    expect(vi.mocked(imageProperty)).not.toHaveBeenCalled();
    expect(sends).toEqual([]);
  });

  it("fails the step when recording fails", async () => {
    vi.mocked(recordPropertyOutcome)
      .mockResolvedValueOnce(recorded({ released: [{ campaignId: campaignB, propertyId: next, run: 0 }] }))
      .mockRejectedValueOnce(new Error("Connection terminated unexpectedly"));
    vi.mocked(locateProperty).mockResolvedValueOnce({ kind: "not_found", reason: "The address was not found." });
    const { step, sends } = fakeStep();

    await expect(finishProperty(step, finished, scored)).rejects.toThrow("Connection terminated unexpectedly");
    expect(sends).toEqual([]);
  });

  it("skips a property already finished", async () => {
    vi.mocked(recordPropertyOutcome).mockResolvedValueOnce(recorded({ released: [{ campaignId: campaignB, propertyId: next, run: 0 }], campaignCompleted: true }));
    vi.mocked(locateProperty).mockResolvedValueOnce({ kind: "terminal", status: "scored" });
    const { step, sends } = fakeStep();

    await finishProperty(step, finished, scored);

    expect(sends[0]!.events.map((event) => event.name)).toEqual(["campaign/completed"]);
  });
});

describe("recordRunFailure", () => {
  it("hands released properties off unprepared", async () => {
    vi.mocked(recordPropertyOutcome).mockResolvedValueOnce(recorded({ released: [{ campaignId: campaignB, propertyId: next, run: 0 }] }));
    const { step, stepIds, sends } = fakeStep();

    await recordRunFailure({ event: { data: { event: { data: { propertyId: finished } } } }, error: new Error("boom"), step });

    expect(stepIds).toEqual(["record-failure", "announce-outcome"]);
    expect(vi.mocked(locateProperty)).not.toHaveBeenCalled();
    expect(sends[0]!.events.map((event) => event.name)).toEqual(["property/score.requested"]);
    expect(vi.mocked(recordPropertyOutcome).mock.calls[0]?.[1]).toMatchObject({ status: "failed", reason: "Scoring stopped after repeated errors: boom" });
  });
});
