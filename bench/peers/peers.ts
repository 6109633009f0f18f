// --peers: the shared harness, same sizes and same mode (STARTTLS + SCRAM-SHA-1 against SCRAM
// storage, RSA 2048), against a fresh Parley node and then a fresh Prosody, in one run.
import { appendFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchOptions } from '../options.js';
import { ParleyNode } from '../parley-node.js';
import { onCleanup } from '../processes.js';
import { machineLine } from '../report.js';
import { findHarness, runHarness, summarize, type Harness, type HarnessTarget } from './harness.js';
import { BenchProsody } from './prosody.js';

const progress = (text: string): void => { process.stderr.write(`bench: ${text}\n`); };

export async function runPeers(options: BenchOptions, emit: (line: string) => void): Promise<boolean> {
  const harness = findHarness();
  if (harness === undefined) throw new Error('--peers needs the shared harness: set PARLEY_PEER_BENCH to its directory (default /work/shared/bench)');
  if (!(await BenchProsody.isInstalled())) {
    throw new Error('--peers needs Prosody: apt-get install -y --no-install-recommends prosody lua-unbound (see the harness README for keeping its system service off)');
  }
  const work = await mkdtemp(join(tmpdir(), 'parley-bench-peers-'));
  onCleanup(() => rm(work, { recursive: true, force: true }));
  const results = join(work, 'results.jsonl');
  const record = (lines: readonly string[]): void => {
    for (const line of lines) {
      emit(line);
      appendFileSync(results, `${line}\n`);
    }
  };
  const users = Math.max(options.sizes.clients, 2 * options.sizes.pairs);
  const machineBefore = machineLine();

  progress(`Parley: fresh node, ${users} accounts imported`);
  const node = await ParleyNode.start({ domain: 'localhost', users, password: 'pass', scramIterations: options.scramIterations, cpuProfile: false }, options.keep);
  let isClean = await measure(harness, { label: 'parley', port: node.port, serverPid: node.pid, scramCache: join(work, 'scram-parley.json') }, options, users, record);
  await node.dispose(options.keep);

  progress(`Prosody: fresh start (TLS=1 HASHED=1), ${users} accounts registered in-band`);
  const prosody = await BenchProsody.start(harness);
  const target: HarnessTarget = { label: 'prosody', port: prosody.port, serverPid: await prosody.pid(), scramCache: join(work, 'scram-prosody.json') };
  record(await runHarness(harness, target, ['--scenarios', 'register', '--clients', String(users)]));
  isClean = (await measure(harness, target, options, users, record)) && isClean;
  await prosody.stop();

  process.stdout.write(`\n## Parley and Prosody 0.12 side by side (shared harness, STARTTLS + SCRAM-SHA-1, SCRAM-hashed storage, RSA 2048, Prosody with its default Nagle)\n\n${machineBefore}\n${machineLine()} (after)\n`);
  process.stdout.write(await summarize(harness, [results]));
  return isClean;
}

/** The harness's login and pm scenarios at the bench sizes, after an unrecorded login that fills its SaltedPassword cache. */
async function measure(harness: Harness, target: HarnessTarget, options: BenchOptions, users: number, record: (lines: readonly string[]) => void): Promise<boolean> {
  const { sizes } = options;
  await runHarness(harness, { ...target, label: `${target.label}-prime` }, ['--scenarios', 'login', '--clients', String(users), '--concurrency', String(sizes.concurrency)]);
  const runs = [
    ['--scenarios', 'login,mem', '--clients', String(sizes.clients), '--concurrency', String(sizes.concurrency)],
    ['--scenarios', 'pm', '--pairs', String(sizes.pairs), '--pm-msgs', String(sizes.msgs), '--pm-rate', String(sizes.rate), '--concurrency', String(sizes.concurrency)],
    ...(sizes.burstMsgs > 0 ? [['--scenarios', 'pm', '--pairs', String(sizes.pairs), '--pm-msgs', String(sizes.burstMsgs), '--pm-rate', '0', '--concurrency', String(sizes.concurrency)]] : []),
  ];
  let isClean = true;
  for (const args of runs) {
    const lines = await runHarness(harness, target, args);
    record(lines);
    isClean = lines.every((line) => {
      const row = JSON.parse(line) as { failed?: number; lost?: number };
      return (row.failed ?? 0) === 0 && (row.lost ?? 0) === 0;
    }) && lines.length > 0 && isClean;
  }
  return isClean;
}
