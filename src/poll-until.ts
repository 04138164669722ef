import type { MessageBell } from './message-signal'

/** Waits `ms` (none when not positive). */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)))

/** Why a step runs: its time came, a bot message of interest reached this instance, or the deadline passed. */
export type Cause = 'due' | 'rang' | 'deadline'

/** What a step decides: done with this answer, or the time of its next step (Infinity: only when woken). */
export type StepResult<T> = { done: T } | { dueAt: number }

/**
 * The one loop behind both waits (a waited message's status reads, a long-polling read): it sleeps until the
 * step's next time, the bell, or the deadline, whichever comes first, and hands the step the cause. The step
 * owns the schedule and says when it is done; at the deadline it is called once more, and must be done then.
 */
export const pollUntil = async <T>(
  { deadline, bell, firstDueAt }: { deadline: number; bell?: MessageBell; firstDueAt: number },
  step: (cause: Cause) => Promise<StepResult<T>>
): Promise<T> => {
  let dueAt = firstDueAt
  for (;;) {
    const until = Math.min(dueAt, deadline)
    const waitMs = Math.max(0, until - Date.now())
    const rang = bell ? await bell.wait(waitMs) : await sleep(waitMs).then(() => false)
    const cause: Cause = rang ? 'rang' : dueAt <= deadline ? 'due' : 'deadline'
    const result = await step(cause)
    if ('done' in result) return result.done
    if (cause === 'deadline') throw new Error('pollUntil: a step must be done at the deadline')
    dueAt = result.dueAt
  }
}
