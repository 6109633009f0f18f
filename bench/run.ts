// `npm run bench`: Parley's own load test (logins/s, 1:1 messages/s, archive inserts/s) on a throwaway node, or
// with --peers the shared harness against Parley and Prosody side by side; --scenario presence
// measures presence broadcast to rosters (with --peers beside Prosody's), --scenario muc MUC fan-out
// and joins on durable PostgreSQL storage (with --peers beside Prosody's and ejabberd's). See bench/README.md.
import { appendFileSync } from 'node:fs';
import { parseOptions, USAGE } from './options.js';
import { runMucSuite } from './muc-suite.js';
import { runPeers } from './peers/peers.js';
import { runPresenceSuite } from './presence-suite.js';
import { runCleanups } from './processes.js';
import { archiveTable } from './report.js';
import { runArchive, runSuite } from './suite.js';

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  if (options === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  // Every run ends by itself, whatever hangs.
  setTimeout(() => {
    process.stderr.write(`bench: --max-seconds ${options.maxSeconds} reached, stopping\n`);
    void runCleanups().finally(() => process.exit(3));
  }, options.maxSeconds * 1000).unref();
  const emit = (line: string): void => {
    process.stdout.write(`${line}\n`);
    if (options.out !== undefined) appendFileSync(options.out, `${line}\n`);
  };
  if (options.scenario === 'archive') {
    process.stdout.write(`\n${archiveTable(await runArchive(options, emit))}\n`);
    return 0;
  }
  const isClean = options.scenario === 'muc' ? await runMucSuite(options, emit)
    : options.scenario === 'presence' ? await runPresenceSuite(options, emit)
    : options.hasPeers ? await runPeers(options, emit) : await runSuite(options, emit);
  return isClean ? 0 : 1;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void runCleanups().finally(() => process.exit(130)));
}
main().then(
  async (code) => {
    await runCleanups();
    process.exit(code);
  },
  async (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)} (--help lists the options)\n`);
    await runCleanups();
    process.exit(2);
  },
);
