// Output of the own suite: one JSON line per run (field names as the shared harness's, so its
// summarize.mjs reads them too) and markdown tables for people.
import { cpus, loadavg } from 'node:os';
import type { ProfileSummary } from './cpu-profile.js';
import type { ArchiveRunResult } from './scenarios/archive.js';
import type { ChatRow } from './scenarios/chat.js';
import type { LoginRow } from './scenarios/logins.js';

export interface RunContext {
  label: string;
  target: string;
  domain: string;
}

export function jsonLine(context: RunContext, row: LoginRow | ChatRow, mech: string): string {
  return JSON.stringify({ ts: new Date().toISOString(), ...context, tls: 'starttls', mech, ...row });
}

const fixed = (value: number | null | undefined, digits = 1): string => (value === null || value === undefined ? '-' : value.toFixed(digits));
const share = (part: number | null, wall: number): string => (part === null ? '-' : `${Math.round((100 * part) / wall)}`);
/** CPU seconds per unit of work, in ms (scale 1e3) or µs (scale 1e6). */
const perUnit = (cpuS: number | null, count: number, scale: number, digits: number): string => (cpuS === null || count === 0 ? '-' : ((scale * cpuS) / count).toFixed(digits));

export function machineLine(): string {
  const [one = 0, five = 0] = loadavg();
  return `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, load average ${one.toFixed(2)} (1 min) ${five.toFixed(2)} (5 min)`;
}

export function loginTable(rows: readonly LoginRow[]): string {
  const lines = [
    '| mechanism | SCRAM cache | logins (in flight) | logins/s | p50 / p90 / p99 ms | failed | server CPU ms/login | loader CPU ms/login | server RSS MiB before → loaded | other CPU % of a core |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const row of rows) {
    const lat = row.lat_ms;
    const rss = `${fixed(row.rss_before_kb === null ? null : row.rss_before_kb / 1024, 0)} → ${fixed(row.rss_loaded_kb === null ? null : row.rss_loaded_kb / 1024, 0)}`;
    lines.push(`| ${row.mech} | ${row.scram_cache} | ${row.clients} (${row.concurrency}) | ${fixed(row.logins_per_s, 0)} | ${fixed(lat?.p50)} / ${fixed(lat?.p90)} / ${fixed(lat?.p99)} | ${row.failed} | ${perUnit(row.server_cpu_s, row.ok, 1e3, 2)} | ${perUnit(row.loader_cpu_s, row.ok, 1e3, 2)} | ${rss} | ${share(row.other_cpu_s, row.wall_s)} |`);
  }
  return lines.join('\n');
}

export function chatTable(rows: readonly ChatRow[]): string {
  const lines = [
    '| pairs | msgs per sender @ rate | offered msg/s | delivered/s | p50 / p90 / p99 ms | lost | dup | misrouted | server CPU µs/msg | server CPU % of a core | loader CPU % | other CPU % |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const row of rows) {
    const lat = row.lat_ms;
    const offered = row.rate_per_sender > 0 ? String(2 * row.pairs * row.rate_per_sender) : 'burst';
    lines.push(`| ${row.pairs} | ${row.msgs_per_sender} @ ${row.rate_per_sender > 0 ? `${row.rate_per_sender}/s` : 'once'} | ${offered} | ${fixed(row.delivered_per_s, 0)} | ${fixed(lat?.p50)} / ${fixed(lat?.p90)} / ${fixed(lat?.p99)} | ${row.lost} | ${row.dup} | ${row.misrouted} | ${perUnit(row.server_cpu_s, row.delivered, 1e6, 0)} | ${share(row.server_cpu_s, row.wall_s)} | ${share(row.loader_cpu_s, row.wall_s)} | ${share(row.other_cpu_s, row.wall_s)} |`);
  }
  return lines.join('\n');
}

export function archiveTable(rows: readonly ArchiveRunResult[]): string {
  const lines = [
    '| mode | rooms writing at once | messages | inserts/s | commit latency p50 / p90 / p99 ms |',
    '|---|---|---|---|---|',
  ];
  for (const row of rows) {
    const lat = row.commitLatencyMs;
    lines.push(`| ${row.mode} | ${row.rooms} | ${row.messages} | ${row.perSecond} | ${fixed(lat?.p50)} / ${fixed(lat?.p90)} / ${fixed(lat?.p99)} |`);
  }
  return lines.join('\n');
}

/**
 * The profile as markdown. `scope` says which samples it covers; `processCpuS` is what the kernel
 * counted for the node over the same stretch (when known), against which the JS-visible share is set.
 */
export function profileTables(summary: ProfileSummary, processCpuS: number | null, scope = 'whole node lifetime, start-up included'): string {
  const table = (title: string, rows: ProfileSummary['functions']): string =>
    [`| ${title} | self ms | % of busy |`, '|---|---|---|', ...rows.map((row) => `| \`${row.name}\` | ${row.ms} | ${row.percent} |`)].join('\n');
  const total = processCpuS === null ? '' : ` of the ${Math.round(processCpuS * 1000)} ms of CPU the process used`;
  // Node marks the isolate idle while libuv polls, so native work in I/O callbacks with no JS on
  // the stack (TLS handshakes and decryption, socket reads) and GC helper threads are not in the profile.
  return [`Server CPU profile (${scope}): ${summary.busyMs} ms visible to V8${total};`,
    'the difference is native work V8 samples as idle (TLS handshakes and record decryption in libuv callbacks) and helper threads.', '',
    table('origin', summary.origins), '', table('function (self time)', summary.functions)].join('\n');
}
