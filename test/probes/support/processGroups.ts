// Counts live processes of a process group by reading /proc, and waits (polling) until none is left.
import { readdirSync, readFileSync } from 'node:fs';

/** Pids of processes (not zombies) whose process group is `pgid`. */
export function processesInGroup(pgid: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    // Fields after the parenthesised command: state ppid pgrp ...
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) === pgid && fields[0] !== 'Z') pids.push(Number(entry));
  }
  return pids;
}

/** Polls until `check` returns true or the deadline passes; returns whether it became true. */
export async function pollUntil(check: () => boolean, deadlineMs: number): Promise<boolean> {
  const end = Date.now() + deadlineMs;
  for (;;) {
    if (check()) return true;
    if (Date.now() >= end) return false;
    await new Promise<void>((resolve) => setTimeout(resolve, 10));
  }
}

export interface ProcessInfo {
  pid: number;
  pgid: number;
  /** The command line, arguments joined by spaces. */
  args: string;
}

/** Live processes descended from `ancestor` (children, their children, ...), read from /proc. */
export function descendantsOf(ancestor: number): ProcessInfo[] {
  const all = new Map<number, { ppid: number; pgid: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[0] !== 'Z') all.set(Number(entry), { ppid: Number(fields[1]), pgid: Number(fields[2]) });
    } catch {
      // The process ended while we looked.
    }
  }
  const found: ProcessInfo[] = [];
  for (const [pid, info] of all) {
    let parent = info.ppid;
    const seen = new Set<number>();
    while (parent > 1 && parent !== ancestor && !seen.has(parent)) {
      seen.add(parent);
      parent = all.get(parent)?.ppid ?? 0;
    }
    if (parent !== ancestor) continue;
    try {
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
      found.push({ pid, pgid: info.pgid, args });
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}
