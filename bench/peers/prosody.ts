// A benchmark Prosody in secure mode (TLS=1 HASHED=1: STARTTLS required, SCRAM-SHA-1 keys with
// 10,000 iterations, RSA 2048 self-signed cert), started and stopped by the harness's scripts.
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { assertNotStopping, freePort, onCleanup, runCommand } from '../processes.js';
import type { Harness } from './harness.js';

export class BenchProsody {
  private constructor(private readonly harness: Harness, readonly rundir: string, readonly port: number) {}

  /** The PID start-prosody.sh recorded: Prosody itself (setpriv execs it). */
  async pid(): Promise<number> {
    return Number((await readFile(join(this.rundir, 'server.pid'), 'utf8')).trim());
  }

  static async isInstalled(): Promise<boolean> {
    const found = await runCommand('sh', ['-c', 'command -v prosody'], { timeoutMs: 10_000 });
    return found.code === 0;
  }

  static async start(harness: Harness): Promise<BenchProsody> {
    assertNotStopping();
    // Prosody drops to its own user, which must reach the run dir: not under a private temp dir.
    const rundir = `/tmp/parley-bench-prosody-${process.pid}`;
    // start-prosody.sh also opens direct TLS on port + 1.
    const port = await freePort([1]);
    const prosody = new BenchProsody(harness, rundir, port);
    // Registered first, so that a signal during the start still stops it.
    onCleanup(() => prosody.stop());
    const started = await runCommand(join(harness.dir, 'start-prosody.sh'), [], { timeoutMs: 120_000, env: prosody.env() });
    process.stderr.write(`bench: ${started.stdout.trim()}\n`);
    if (started.code !== 0) throw new Error(`start-prosody.sh failed: ${started.stdout}${started.stderr}`);
    return prosody;
  }

  /** stop-prosody.sh kills only the PID it recorded; then the run dir goes. Safe to repeat. */
  async stop(): Promise<void> {
    await runCommand(join(this.harness.dir, 'stop-prosody.sh'), [], { timeoutMs: 30_000, env: this.env() });
    await rm(this.rundir, { recursive: true, force: true });
  }

  private env(): NodeJS.ProcessEnv {
    return { ...process.env, TLS: '1', HASHED: '1', FRESH: '1', PROSODY_RUNDIR: this.rundir, PROSODY_PORT: String(this.port), BENCH_DOMAIN: 'localhost' };
  }
}
