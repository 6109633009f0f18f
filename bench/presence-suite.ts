// --scenario presence: presence broadcast to rosters of --contacts (bench/scenarios/presence.ts)
// on a fresh Parley node and, with --peers, on a fresh Prosody in the same mode (STARTTLS
// required, SCRAM-SHA-1 against SCRAM storage, RSA 2048), same load generator, same run.
import { readFileSync } from 'node:fs';
import { SaltedPasswordCache } from './client/scram.js';
import { summarizeProfile } from './cpu-profile.js';
import type { BenchOptions } from './options.js';
import { ParleyNode } from './parley-node.js';
import { findHarness, runHarness } from './peers/harness.js';
import { BenchProsody } from './peers/prosody.js';
import { machineLine, profileTables } from './report.js';
import { measurePresence, provisionPresence, type BroadcastRow, type PresenceResult, type PresenceSpec } from './scenarios/presence.js';

const DOMAIN = 'localhost';
const PASSWORD = 'pass';
const progress = (text: string): void => { process.stderr.write(`bench: ${text}\n`); };

interface ServerResult {
  server: string;
  result: PresenceResult;
  /** Warnings and errors the server logged during the run. */
  logLines: string[];
}

/** Resolves false when provisioning, a login or a delivery failed on any server. */
export async function runPresenceSuite(options: BenchOptions, emit: (line: string) => void): Promise<boolean> {
  const sizes = options.presence;
  const users = sizes.groups * (sizes.contacts + 1);
  const harness = options.hasPeers ? findHarness() : undefined;
  if (options.hasPeers) {
    if (harness === undefined) throw new Error('--peers needs the shared harness: set PARLEY_PEER_BENCH to its directory (default /work/shared/bench)');
    if (!(await BenchProsody.isInstalled())) throw new Error('--peers needs Prosody: apt-get install -y --no-install-recommends prosody lua-unbound');
  }
  const machineBefore = machineLine();
  const servers: ServerResult[] = [];
  const record = (server: string, target: string, result: PresenceResult): void => {
    const context = { ts: new Date().toISOString(), label: server, target, domain: DOMAIN, tls: 'starttls', mech: 'SCRAM-SHA-1' };
    for (const row of [result.provision, result.login, result.relogin, ...result.broadcasts]) {
      if (row !== undefined) emit(JSON.stringify({ ...context, ...row }));
    }
    if (result.error !== undefined) progress(`${server}: ${result.error}`);
  };
  const spec = (server: string, serverPid: number, port: number): PresenceSpec => ({
    target: { host: '127.0.0.1', port, domain: DOMAIN }, serverPid, ...sizes, password: PASSWORD, cache: new SaltedPasswordCache(),
    progress: (text) => progress(`${server}: ${text}`),
  });

  progress(`Parley: fresh node, ${users} accounts imported`);
  const node = await ParleyNode.start({ domain: DOMAIN, users, password: PASSWORD, scramIterations: options.scramIterations, cpuProfile: options.cpuProfile }, options.keep);
  const parleySpec = spec('parley', node.pid, node.port);
  let prosody: { server: BenchProsody; spec: PresenceSpec } | undefined;
  if (harness !== undefined) {
    progress(`Prosody: fresh start (TLS=1 HASHED=1), ${users} accounts registered in-band`);
    const server = await BenchProsody.start(harness);
    const pid = await server.pid();
    const registered = await runHarness(harness, { label: 'prosody', port: server.port, serverPid: pid, scramCache: `${server.rundir}/register-scram-cache.json` }, ['--scenarios', 'register', '--clients', String(users)]);
    for (const line of registered) emit(line);
    prosody = { server, spec: spec('prosody', pid, server.port) };
  }
  // Provisioning is not measured: both servers at once, each on its own core, to halve the wait.
  const [parleyProvision, prosodyProvision] = await Promise.all([provisionPresence(parleySpec), prosody === undefined ? undefined : provisionPresence(prosody.spec)]);

  // Measured one server at a time; the other is stopped or idle with no client connected.
  const parley = await measurePresence(parleySpec, parleyProvision);
  record('parley', `127.0.0.1:${node.port}`, parley);
  await node.stop();
  // Pino JSON lines at warn (40) and above, but the self-signed certificate the bench lets the node make.
  const parleyLog = readFileSync(`${node.dir}/node.log`, 'utf8').split('\n')
    .filter((line) => /^\{"level":[4-9]\d/.test(line) && !line.includes('no TLS certificate configured'));
  if (parleyLog.length > 0) progress(`Parley logged ${parleyLog.length} warning/error lines, first ones:\n${parleyLog.slice(0, 10).join('\n')}`);
  servers.push({ server: 'parley', result: parley, logLines: parleyLog });
  const profiles = node.profiles().map((file) => profileTables(summarizeProfile(file), node.cpuAtStopS));
  await node.dispose(options.keep);

  if (prosody !== undefined && prosodyProvision !== undefined) {
    const result = await measurePresence(prosody.spec, prosodyProvision);
    record('prosody', `127.0.0.1:${prosody.server.port}`, result);
    let prosodyLog: string[] = [];
    try {
      prosodyLog = readFileSync(`${prosody.server.rundir}/prosody.log`, 'utf8').split('\n').filter((line) => line.trim() !== '');
    } catch {
      // no log file: nothing was logged
    }
    servers.push({ server: 'prosody', result, logLines: prosodyLog });
    await prosody.server.stop();
  }

  const title = `## Presence broadcast to rosters of ${sizes.contacts} contacts${options.isQuick ? ' (quick)' : ''} — STARTTLS required, SCRAM-SHA-1, SCRAM storage (${options.scramIterations} iterations), RSA 2048`;
  process.stdout.write(`\n${[title, '', machineBefore, `${machineLine()} (after)`, '',
    `${sizes.groups} group(s) of ${sizes.contacts + 1} users; in each group every user has every other with subscription 'both' (made through the protocol, checked by a roster get before measuring).`,
    ...(harness === undefined ? [] : [`Prosody 0.12 from the shared harness (TLS=1 HASHED=1, ${process.env.PROSODY_NAGLE === '0' ? 'PROSODY_NAGLE=0: Nagle off' : 'its default Nagle'}).`]), '',
    `### Provisioning (not measured${harness === undefined ? '' : '; both servers at once'})`, '', provisionTable(servers), '',
    '### Logins with the roster', '', loginTable(servers), '',
    '### Presence broadcast', '', broadcastTable(servers), ...notes(servers),
    ...profiles.flatMap((tables) => ['', '### Where the Parley node\'s CPU went', '', tables])].join('\n')}\n`);
  return servers.every(({ result }) => result.error === undefined
    && (result.login?.failed ?? 1) === 0 && (result.relogin?.failed ?? 0) === 0
    && result.broadcasts.every((row) => row.lost === 0 && row.dup === 0 && row.misrouted === 0 && row.bounced === 0));
}

const fixed = (value: number | null | undefined, digits = 1): string => (value === null || value === undefined ? '-' : value.toFixed(digits));
const share = (part: number | null, wall: number): string => (part === null ? '-' : `${Math.round((100 * part) / wall)}`);
const perUnit = (cpuS: number | null, count: number, scale: number, digits: number): string => (cpuS === null || count === 0 ? '-' : ((scale * cpuS) / count).toFixed(digits));
const pair = (lat: { p50: number; p99: number } | null | undefined): string => `${fixed(lat?.p50)} / ${fixed(lat?.p99)}`;

function provisionTable(servers: readonly ServerResult[]): string {
  const lines = ['| server | users | mutual subscriptions done | rosters verified | wall s | server CPU s | loader CPU s | other CPU % of a core |', '|---|---|---|---|---|---|---|---|'];
  for (const { server, result: { provision: row } } of servers) {
    lines.push(`| ${server} | ${row.users} (${row.groups} × ${row.contacts + 1}) | ${row.pairs_done} of ${row.pairs} | ${row.rosters_ok} of ${row.users} | ${fixed(row.wall_s)} | ${fixed(row.server_cpu_s)} | ${fixed(row.loader_cpu_s)} | ${share(row.other_cpu_s, row.wall_s)} |`);
  }
  return lines.join('\n');
}

function loginTable(servers: readonly ServerResult[]): string {
  const lines = [
    '| run | server | logins | p50 / p99 ms | failed | logins/s | server CPU ms/login | loader CPU % | other CPU % |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const { server, result } of servers) {
    const row = result.login;
    if (row === undefined) continue;
    lines.push(`| all users log in, ${row.concurrency} in flight: connect → roster result (roster get + initial presence pipelined) | ${server} | ${row.clients} | ${pair(row.lat_ms)} | ${row.failed} | ${fixed(row.logins_per_s, 0)} | ${perUnit(row.server_cpu_s, row.ok, 1e3, 2)} | ${share(row.loader_cpu_s, row.wall_s)} | ${share(row.other_cpu_s, row.wall_s)} |`);
  }
  for (const { server, result } of servers) {
    const row = result.relogin;
    if (row === undefined) continue;
    const perLogin = perUnit(row.server_cpu_s, row.complete, 1e3, 2);
    const rest = `${row.failed} | - | ${perLogin} | ${share(row.loader_cpu_s, row.wall_s)} | ${share(row.other_cpu_s, row.wall_s)} |`;
    lines.push(`| one at a time, others online: roster get → result | ${server} | ${row.relogins} | ${pair(row.roster_ms)} | ${rest}`);
    lines.push(`| one at a time: initial presence → presence of all ${row.contacts} contacts | ${server} | ${row.complete} | ${pair(row.presence_ms)} | ${rest}`);
    lines.push(`| one at a time: connect → presence of all ${row.contacts} contacts | ${server} | ${row.complete} | ${pair(row.total_ms)} | ${rest}`);
  }
  return lines.join('\n');
}

function broadcastTable(servers: readonly ServerResult[]): string {
  const lines = [
    '| run | server | offered changes/s (deliveries/s) | delivered/s | p50 / p90 / p99 / max ms | delivered | lost | dup | misrouted | server CPU µs/delivery | server CPU ms/change | server CPU % of a core | loader CPU % | other CPU % |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  const runs = [...new Set(servers.flatMap(({ result }) => result.broadcasts.map(runKey)))];
  for (const key of runs) {
    for (const { server, result } of servers) {
      for (const row of result.broadcasts.filter((candidate) => runKey(candidate) === key)) {
        const lat = row.lat_ms;
        const offered = row.rate > 0 ? `${row.rate} (${row.rate * row.contacts})` : 'burst';
        lines.push(`| ${key} | ${server} | ${offered} | ${fixed(row.delivered_per_s, 0)} | ${fixed(lat?.p50)} / ${fixed(lat?.p90)} / ${fixed(lat?.p99)} / ${fixed(lat?.max)} | ${row.delivered} of ${row.expected} | ${row.lost} | ${row.dup} | ${row.misrouted} | ${perUnit(row.server_cpu_s, row.delivered, 1e6, 1)} | ${perUnit(row.server_cpu_s, row.changes, 1e3, 2)} | ${share(row.server_cpu_s, row.wall_s)} | ${share(row.loader_cpu_s, row.wall_s)} | ${share(row.other_cpu_s, row.wall_s)} |`);
      }
    }
  }
  return lines.join('\n');
}

const runKey = (row: BroadcastRow): string => `${row.changes} changes ${row.rate > 0 ? `@ ${row.rate}/s` : 'at once'}, ${row.contacts} contacts each`;

function notes(servers: readonly ServerResult[]): string[] {
  const lines: string[] = [];
  for (const { server, result, logLines } of servers) {
    if (result.error !== undefined) lines.push(`- ${server}: stopped early: ${result.error}`);
    if (result.provision.problems.length > 0) lines.push(`- ${server}: provisioning: ${result.provision.problems.join('; ')}`);
    if (result.relogin !== undefined && result.relogin.failed > 0) lines.push(`- ${server}: relogin errors: ${JSON.stringify(result.relogin.errors)}`);
    if (logLines.length > 0) lines.push(`- ${server}: ${logLines.length} lines in its warning/error log`);
  }
  return lines.length > 0 ? ['', '### Notes', '', ...lines] : [];
}
