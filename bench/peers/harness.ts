// The shared side-by-side harness (xmpp-bench.mjs and its scripts, outside this repository):
// where it is, and one run of it against one server in secure mode, as in its README.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { waitForQuiet } from '../measure.js';
import { runCommand } from '../processes.js';

export interface Harness {
  dir: string;
}

export interface HarnessTarget {
  label: string;
  port: number;
  /** For the server CPU and RSS columns. */
  serverPid: number;
  scramCache: string;
}

const DEFAULT_DIR = '/work/shared/bench';
const RUN_TIMEOUT_MS = 700_000;
const QUIET_WAIT_MS = 30_000;

export function findHarness(): Harness | undefined {
  const dir = process.env.PARLEY_PEER_BENCH ?? DEFAULT_DIR;
  const needed = ['xmpp-bench.mjs', 'summarize.mjs', 'start-prosody.sh', 'stop-prosody.sh'];
  return needed.every((file) => existsSync(join(dir, file))) ? { dir } : undefined;
}

/** One xmpp-bench.mjs invocation; returns its JSON lines (its stderr goes to ours). */
export async function runHarness(harness: Harness, target: HarnessTarget, args: readonly string[]): Promise<string[]> {
  const common = ['--host', '127.0.0.1', '--port', String(target.port), '--domain', 'localhost', '--user', 'user%d', '--password', 'pass',
    '--label', target.label, '--pid', String(target.serverPid), '--tls', 'starttls', '--mech', 'SCRAM-SHA-1', '--scram-cache', target.scramCache, '--max-seconds', '600'];
  await waitForQuiet(target.serverPid, QUIET_WAIT_MS);
  process.stderr.write(`bench: + xmpp-bench.mjs --label ${target.label} ${args.join(' ')}\n`);
  const result = await runCommand(process.execPath, [join(harness.dir, 'xmpp-bench.mjs'), ...common, ...args], { timeoutMs: RUN_TIMEOUT_MS, echoStderr: true });
  if (result.code !== 0) process.stderr.write(`bench: xmpp-bench.mjs exited with ${String(result.code)}\n`);
  return result.stdout.split('\n').filter((line) => line.startsWith('{'));
}

/** summarize.mjs over result files: markdown tables, servers side by side. */
export async function summarize(harness: Harness, files: readonly string[]): Promise<string> {
  const result = await runCommand(process.execPath, [join(harness.dir, 'summarize.mjs'), ...files], { timeoutMs: 60_000 });
  return result.stdout;
}
