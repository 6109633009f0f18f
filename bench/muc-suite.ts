// --scenario muc: MUC fan-out and joins (bench/scenarios/muc.ts) on a fresh Parley node whose
// storage is a throwaway PostgreSQL with durable commits, rooms unlocked on first join, persistent
// and archived (every message committed before it is broadcast; --muc-no-archive turns the
// archive off to show what it costs). With --peers, instead, the shared
// harness's `muc` scenario at the same sizes against that node, a fresh Prosody 0.12 and a fresh
// ejabberd, one after the other, in the same mode: STARTTLS required, SCRAM-SHA-1 against SCRAM
// storage, RSA 2048.
import { appendFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBenchPostgres, type BenchPostgres } from './bench-postgres.js';
import type { Session } from './client/login.js';
import { SaltedPasswordCache } from './client/scram.js';
import { summarizeProfile } from './cpu-profile.js';
import { waitForIdle, waitForQuiet } from './measure.js';
import type { BenchOptions, MucSizes } from './options.js';
import { ParleyNode, REPO } from './parley-node.js';
import { BenchEjabberd } from './peers/ejabberd.js';
import { findHarness, runHarness, summarize, type Harness, type HarnessTarget } from './peers/harness.js';
import { BenchProsody } from './peers/prosody.js';
import { onCleanup, runCommand } from './processes.js';
import { machineLine, profileTables } from './report.js';
import { closeAll, runLogins } from './scenarios/logins.js';
import { runMuc, type MucResult } from './scenarios/muc.js';

const DOMAIN = 'localhost';
const MUC_DOMAIN = `conference.${DOMAIN}`;
const PASSWORD = 'pass';
const progress = (text: string): void => { process.stderr.write(`bench: ${text}\n`); };

/** The node's `muc` section: rooms open on first join, persistent, every message archived (unless --muc-no-archive), no flood limit. */
function benchMucConfig(sizes: MucSizes): Record<string, unknown> {
  return {
    lockNewRooms: false, roomsPersistentByDefault: true, defaultMaxOccupants: 1000, maxOccupantsLimit: 1000,
    floodMessagesPerSecond: 0, archiveMessages: sizes.isArchived,
  };
}

/** How the node keeps messages, for the report's headings. */
function archiveWords(sizes: MucSizes): string {
  return sizes.isArchived ? 'every message archived before it is broadcast' : 'archive off (--muc-no-archive): messages are not stored';
}

