/**
 * Projects when each running campaign finishes if the global throughput is shared equally
 * between the campaigns still running, as the scheduler shares it. Returns minutes from now per
 * campaign id. A campaign with less work left finishes first and its share goes to the others,
 * so the projection for a large campaign shortens as small ones complete.
 * NOTE: properties in flight count as not started, so with only a few left the projection can
 * run a few seconds late, a large fraction of a short remaining time.
 */
export function projectCompletionMinutes(remainingByCampaign: ReadonlyMap<string, number>, propertiesPerMinute: number): Map<string, number> {
  const projection = new Map<string, number>();
  if (!(propertiesPerMinute > 0)) return projection;

  const ordered = [...remainingByCampaign.entries()].filter(([, remaining]) => remaining > 0).sort((a, b) => a[1] - b[1]);
  let minutes = 0;
  let doneByEach = 0;
  ordered.forEach(([campaignId, remaining], index) => {
    const stillRunning = ordered.length - index;
    minutes += ((remaining - doneByEach) * stillRunning) / propertiesPerMinute;
    doneByEach = remaining;
    projection.set(campaignId, minutes);
  });

  for (const [campaignId, remaining] of remainingByCampaign) {
    if (remaining <= 0) projection.set(campaignId, 0);
  }
  return projection;
}
