/** A running campaign's work left: properties not finished, and how many of those are in flight. */
export type RemainingWork = { remaining: number; inFlight: number };

/**
 * Projects when each running campaign finishes, the way the scheduler works: the global
 * throughput releases waiting properties to the campaigns that still have some, in equal turns,
 * and each released property then takes the pipeline's time in flight. By Little's law that time
 * is the number in flight over the throughput. A campaign's last property therefore finishes one
 * flight time after its last release. A campaign with nothing left to release finishes once its
 * properties in flight do: with q of them part-way through, the last lands after about
 * q / (q + 1) of a flight time. Returns minutes from now per campaign id.
 */
export function projectCompletionMinutes(work: ReadonlyMap<string, RemainingWork>, propertiesPerMinute: number): Map<string, number> {
  const projection = new Map<string, number>();
  if (!(propertiesPerMinute > 0)) return projection;

  let totalInFlight = 0;
  for (const { remaining, inFlight } of work.values()) totalInFlight += Math.min(Math.max(inFlight, 0), Math.max(remaining, 0));
  const flightMinutes = totalInFlight / propertiesPerMinute;

  const waiting = [...work.entries()]
    .map(([campaignId, { remaining, inFlight }]) => ({ campaignId, inFlight, toRelease: remaining - Math.max(inFlight, 0) }))
    .filter(({ toRelease }) => toRelease > 0)
    .sort((a, b) => a.toRelease - b.toRelease);
  let minutes = 0;
  let releasedToEach = 0;
  waiting.forEach(({ campaignId, toRelease }, index) => {
    const stillWaiting = waiting.length - index;
    minutes += ((toRelease - releasedToEach) * stillWaiting) / propertiesPerMinute;
    releasedToEach = toRelease;
    projection.set(campaignId, minutes + flightMinutes);
  });

  for (const [campaignId, { remaining, inFlight }] of work) {
    if (projection.has(campaignId)) continue;
    const landing = Math.min(Math.max(inFlight, 0), Math.max(remaining, 0));
    projection.set(campaignId, remaining <= 0 ? 0 : (flightMinutes * landing) / (landing + 1));
  }
  return projection;
}
