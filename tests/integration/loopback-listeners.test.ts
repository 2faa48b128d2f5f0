import { describe, expect, it } from "vitest";
import { listeningAddresses } from "../../scripts/stack/listening-addresses";

const portOf = (url: string | undefined, name: string): number => {
  if (!url) throw new Error(`${name} is not set; run this file through npm test or the integration project.`);
  return Number(new URL(url).port);
};

describe("the test stack's servers", () => {
  const enginePort = portOf(process.env.STACK_ENGINE_URL, "STACK_ENGINE_URL");
  const servers = [
    { name: "app", port: portOf(process.env.STACK_APP_URL, "STACK_APP_URL") },
    { name: "emulator", port: portOf(process.env.STACK_EMULATOR_URL, "STACK_EMULATOR_URL") },
    { name: "PostgreSQL", port: portOf(process.env.DATABASE_URL, "DATABASE_URL") },
    { name: "Inngest API", port: enginePort },
    // The test stack puts the engine's connect gateway and its two gRPC servers on the next three ports.
    { name: "Inngest connect gateway", port: enginePort + 1 },
    { name: "Inngest connect gateway gRPC", port: enginePort + 2 },
    { name: "Inngest connect executor gRPC", port: enginePort + 3 },
  ];

  it.each(servers)("$name listens on port $port, on loopback only", ({ port }) => {
    const listeners = listeningAddresses(port);
    expect(listeners.length).toBeGreaterThan(0);
    expect(listeners.filter((listener) => !listener.loopback).map((listener) => listener.address)).toEqual([]);
  });
});
