import { readdirSync, readFileSync } from 'node:fs';

/** CPU seconds (user + system) so far of the Chromium renderer processes this script started (its descendants), from /proc. */
export function rendererCpuSeconds(): number {
  const tick = 100; // USER_HZ on Linux
  const procs = new Map<number, { ppid: number; cpu: number; renderer: boolean }>();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      procs.set(Number(pid), { ppid: Number(fields[1]), cpu: (Number(fields[11]) + Number(fields[12])) / tick, renderer: readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer') });
    } catch {
      // the process ended
    }
  }
  const mine = (pid: number): boolean => {
    for (let p = procs.get(pid)?.ppid; p !== undefined && p > 1; p = procs.get(p)?.ppid) if (p === process.pid) return true;
    return false;
  };
  let total = 0;
  for (const [pid, p] of procs) if (p.renderer && mine(pid)) total += p.cpu;
  return total;
}
