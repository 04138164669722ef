/** The value below which `fraction` of the samples fall (nearest rank). */
export const percentile = (samples: number[], fraction: number): number => {
  if (samples.length === 0) return Number.NaN
  const sorted = [...samples].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!
}

/** Runs `task(i)` for i in [0, count) with at most `concurrency` at once; resolves with each duration in ms. */
export const runConcurrently = async (count: number, concurrency: number, task: (i: number) => Promise<void>) => {
  const durations: number[] = new Array(count)
  let next = 0
  const worker = async () => {
    while (next < count) {
      const i = next++
      const started = performance.now()
      await task(i)
      durations[i] = performance.now() - started
    }
  }
  const started = performance.now()
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker))
  return { durations, elapsedMs: performance.now() - started }
}

/** Resident memory of a process, in MiB, from /proc (Linux). */
export const residentMiB = async (pid: number): Promise<number> => {
  const { readFile } = await import('node:fs/promises')
  const status = await readFile(`/proc/${pid}/status`, 'utf8')
  const kib = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN)
  return kib / 1024
}

/** A seeded generator of numbers in [0, 1) (mulberry32): the same seed gives the same run plan and spread. */
export const seededRandom = (seed: number) => {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
