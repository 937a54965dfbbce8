/**
 * CPU time of a process from /proc/<pid>/stat (Linux), for benchmarks that compare what
 * processes cost while nothing happens: the extension host, a dockerd, a poller's children.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

let ticksPerSecond: number | undefined;

/** The kernel's clock ticks per second (USER_HZ), in which /proc reports CPU time. */
function clockTicks(): number {
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  return ticksPerSecond;
}

export interface CpuTimes {
  /** user + system seconds of the process itself. */
  self: number;
  /** user + system seconds of its children that ended and were waited for. */
  children: number;
}

/** The fields after "(comm)": the command name may hold spaces or parentheses. */
function statFields(pid: number | 'self'): string[] {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

export function cpuTimes(pid: number | 'self'): CpuTimes {
  // First: the first call runs getconf, a child that must not land in this reading's children.
  const ticks = clockTicks();
  // Field 3 (state) is index 0 here: utime 14, stime 15, cutime 16, cstime 17.
  const fields = statFields(pid).map(Number);
  return { self: (fields[11] + fields[12]) / ticks, children: (fields[13] + fields[14]) / ticks };
}

/** Pids of the live processes whose parent is `pid`, with their command lines. */
export function childProcesses(pid: number): { pid: number; command: string }[] {
  const out: { pid: number; command: string }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Field 4 (ppid) is index 1 after "(comm)".
      if (Number(statFields(Number(entry))[1]) !== pid) continue;
      out.push({ pid: Number(entry), command: readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ').trim() });
    } catch {
      // The process ended while we looked.
    }
  }
  return out;
}
