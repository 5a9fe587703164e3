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
