import type { Case } from './workload'

/**
 * The previous design (an in-process cache of Botpress ids, since removed), from one recorded run: not run
 * here. Its figures come from the README at commit 38a1c07 (one instance, a warm-up message per conversation,
 * then 2,000 messages over 100 conversations at concurrency 8 through the public webhook URL, API latency
 * 25 ms), and its calls on a fresh instance from issue 12. That run timed only known conversations on the
 * instance that cached them; its naive design took 86.4 ms (p50) and 112.8 ms (p99) there.
 */
export const CACHE_DESIGN: Record<Case, { calls: number; p50?: number; p99?: number }> = {
  new: { calls: 3 },
  same: { calls: 1, p50: 29.5, p99: 44.4 },
  fresh: { calls: 3 },
}
export const CACHE_DESIGN_NAIVE = { p50: 86.4, p99: 112.8 }
