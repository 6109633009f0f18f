// A benchmark ejabberd in secure mode (TLS=1 HASHED=1: STARTTLS required, SCRAM-SHA-1 keys
// (4096 iterations, its default), RSA 2048 self-signed cert), started and stopped by the harness's
// scripts, on free loopback ports (c2s, direct TLS on c2s + 1, Erlang distribution).
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { assertNotStopping, freePort, onCleanup, runCommand } from '../processes.js';
import type { Harness } from './harness.js';

export class BenchEjabberd {
  private constructor(private readonly harness: Harness, readonly rundir: string, readonly port: number, private readonly distPort: number) {}

  /** The beam PID start-ejabberd.sh recorded. */
  async pid(): Promise<number> {
    return Number((await readFile(join(this.rundir, 'server.pid'), 'utf8')).trim());
  }

  static async isInstalled(): Promise<boolean> {
    const found = await runCommand('sh', ['-c', 'command -v ejabberdctl'], { timeoutMs: 10_000 });
    return found.code === 0;
  }

  static async start(harness: Harness): Promise<BenchEjabberd> {
    assertNotStopping();
    // ejabberd runs as its own user, which must reach the run dir: not under a private temp dir.
    const rundir = `/tmp/parley-bench-ejabberd-${process.pid}`;
    const port = await freePort([1]);
    const distPort = await freePort();
    const ejabberd = new BenchEjabberd(harness, rundir, port, distPort);
    // Registered first, so that a signal during the start still stops it.
    onCleanup(() => ejabberd.stop());
    const started = await runCommand(join(harness.dir, 'start-ejabberd.sh'), [], { timeoutMs: 180_000, env: ejabberd.env() });
    process.stderr.write(`bench: ${started.stdout.trim().split('\n').slice(-1).join('')}\n`);
    if (started.code !== 0) throw new Error(`start-ejabberd.sh failed: ${started.stdout}${started.stderr}`);
    return ejabberd;
  }

  /** stop-ejabberd.sh stops only the beam PID it recorded; then the run dir goes. Safe to repeat. */
  async stop(): Promise<void> {
    await runCommand(join(this.harness.dir, 'stop-ejabberd.sh'), [], { timeoutMs: 60_000, env: this.env() });
    await rm(this.rundir, { recursive: true, force: true });
  }

  private env(): NodeJS.ProcessEnv {
    return {
      ...process.env, TLS: '1', HASHED: '1', FRESH: '1', SCRAM_HASH: 'sha', EJABBERD_RUNDIR: this.rundir,
      EJABBERD_PORT: String(this.port), EJABBERD_DISTPORT: String(this.distPort), BENCH_DOMAIN: 'localhost',
    };
  }
}
