/** "1 second", "45 seconds", "1 minute", "10 minutes", "about 7 minutes" (rounded up past two minutes). */
export function formatDuration(seconds: number): string {
  if (seconds < 120 && seconds % 60 !== 0) return `${seconds} ${seconds === 1 ? "second" : "seconds"}`;
  const minutes = Math.ceil(seconds / 60);
  const unit = minutes === 1 ? "minute" : "minutes";
  return seconds % 60 === 0 ? `${minutes} ${unit}` : `about ${minutes} ${unit}`;
}
