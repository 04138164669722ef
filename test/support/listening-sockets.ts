import ipaddr from 'ipaddr.js'
import { readdirSync, readFileSync, readlinkSync } from 'node:fs'

// What the operating system says processes listen on, read from /proc (Linux, like CI): no tool to install.

const readOr = <T>(read: () => T, fallback: T): T => {
  try {
    return read()
  } catch {
    return fallback // the process ended, or is not ours to read
  }
}

/** `root` and every process below it. */
export const processTree = (root: number): number[] => {
  const parentOf = new Map<number, number>()
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    const stat = readOr(() => readFileSync(`/proc/${entry}/stat`, 'utf8'), '')
    // The command name is in parentheses and may hold spaces; the parent's pid is the second field after it.
    const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
    if (parent) parentOf.set(Number(entry), parent)
  }
  const tree = [root]
  for (let i = 0; i < tree.length; i++) {
    for (const [pid, parent] of parentOf) if (parent === tree[i]) tree.push(pid)
  }
  return tree
}

const socketInodes = (pid: number): string[] =>
  readOr(() => readdirSync(`/proc/${pid}/fd`), []).flatMap((fd) => {
    const target = readOr(() => readlinkSync(`/proc/${pid}/fd/${fd}`), '')
    return /^socket:\[(\d+)\]$/.exec(target)?.[1] ?? []
  })

/** /proc/net/tcp writes an address as 32-bit words in host (little-endian) order. */
const decode = (hex: string): string => {
  const bytes = (hex.match(/.{8}/g) ?? []).flatMap((word) => (word.match(/../g) ?? []).reverse())
  return ipaddr.fromByteArray(bytes.map((byte) => parseInt(byte, 16))).toString()
}

/** The TCP sockets the processes `pids` listen on, as `address:port` (IPv6 in brackets). */
export const listeningSockets = (pids: number[]): string[] => {
  const inodes = new Set(pids.flatMap(socketInodes))
  return ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((table) =>
    readFileSync(table, 'utf8')
      .split('\n')
      .slice(1)
      .map((line) => line.trim().split(/\s+/))
      .filter((fields) => fields[3] === '0A' && inodes.has(fields[9] ?? '')) // 0A: LISTEN
      .map((fields) => {
        const [address = '', port = ''] = fields[1]!.split(':')
        const decoded = decode(address)
        return `${decoded.includes(':') ? `[${decoded}]` : decoded}:${parseInt(port, 16)}`
      })
  )
}
