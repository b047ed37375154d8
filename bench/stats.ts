/** Timing helpers for the benchmarks: warm-up, repeats, median and p99 in milliseconds. */
export interface Stats { median: number; p99: number; runs: number }

export function summarise(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { median: at(0.5), p99: at(0.99), runs: s.length };
}

/**
 * Times several functions taking turns, run by run, so that a disturbance of the machine
 * (another process, a host that steals CPU) hits all of them alike and their ratio holds.
 */
export function timeInterleaved(fns: ReadonlyArray<() => unknown>, runs: number, warmup = Math.max(3, Math.floor(runs / 5))): Stats[] {
  for (let i = 0; i < warmup; i++) for (const fn of fns) fn();
  const samples: number[][] = fns.map(() => []);
  for (let i = 0; i < runs; i++) {
    fns.forEach((fn, k) => {
      const t = process.hrtime.bigint();
      fn();
      samples[k].push(Number(process.hrtime.bigint() - t) / 1e6);
    });
  }
  return samples.map(summarise);
}

export async function timeAsync(fn: () => Promise<unknown>, runs: number, warmup = Math.max(3, Math.floor(runs / 5))): Promise<Stats> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return summarise(samples);
}

export const fmt = (ms: number) => (ms < 0.1 ? ms.toFixed(4) : ms < 10 ? ms.toFixed(3) : ms.toFixed(1));
