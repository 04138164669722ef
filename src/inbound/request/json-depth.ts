/**
 * Whether `value` nests objects and arrays more than `limit` levels deep (a top-level object is one level).
 * Walked with a stack of its own, not by recursion, so no input can exhaust the call stack.
 */
export const nestsDeeperThan = (value: unknown, limit: number): boolean => {
  const pending: [unknown, number][] = [[value, 0]]
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [item, depth] = next
    if (typeof item !== 'object' || item === null) continue
    if (depth === limit) return true
    for (const child of Object.values(item)) pending.push([child, depth + 1])
  }
  return false
}
