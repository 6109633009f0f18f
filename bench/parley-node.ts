// A throwaway Parley node for one bench run: temp dir, loopback-only config, accounts
// user1..userN imported before start (the embedded database admits one process at a time).
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync, readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { processCpuS } from './measure.js';
import { assertNotStopping, freePort, onCleanup, runCommand, waitForPort } from './processes.js';

export const REPO = resolve(fileURLToPath(import.meta.url), '../..');
const MAIN = join(REPO, 'dist/main.js');
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

export interface ParleyNodeOptions {
  domain: string;
  users: number;
  password: string;
  scramIterations: number;
  /** Runs the node under --cpu-prof; the profile is written when it stops. */
  cpuProfile: boolean;
  /** The node's database (config `storage`); default: the embedded one in the temp dir. */
  storage?: Record<string, unknown>;
  /** Config section `muc` (XEP-0045 service), merged over the defaults. */
  muc?: Record<string, unknown>;
  /** Log level (default warn). */
  logLevel?: string;
}

export class ParleyNode {
  /** CPU seconds the node had used when it was asked to stop. */
  cpuAtStopS: number | null = null;
  private child: ChildProcess | undefined;
  private exited = false;
  private exit: Promise<void> = Promise.resolve();

  private constructor(readonly dir: string, readonly port: number) {}

  /** The node's process, whose CPU and memory the runs measure. */
  get pid(): number {
    return this.child?.pid ?? 0;
  }

  /** Starts a node; the bench's cleanups stop it and remove its temp dir (unless `keep`). */
  static async start(options: ParleyNodeOptions, keep: boolean): Promise<ParleyNode> {
    assertNotStopping();
    const node = new ParleyNode(await mkdtemp(join(tmpdir(), 'parley-bench-')), await freePort());
    onCleanup(() => node.dispose(keep));
    const config = await node.configure(options);
    const imported = await runCommand(process.execPath, [MAIN, 'user', 'import', join(node.dir, 'users.txt'), '--config', config], { cwd: node.dir, timeoutMs: 600_000 });
    if (imported.code !== 0) throw new Error(`user import failed: ${imported.stderr || imported.stdout}`);
    const log = openSync(join(node.dir, 'node.log'), 'a');
    const profile = options.cpuProfile ? ['--cpu-prof', `--cpu-prof-dir=${join(node.dir, 'profile')}`] : [];
    const child = spawn(process.execPath, [...profile, MAIN, 'start', '--config', config], { cwd: node.dir, stdio: ['ignore', log, log] });
    closeSync(log);
    node.child = child;
    node.exit = new Promise((resolveExit) => child.once('exit', () => {
      node.exited = true;
      resolveExit();
    }));
    try {
      await waitForPort(node.port, START_TIMEOUT_MS, () => node.exited);
    } catch (error) {
      throw new Error(`${error instanceof Error ? error.message : String(error)}\n${node.logTail()}`);
    }
    return node;
  }

  /** Writes the config and the accounts file; returns the config's path. */
  private async configure(options: ParleyNodeOptions): Promise<string> {
    const config = join(this.dir, 'parley.yaml');
    // JSON is YAML too; only the options the bench needs differ from the defaults.
    await writeFile(config, JSON.stringify({
      domain: options.domain,
      dataDir: join(this.dir, 'data'),
      listen: { host: '127.0.0.1', c2sPort: this.port, c2sDirectTlsPort: null, httpPort: null, httpsPort: null },
      storage: options.storage ?? { type: 'embedded', path: join(this.dir, 'db') },
      auth: { scramIterations: options.scramIterations },
      log: { level: options.logLevel ?? 'warn' },
      ...(options.muc === undefined ? {} : { muc: options.muc }),
    }, null, 2));
    const lines = Array.from({ length: options.users }, (_, i) => `user${i + 1}@${options.domain} ${options.password}\n`);
    await writeFile(join(this.dir, 'users.txt'), lines.join(''));
    return config;
  }

  logTail(): string {
    return readFileSync(join(this.dir, 'node.log'), 'utf8').split('\n').slice(-20).join('\n');
  }

  /** Pino JSON lines at warn (40) and above, but the self-signed certificate the bench lets the node make. */
  logWarnings(): string[] {
    try {
      return readFileSync(join(this.dir, 'node.log'), 'utf8').split('\n')
        .filter((line) => /^\{"level":[4-9]\d/.test(line) && !line.includes('no TLS certificate configured'));
    } catch {
      return [];
    }
  }

  /** The warnings, one line per distinct message and error, with how often each came. */
  static briefly(lines: readonly string[]): string[] {
    const counts = new Map<string, number>();
    for (const line of lines) {
      let key = line.slice(0, 300);
      try {
        const entry = JSON.parse(line) as { level?: number; msg?: string; module?: string; err?: { message?: string } };
        key = `level ${entry.level ?? '?'} ${entry.module ?? ''}: ${entry.msg ?? ''}${entry.err?.message === undefined ? '' : ` (${entry.err.message})`}`;
      } catch {
        // not JSON: the line itself
      }
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return [...counts].map(([key, count]) => `${count} × ${key}`);
  }

  /** SIGTERM (a clean shutdown, which also writes the CPU profile), SIGKILL if that hangs. */
  async stop(): Promise<void> {
    const child = this.child;
    if (child === undefined || this.exited) return;
    this.cpuAtStopS = processCpuS(this.pid);
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await this.exit;
    clearTimeout(timer);
  }

  /** .cpuprofile files written by a node started with cpuProfile. */
  profiles(): string[] {
    try {
      return readdirSync(join(this.dir, 'profile')).filter((name) => name.endsWith('.cpuprofile')).map((name) => join(this.dir, 'profile', name));
    } catch {
      return [];
    }
  }

  async dispose(keep: boolean): Promise<void> {
    await this.stop();
    if (!keep) await rm(this.dir, { recursive: true, force: true });
  }
}