/** Which source the node was built from: the commit, and whether src/ had uncommitted changes then. */
async function sourceLine(): Promise<string> {
  const head = await runCommand('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO, timeoutMs: 10_000 }).catch(() => undefined);
  const changed = await runCommand('git', ['status', '--porcelain', '--', 'src'], { cwd: REPO, timeoutMs: 10_000 }).catch(() => undefined);
  if (head?.code !== 0 || changed?.code !== 0) return 'Source: not a git checkout';
  const files = changed.stdout.split('\n').filter((line) => line.trim() !== '').length;
  return `Source: commit ${head.stdout.trim()}${files > 0 ? `, with uncommitted changes to ${files} file(s) under src/ (built as they were)` : ', src/ clean'}`;
}

const usersFor = (sizes: MucSizes): number => Math.max(...sizes.cases.map((c) => c.rooms * c.occupants));

async function startNode(options: BenchOptions, database: BenchPostgres, users: number): Promise<ParleyNode> {
  progress(`Parley: fresh node on PostgreSQL 127.0.0.1:${database.server.port} (fsync and synchronous_commit on), ${users} accounts imported`);
  return ParleyNode.start({
    domain: DOMAIN, users, password: PASSWORD, scramIterations: options.scramIterations, cpuProfile: options.cpuProfile,
    storage: database.storage, muc: benchMucConfig(options.muc), logLevel: options.logLevel,
  }, options.keep);
}

export async function runMucSuite(options: BenchOptions, emit: (line: string) => void): Promise<boolean> {
  return options.hasPeers ? runMucPeers(options, emit) : runMucOwn(options, emit);
}

// ---------------------------------------------------------------------------------------------
// The own load generator on Parley.

async function runMucOwn(options: BenchOptions, emit: (line: string) => void): Promise<boolean> {
  const sizes = options.muc;
  const users = usersFor(sizes);
  const machineBefore = machineLine();
  const source = await sourceLine();
  const database = await startBenchPostgres();
  const node = await startNode(options, database, users);
  const context = { label: 'parley', target: `127.0.0.1:${node.port}`, domain: DOMAIN, tls: 'starttls', mech: 'SCRAM-SHA-1', storage: 'postgres (durable)', archiving: true };
  const record = (row: object): void => emit(JSON.stringify({ ts: new Date().toISOString(), ...context, ...row }));
  const results: MucResult[] = [];
  let sessions: Session[] = [];
  let loginFailed = 0;
  try {
    progress(`muc: ${users} users log in (SCRAM-SHA-1, ${sizes.concurrency} in flight; not measured)`);
    await waitForQuiet(node.pid, 30_000);
    const login = await runLogins({
      target: { host: '127.0.0.1', port: node.port, domain: DOMAIN }, serverPid: node.pid, mechanism: 'SCRAM-SHA-1', first: 1, count: users,
      concurrency: sizes.concurrency, password: PASSWORD, resource: 'bench', cache: new SaltedPasswordCache(), timeoutMs: 30_000,
    });
    record(login.row);
    loginFailed = login.row.failed;
    const index = (session: Session): number => Number(/^user(\d+)@/.exec(session.jid)?.[1] ?? 0);
    sessions = login.sessions.sort((a, b) => index(a) - index(b));
    if (loginFailed > 0) throw new Error(`${loginFailed} logins failed: ${JSON.stringify(login.row.errors)}`);
    for (const size of sizes.cases) {
      const result = await runMuc({
        ...size, sessions, serverPid: node.pid, databaseCpuS: database.cpuS, mucDomain: MUC_DOMAIN,
        sendersPerRoom: sizes.sendersPerRoom, joinConcurrency: sizes.joinConcurrency, msgs: sizes.msgs, deliveriesPerS: sizes.deliveriesPerS,
        burstMsgs: sizes.burstMsgs, progress,
        countArchived: sizes.isArchived ? async (prefix) => {
          const rows = await database.query<{ n: string }>('SELECT count(*) AS n FROM tc_msgarchive WHERE body_string LIKE $1', [`${prefix}%`]);
          return Number(rows[0]?.n ?? 0);
        } : undefined,
      });
      results.push(result);
      for (const row of [result.join, result.lastJoin, ...result.runs]) record(row);
      if (result.error !== undefined) progress(`muc ${size.rooms} × ${size.occupants}: ${result.error}`);
    }
  } finally {
    await closeAll(sessions);
    // Leaving occupants cost the rooms presence and writes: let them finish before the node stops.
    await waitForIdle(node.pid, 60_000);
    await node.stop();
  }
  const warnings = node.logWarnings();
  if (warnings.length > 0) progress(`Parley logged ${warnings.length} warning/error lines:\n${ParleyNode.briefly(warnings).join('\n')}`);
  // The fixed-rate runs alone say what one delivery costs; the whole lifetime adds logins and joins.
  const paced = results.flatMap((result) => result.runs.filter((row) => row.rate_per_sender > 0));
  const pacedCpuS = paced.reduce((sum, row) => sum + (row.server_cpu_s ?? 0), 0);
  const profiles = node.profiles().flatMap((file) => [
    profileTables(summarizeProfile(file, 15, paced.map((row) => row.monotonic_us)), pacedCpuS, `the fixed-rate fan-out runs only, ${paced.reduce((sum, row) => sum + row.wall_s, 0).toFixed(0)} s`),
    profileTables(summarizeProfile(file), node.cpuAtStopS),
  ]);
  await node.dispose(options.keep);
  await database.stop();

  const title = `## MUC fan-out and joins${options.isQuick ? ' (quick)' : ''} — Parley, STARTTLS required, SCRAM-SHA-1, SCRAM storage (${options.scramIterations} iterations), RSA 2048; PostgreSQL storage with durable commits, ${archiveWords(sizes)}`;
  process.stdout.write(`\n${[title, '', machineBefore, `${machineLine()} (after)`, source, '',
    `Rooms unlocked on first join, persistent, ${sizes.isArchived ? 'archived' : 'not archived'} (\`muc: ${JSON.stringify(benchMucConfig(sizes))}\`); ${sizes.sendersPerRoom} sender(s) per room; joins ask for no history.`, '',
    '### Joins', '', joinTable(results), '',
    '### Fan-out', '', fanOutTable(results), ...notes(results, loginFailed, warnings),
    ...profiles.flatMap((tables) => ['', '### Where the Parley node\'s CPU went', '', tables])].join('\n')}\n`);
  return loginFailed === 0 && warnings.length === 0 && results.every((result) => result.error === undefined && result.lastJoin.ok
    && result.runs.every((row) => row.lost === 0 && row.dup === 0 && row.misrouted === 0 && row.bounced === 0 && (row.archived === null || row.archived === row.sent)));
}

const fixed = (value: number | null | undefined, digits = 1): string => (value === null || value === undefined ? '-' : value.toFixed(digits));
const share = (part: number | null, wall: number): string => (part === null ? '-' : `${Math.round((100 * part) / wall)}`);
const perUnit = (cpuS: number | null, count: number, scale: number, digits: number): string => (cpuS === null || count === 0 ? '-' : ((scale * cpuS) / count).toFixed(digits));

function joinTable(results: readonly MucResult[]): string {
  const lines = [
    '| rooms × occupants | joins (in flight) | all joins s | joins/s | join → self-presence p50 / p99 ms | join → subject p50 / p99 ms | failed | rooms created (201) / archived (170) | server CPU ms/join | PostgreSQL CPU ms/join | last occupant alone: → self-presence / → subject ms (presences before self) |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const { join: row, lastJoin } of results) {
    const last = lastJoin.ok ? `${fixed(lastJoin.self_presence_ms)} / ${fixed(lastJoin.subject_ms)} (${lastJoin.presences} of ${lastJoin.present})` : `failed: ${lastJoin.error ?? ''}`;
    lines.push(`| ${row.rooms} × ${row.occupants} | ${row.joins} (${row.concurrency}) | ${fixed(row.join_s)} | ${fixed(row.joins / row.join_s, 0)} | ${fixed(row.join_lat_ms?.p50)} / ${fixed(row.join_lat_ms?.p99)} | ${fixed(row.join_subject_ms?.p50)} / ${fixed(row.join_subject_ms?.p99)} | ${row.failed} | ${row.rooms_created} / ${row.rooms_archived} of ${row.rooms} | ${perUnit(row.server_cpu_s, row.joins, 1e3, 2)} | ${perUnit(row.db_cpu_s, row.joins, 1e3, 2)} | ${last} |`);
  }
  return lines.join('\n');
}

function fanOutTable(results: readonly MucResult[]): string {
  const lines = [
    '| rooms × occupants | msgs per sender @ rate | offered deliveries/s | delivered/s | p50 / p90 / p99 / max ms | delivered | lost | dup | misrouted | bounced | archived | server CPU µs/delivery | + PostgreSQL µs/delivery | server CPU % of a core | loader CPU % | other CPU % |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const { runs } of results) {
    for (const row of runs) {
      const lat = row.lat_ms;
      lines.push(`| ${row.rooms} × ${row.occupants} | ${row.msgs_per_sender} @ ${row.rate_per_sender > 0 ? `${row.rate_per_sender}/s` : 'once'} | ${row.offered_per_s > 0 ? row.offered_per_s : 'burst'} | ${fixed(row.delivered_per_s, 0)} | ${fixed(lat?.p50)} / ${fixed(lat?.p90)} / ${fixed(lat?.p99)} / ${fixed(lat?.max)} | ${row.delivered} of ${row.expected} | ${row.lost} | ${row.dup} | ${row.misrouted} | ${row.bounced} | ${row.archived ?? '-'} of ${row.sent} | ${perUnit(row.server_cpu_s, row.delivered, 1e6, 1)} | ${perUnit(row.db_cpu_s, row.delivered, 1e6, 1)} | ${share(row.server_cpu_s, row.wall_s)} | ${share(row.loader_cpu_s, row.wall_s)} | ${share(row.other_cpu_s, row.wall_s)} |`);
    }
  }
  return lines.join('\n');
}

function notes(results: readonly MucResult[], loginFailed: number, warnings: readonly string[]): string[] {
  const lines: string[] = [];
  if (loginFailed > 0) lines.push(`- ${loginFailed} logins failed`);
  for (const result of results) {
    const size = `${result.join.rooms} × ${result.join.occupants}`;
    if (result.error !== undefined) lines.push(`- ${size}: stopped early: ${result.error}`);
    if (result.join.failed > 0) lines.push(`- ${size}: join errors: ${JSON.stringify(result.join.errors)}`);
    for (const row of result.runs) {
      if (row.archived !== null && row.archived !== row.sent) lines.push(`- ${size}: ${row.archived} of ${row.sent} messages in the archive`);
    }
  }
  for (const line of ParleyNode.briefly(warnings)) lines.push(`- the node logged ${line}`);
  return lines.length > 0 ? ['', '### Notes', '', ...lines] : [];
}

// ---------------------------------------------------------------------------------------------
// --peers: the shared harness against Parley, Prosody and ejabberd.

interface PeerServer {
  label: string;
  start(): Promise<{ target: HarnessTarget; stop: () => Promise<void>; databaseCpuS?: () => number; register: boolean }>;
}

async function runMucPeers(options: BenchOptions, emit: (line: string) => void): Promise<boolean> {
  const harness = findHarness();
  if (harness === undefined) throw new Error('--peers needs the shared harness: set PARLEY_PEER_BENCH to its directory (default /work/shared/bench)');
  if (!(await BenchProsody.isInstalled()) || !(await BenchEjabberd.isInstalled())) {
    throw new Error('--scenario muc --peers needs Prosody and ejabberd: apt-get install -y --no-install-recommends prosody ejabberd lua-unbound (see the harness README for keeping their system services off)');
  }
  const sizes = options.muc;
  const users = usersFor(sizes);
  const work = await mkdtemp(join(tmpdir(), 'parley-bench-muc-peers-'));
  onCleanup(() => rm(work, { recursive: true, force: true }));
  const results = join(work, 'results.jsonl');
  const rows: HarnessMucRow[] = [];
  const machineBefore = machineLine();
  const source = await sourceLine();
  const warnings: string[] = [];
  const servers: PeerServer[] = [
    {
      label: 'parley',
      start: async () => {
        const database = await startBenchPostgres();
        const node = await startNode({ ...options, cpuProfile: false }, database, users);
        return {
          target: { label: 'parley', port: node.port, serverPid: node.pid, scramCache: join(work, 'scram-parley.json') }, databaseCpuS: database.cpuS, register: false,
          stop: async () => {
            // Leaving occupants cost the rooms presence and writes: let them finish before the node stops.
            await waitForIdle(node.pid, 60_000);
            await node.stop();
            const logged = node.logWarnings();
            if (logged.length > 0) progress(`Parley logged ${logged.length} warning/error lines:\n${ParleyNode.briefly(logged).join('\n')}`);
            warnings.push(...logged);
            await node.dispose(options.keep);
            await database.stop();
          },
        };
      },
    },
    {
      label: 'prosody',
      start: async () => {
        const prosody = await BenchProsody.start(harness);
        return { target: { label: 'prosody', port: prosody.port, serverPid: await prosody.pid(), scramCache: join(work, 'scram-prosody.json') }, register: true, stop: () => prosody.stop() };
      },
    },
    {
      label: 'ejabberd',
      start: async () => {
        const ejabberd = await BenchEjabberd.start(harness);
        return { target: { label: 'ejabberd', port: ejabberd.port, serverPid: await ejabberd.pid(), scramCache: join(work, 'scram-ejabberd.json') }, register: true, stop: () => ejabberd.stop() };
      },
    },
  ];
  let isClean = true;
  for (const server of servers) {
    progress(`${server.label}: fresh start`);
    const started = await server.start();
    try {
      isClean = (await measurePeer(harness, started, sizes, users, (lines) => {
        for (const line of lines) {
          emit(line);
          appendFileSync(results, `${line}\n`);
          const row = JSON.parse(line) as HarnessMucRow;
          if (row.scenario === 'muc') rows.push(row);
        }
      })) && isClean;
    } finally {
      await started.stop();
    }
  }
  process.stdout.write(`\n${[
    `## MUC fan-out side by side${options.isQuick ? ' (quick)' : ''} — shared harness (xmpp-bench.mjs muc), STARTTLS required, SCRAM-SHA-1, SCRAM-hashed storage, RSA 2048`, '',
    machineBefore, `${machineLine()} (after)`, source, '',
    `Parley: PostgreSQL storage with durable commits, rooms persistent, ${archiveWords(sizes)} (\`muc: ${JSON.stringify(benchMucConfig(sizes))}\`). Prosody 0.12 (its default Nagle) and ejabberd from the shared harness (TLS=1 HASHED=1): temporary rooms, no archive. ${sizes.sendersPerRoom} sender(s) per room; the harness logs in every occupant and joins them ${sizes.joinConcurrency} at a time before each run (Parley's *other CPU* includes its PostgreSQL).`, '',
    peerTable(rows), ...(warnings.length > 0 ? ['', '### Notes', '', ...ParleyNode.briefly(warnings).map((line) => `- Parley logged ${line}`)] : []),
  ].join('\n')}\n`);
  process.stdout.write(await summarize(harness, [results]));
  return isClean && warnings.length === 0;
}

interface HarnessMucRow {
  scenario: string;
  label: string;
  rooms: number;
  occupants: number;
  senders_per_room: number;
  msgs_per_sender: number;
  rate_per_sender: number;
  expected: number;
  delivered: number;
  lost: number;
  dup: number;
  delivered_per_s: number;
  lat_ms: { p50: number; p99: number } | null;
  join_s: number;
  join_lat_ms: { p50: number; p99: number } | null;
  joins_failed: number;
  logins_failed: number;
  server_cpu_s: number | null;
  loader_cpu_s: number;
  wall_s: number;
  other_cpu_s: number | null;
  /** Added here: PostgreSQL CPU over the whole harness invocation (logins and joins included). */
  db_cpu_s_invocation?: number;
}

async function measurePeer(harness: Harness, started: Awaited<ReturnType<PeerServer['start']>>, sizes: MucSizes, users: number, record: (lines: readonly string[]) => void): Promise<boolean> {
  const { target } = started;
  if (started.register) record(await runHarness(harness, target, ['--scenarios', 'register', '--clients', String(users)]));
  // Fills the harness's SaltedPassword cache, so that the measured runs do no PBKDF2 in the loader.
  await runHarness(harness, { ...target, label: `${target.label}-prime` }, ['--scenarios', 'login', '--clients', String(users), '--concurrency', String(sizes.concurrency)]);
  let isClean = true;
  for (const size of sizes.cases) {
    const senders = size.rooms * Math.min(sizes.sendersPerRoom, size.occupants);
    const rate = sizes.deliveriesPerS / (senders * size.occupants);
    for (const [msgs, perSender] of [[sizes.msgs, rate], ...(sizes.burstMsgs > 0 ? [[sizes.burstMsgs, 0]] : [])] as [number, number][]) {
      // The previous run's clients leaving cost the rooms presence (and Parley writes): let that finish.
      await waitForIdle(target.serverPid, 60_000);
      const db0 = started.databaseCpuS?.();
      const lines = await runHarness(harness, target, ['--scenarios', 'muc', '--muc', MUC_DOMAIN, '--rooms', String(size.rooms), '--occupants', String(size.occupants),
        '--senders', String(sizes.sendersPerRoom), '--msgs', String(msgs), '--rate', String(perSender), '--concurrency', String(sizes.concurrency),
        '--join-concurrency', String(sizes.joinConcurrency), '--drain', '10', '--drain-max', '60']);
      const db1 = started.databaseCpuS?.();
      const withDb = db0 === undefined || db1 === undefined ? lines : lines.map((line) => JSON.stringify({ ...(JSON.parse(line) as object), db_cpu_s_invocation: Math.round((db1 - db0) * 100) / 100 }));
      record(withDb);
      isClean = withDb.length > 0 && withDb.every((line) => {
        const row = JSON.parse(line) as Partial<HarnessMucRow>;
        return (row.lost ?? 0) === 0 && (row.joins_failed ?? 0) === 0 && (row.logins_failed ?? 0) === 0;
      }) && isClean;
    }
  }
  return isClean;
}

function peerTable(rows: readonly HarnessMucRow[]): string {
  const lines = [
    '| rooms × occupants | msgs per sender @ rate | server | delivered/s | p50 / p99 ms | delivered | lost | dup | server CPU µs/delivery | PostgreSQL CPU µs/delivery (whole invocation) | server CPU % of a core | joins s (all) | join p50 / p99 ms | loader CPU % | other CPU % |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  const key = (row: HarnessMucRow): string => `${row.rooms} × ${row.occupants} | ${row.msgs_per_sender} @ ${row.rate_per_sender > 0 ? `${row.rate_per_sender}/s` : 'once'}`;
  for (const k of [...new Set(rows.map(key))]) {
    for (const row of rows.filter((candidate) => key(candidate) === k)) {
      const db = row.db_cpu_s_invocation === undefined ? '-' : perUnit(row.db_cpu_s_invocation, row.delivered, 1e6, 1);
      lines.push(`| ${k} | ${row.label} | ${fixed(row.delivered_per_s, 0)} | ${fixed(row.lat_ms?.p50)} / ${fixed(row.lat_ms?.p99)} | ${row.delivered} of ${row.expected} | ${row.lost} | ${row.dup} | ${perUnit(row.server_cpu_s, row.delivered, 1e6, 1)} | ${db} | ${share(row.server_cpu_s, row.wall_s)} | ${fixed(row.join_s)} | ${fixed(row.join_lat_ms?.p50)} / ${fixed(row.join_lat_ms?.p99)} | ${share(row.loader_cpu_s, row.wall_s)} | ${share(row.other_cpu_s, row.wall_s)} |`);
    }
  }
  return lines.join('\n');
}
