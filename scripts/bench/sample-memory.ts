import { readResidentMemory } from "./process-usage";

export type MemorySampler = {
  /** Largest VmRSS seen so far, in MiB. */
  peakSampledMiB: () => number;
  /** Stops sampling and returns the largest VmRSS seen and the kernel's VmHWM at that moment. */
  stop: () => { peakSampledMiB: number; highWaterMarkMiB: number | null };
};

/**
 * Samples a process's resident memory every `intervalMs`. VmHWM is the kernel's own peak since
 * the process started, so it also catches spikes between samples.
 */
export function sampleMemory(pid: number, intervalMs: number): MemorySampler {
  let peak = 0;
  const sample = () => {
    const memory = readResidentMemory(pid);
    if (memory) peak = Math.max(peak, memory.currentMiB);
  };
  sample();
  const timer = setInterval(sample, intervalMs);

  return {
    peakSampledMiB: () => peak,
    stop: () => {
      clearInterval(timer);
      sample();
      return { peakSampledMiB: peak, highWaterMarkMiB: readResidentMemory(pid)?.peakMiB ?? null };
    },
  };
}
