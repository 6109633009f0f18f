// A throwaway PostgreSQL server for tests: fresh cluster in a temp dir, trust auth, 127.0.0.1 on
// an ephemeral port. Dies with the test process (parent-death signal), even on a crash.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface ThrowawayPostgres {
  host: string;
  port: number;
  user: string;
  database: string;
  /** Stops the server and removes its directory; safe to call twice. */
  stop(): Promise<void>;
  /** Shuts the server down (fast shutdown: clients cut off, data kept), as an outage would. */
  interrupt(): Promise<void>;
  /** Starts the interrupted server again on the same port and data. */
  resume(): Promise<void>;
}

const HOST = '127.0.0.1';
const USER = 'parley';
const DATABASE = 'parley_test';
const SERVER_USER = 'postgres';
const POSTGRES_ROOT = '/usr/lib/postgresql';
const READY_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 10_000;
const START_ATTEMPTS = 3;

export interface PostgresOptions {
  /** Keep fsync and synchronous commit on, as a production server runs (benchmarks of commits). */
  isDurable?: boolean;
}

export async function startPostgres(options: PostgresOptions = {}): Promise<ThrowawayPostgres> {
  const bin = newestPostgresBin();
  const dir = mkdtempSync(join(tmpdir(), 'parley-pg-'));
  const dataDir = join(dir, 'data');
  const asServerUser = serverUserPrefix();
  if (process.getuid?.() === 0) chownSync(dir, Number(idOf('-u')), Number(idOf('-g')));
  try {
    run(asServerUser, join(bin, 'initdb'), ['-D', dataDir, '-U', USER, '-A', 'trust', '-E', 'UTF8', '--no-sync', '--no-instructions']);
    for (let attempt = 1; ; attempt += 1) {
      const port = await freePort();
      const server = spawnServer(asServerUser, join(bin, 'postgres'), dataDir, dir, port, options);
      try {
        await waitUntilReady(server, port);
        await createDatabase(port);
        let current = server;
        return {
          host: HOST, port, user: USER, database: DATABASE,
          stop: stopper(() => current.child, dir),
          interrupt: () => stopServer(current.child),
          resume: async () => {
            current = spawnServer(asServerUser, join(bin, 'postgres'), dataDir, dir, port, options);
            await waitUntilReady(current, port);
          },
        };
      } catch (failure) {
        await stopServer(server.child);
        // Another process may have taken the port between probing and binding it.
        if (attempt === START_ATTEMPTS) throw new Error(`PostgreSQL did not start on ${HOST}:${port}: ${String(failure)}\n${server.stderr()}`);
      }
    }
  } catch (failure) {
    rmSync(dir, { recursive: true, force: true });
    throw failure;
  }
}

/** The bin directory of the highest PostgreSQL version installed (Debian layout). */
function newestPostgresBin(): string {
  const versions = !existsSync(POSTGRES_ROOT) ? [] : readdirSync(POSTGRES_ROOT).filter((name) => /^\d+$/.test(name)).sort((a, b) => Number(b) - Number(a));
  const newest = versions[0];
  if (newest === undefined) throw new Error(`no PostgreSQL under ${POSTGRES_ROOT}; run scripts/ensure-test-deps.sh`);
  return join(POSTGRES_ROOT, newest, 'bin');
}

/**
 * initdb and postgres refuse to run as root, so as root they run as Debian's `postgres` user.
 * Either way setpriv asks the kernel to send SIGINT (fast shutdown) when the test process dies.
 */
function serverUserPrefix(): string[] {
  const dropRoot = process.getuid?.() === 0 ? ['--reuid', SERVER_USER, '--regid', SERVER_USER, '--init-groups'] : [];
  return ['setpriv', ...dropRoot, '--pdeathsig', 'INT', '--'];
}

function idOf(flag: '-u' | '-g'): string {
  return execFileSync('id', [flag, SERVER_USER], { encoding: 'utf8' }).trim();
}

function run(prefix: string[], command: string, args: string[]): void {
  const [program = command, ...rest] = prefix;
  try {
    execFileSync(program, [...rest, command, ...args], { stdio: 'pipe' });
  } catch (failure) {
    const stderr = typeof failure === 'object' && failure !== null && 'stderr' in failure ? String(failure.stderr) : '';
    throw new Error(`${command} failed: ${stderr || String(failure)}`);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, HOST, () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

interface RunningServer {
  child: ChildProcess;
  stderr(): string;
}

function spawnServer(prefix: string[], postgres: string, dataDir: string, socketDir: string, port: number, options: PostgresOptions): RunningServer {
  const [program = postgres, ...rest] = prefix;
  // A test cluster: durability buys nothing and costs seconds; a benchmark of commits needs it.
  const durability = options.isDurable === true ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'];
  const child = spawn(program, [...rest, postgres, '-D', dataDir, '-h', HOST, '-p', String(port), '-k', socketDir, ...durability],
    { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  return { child, stderr: () => stderr };
}

async function waitUntilReady(server: RunningServer, port: number): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (server.child.exitCode !== null || server.child.signalCode !== null) throw new Error('postgres exited');
    const client = new pg.Client({ host: HOST, port, user: USER, database: 'postgres' });
    client.on('error', () => undefined);
    try {
      await client.connect();
      return;
    } catch (failure) {
      if (Date.now() > deadline) throw failure;
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

async function createDatabase(port: number): Promise<void> {
  const client = new pg.Client({ host: HOST, port, user: USER, database: 'postgres' });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }
}

function stopper(child: () => ChildProcess, dir: string): () => Promise<void> {
  // A test process that exits without calling stop() (an uncaught error) still takes the
  // server down: SIGQUIT is PostgreSQL's immediate shutdown, the only kind 'exit' can wait for.
  const onExit = () => {
    child().kill('SIGQUIT');
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', onExit);
  return async () => {
    process.off('exit', onExit);
    await stopServer(child());
    rmSync(dir, { recursive: true, force: true });
  };
}

/** Fast shutdown (SIGINT: disconnect clients, checkpoint), then SIGKILL if it hangs. */
async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGINT');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}
