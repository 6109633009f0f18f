// What a run measures besides its own counts: latency percentiles, and the CPU the server,
// the load generator and the rest of the machine used meanwhile (Linux /proc, USER_HZ = 100).
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const CLOCK_TICKS_PER_S = 100;

export interface LatencySummary {
  n: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export class Latencies {
  private values = new Float64Array(1024);
  private count = 0;

  add(ms: number): void {
    if (this.count === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.count] = ms;
    this.count += 1;
  }

  summary(): LatencySummary | null {
    if (this.count === 0) return null;
    const sorted = this.values.slice(0, this.count).sort();
    const at = (q: number): number => Math.round(1000 * (sorted[Math.min(this.count - 1, Math.floor(q * this.count))] ?? 0)) / 1000;
    return { n: this.count, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: at(1) };
  }
}

/** utime + stime of a process in seconds, or null once it is gone. */
export function processCpuS(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name, which may itself contain spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_S;
  } catch {
    return null;
  }
}

export function processRssKb(pid: number): number | null {
  try {
    const match = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match?.[1] === undefined ? null : Number(match[1]);
  } catch {
    return null;
  }
}

/** Busy CPU seconds of the whole machine: user, nice, system, irq, softirq, steal. */
function machineBusyS(): number {
  const fields = (readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
  return (user + nice + system + irq + softirq + steal) / CLOCK_TICKS_PER_S;
}

export interface CpuUse {
  wall_s: number;
  server_cpu_s: number | null;
  loader_cpu_s: number;
  /** Everything else on the machine: other tenants disturbing the run. */
  other_cpu_s: number | null;
}

/** What a delivery run counts (field names as the shared harness's), whatever is delivered. */
export interface DeliveryCounts {
  expected: number;
  delivered: number;
  lost: number;
  dup: number;
  misrouted: number;
  /** Errors bounced to a sender. */
  bounced: number;
  send_s: number;
  span_s: number;
  delivered_per_s: number;
  lat_ms: LatencySummary | null;
}

const round = (value: number, digits = 3): number => Number(value.toFixed(digits));

/**
 * What one delivery run received, shared by the chat, presence and MUC runs: every expected
 * delivery has a slot, and a second arrival in a slot is a duplicate, not a delivery.
 */
export class DeliveryTally {
  delivered = 0;
  dup = 0;
  misrouted = 0;
  bounced = 0;
  lastDelivery = 0;
  private readonly latencies = new Latencies();
  private readonly seen: Uint8Array;

  constructor(private readonly expected: number) {
    this.seen = new Uint8Array(expected);
  }

  get isComplete(): boolean {
    return this.delivered >= this.expected;
  }

  /** Counts the delivery in `slot`, received at `now`, sent at `sentAt` (performance.now() ms). */
  receive(slot: number, now: number, sentAt: number): void {
    if (this.seen[slot] === 1) {
      this.dup += 1;
      return;
    }
    this.seen[slot] = 1;
    this.delivered += 1;
    this.lastDelivery = now;
    this.latencies.add(now - sentAt);
  }

  /** The run's counts and rates, from its first send to its last delivery. */
  counts(firstSend: number, sendEnd: number): DeliveryCounts {
    const span = ((this.lastDelivery === 0 ? sendEnd : this.lastDelivery) - firstSend) / 1000;
    return {
      expected: this.expected, delivered: this.delivered, lost: this.expected - this.delivered, dup: this.dup, misrouted: this.misrouted,
      bounced: this.bounced, send_s: round((sendEnd - firstSend) / 1000), span_s: round(span),
      delivered_per_s: round(this.delivered / span, 1), lat_ms: this.latencies.summary(),
    };
  }
}

/** Starts measuring now; the returned function reads what was used since. */
export function startMeter(serverPid: number | undefined): () => CpuUse {
  const wall0 = performance.now();
  const server0 = serverPid === undefined ? null : processCpuS(serverPid);
  const loader0 = process.cpuUsage();
  const machine0 = machineBusyS();
  return () => {
    const server1 = serverPid === undefined ? null : processCpuS(serverPid);
    const loaderUse = process.cpuUsage(loader0);
    const loader = (loaderUse.user + loaderUse.system) / 1e6;
    const server = server0 === null || server1 === null ? null : server1 - server0;
    return {
      wall_s: round((performance.now() - wall0) / 1000),
      server_cpu_s: server === null ? null : round(server, 2),
      loader_cpu_s: round(loader, 2),
      other_cpu_s: server === null ? null : round(Math.max(0, machineBusyS() - machine0 - server - loader), 2),
    };
  };
}

const QUIET_SAMPLE_MS = 2000;
const QUIET_SHARE = 0.25;

/**
 * The machine may be shared: waits, at most `maxMs`, until everything but this process and the
 * server uses less than a quarter of one core over a 2 s sample. Returns that share.
 */
export async function waitForQuiet(serverPid: number, maxMs: number): Promise<number> {
  const deadline = performance.now() + maxMs;
  for (;;) {
    const meter = startMeter(serverPid);
    await new Promise((resolve) => setTimeout(resolve, QUIET_SAMPLE_MS));
    const use = meter();
    const share = use.other_cpu_s === null ? 0 : use.other_cpu_s / use.wall_s;
    if (share < QUIET_SHARE || performance.now() > deadline) return share;
    process.stderr.write(`bench: the rest of the machine uses ${Math.round(100 * share)}% of a core, waiting\n`);
  }
}

const IDLE_SAMPLE_MS = 500;
const IDLE_SHARE = 0.1;

/** Waits, at most `maxMs`, until the process uses less than a tenth of a core over half a second (work it had queued is done). */
export async function waitForIdle(pid: number, maxMs: number): Promise<void> {
  const deadline = performance.now() + maxMs;
  while (performance.now() < deadline) {
    const before = processCpuS(pid);
    await new Promise((resolve) => setTimeout(resolve, IDLE_SAMPLE_MS));
    const after = processCpuS(pid);
    if (before === null || after === null || (after - before) / (IDLE_SAMPLE_MS / 1000) < IDLE_SHARE) return;
  }
}
