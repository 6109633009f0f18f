// The own suite: a fresh Parley node, login runs (SCRAM-SHA-1 and -256, SaltedPassword cache
// cold then warm, then unloaded), then 1:1 chat between pairs at a fixed rate and in a burst.
import type { Target } from './client/connection.js';
import type { Session } from './client/login.js';
import { SaltedPasswordCache, type ScramMechanism } from './client/scram.js';
import { summarizeProfile } from './cpu-profile.js';
import { waitForQuiet } from './measure.js';
import type { BenchOptions } from './options.js';
import { ParleyNode } from './parley-node.js';
import { archiveTable, chatTable, jsonLine, loginTable, machineLine, profileTables, type RunContext } from './report.js';
import { runArchiveBench } from './scenarios/archive.js';
import { runChat, type ChatRow } from './scenarios/chat.js';
import { closeAll, runLogins, type LoginRow } from './scenarios/logins.js';
import type { ArchiveRunResult } from './scenarios/archive.js';

const DOMAIN = 'localhost';
const PASSWORD = 'pass';
const LOGIN_TIMEOUT_MS = 30_000;
const QUIET_WAIT_MS = 30_000;
const progress = (text: string): void => { process.stderr.write(`bench: ${text}\n`); };

/** Runs the suite; resolves false when a login failed or a message went missing. */
export async function runSuite(options: BenchOptions, emit: (line: string) => void): Promise<boolean> {
  const { sizes } = options;
  const users = Math.max(sizes.clients, 2 * sizes.pairs, sizes.unloadedLogins);
  progress(`starting a Parley node with ${users} accounts (SCRAM, ${options.scramIterations} iterations)`);
  const node = await ParleyNode.start({ domain: DOMAIN, users, password: PASSWORD, scramIterations: options.scramIterations, cpuProfile: options.cpuProfile }, options.keep);
  const target: Target = { host: '127.0.0.1', port: node.port, domain: DOMAIN };
  const context: RunContext = { label: 'parley', target: `127.0.0.1:${node.port}`, domain: DOMAIN };
  const machine = machineLine();
  const cache = new SaltedPasswordCache();
  const logins: LoginRow[] = [];
  const chats: ChatRow[] = [];
  /** Rows for the login table; the chat sessions' own login goes to the JSON lines only. */
  const login = async (mechanism: ScramMechanism, count: number, concurrency: number, isTabled = true): Promise<Session[]> => {
    await waitForQuiet(node.pid, QUIET_WAIT_MS);
    const { row, sessions } = await runLogins({ target, serverPid: node.pid, mechanism, first: 1, count, concurrency, password: PASSWORD, resource: 'bench', cache, timeoutMs: LOGIN_TIMEOUT_MS });
    if (Object.keys(row.errors).length > 0) progress(`login errors: ${JSON.stringify(row.errors)}`);
    if (isTabled) logins.push(row);
    emit(jsonLine({ ...context, label: row.scram_cache === 'cold' ? 'parley-cold' : 'parley' }, row, mechanism));
    return sessions;
  };

  for (const mechanism of ['SCRAM-SHA-1', 'SCRAM-SHA-256'] as const) {
    for (const pass of ['cold', 'warm']) {
      progress(`${sizes.clients} logins, ${sizes.concurrency} in flight, ${mechanism}, SaltedPassword cache ${pass}`);
      await closeAll(await login(mechanism, sizes.clients, sizes.concurrency));
    }
  }
  progress(`${sizes.unloadedLogins} logins one at a time`);
  await closeAll(await login('SCRAM-SHA-1', sizes.unloadedLogins, 1));

  progress(`chat: ${sizes.pairs} pairs log in`);
  const sessions = await login('SCRAM-SHA-1', 2 * sizes.pairs, sizes.concurrency, false);
  const phases = [{ msgs: sizes.msgs, rate: sizes.rate }, ...(sizes.burstMsgs > 0 ? [{ msgs: sizes.burstMsgs, rate: 0 }] : [])];
  for (const phase of phases) {
    progress(`chat: ${phase.msgs} messages per sender ${phase.rate > 0 ? `at ${phase.rate}/s` : 'at once'}`);
    await waitForQuiet(node.pid, QUIET_WAIT_MS);
    const row = await runChat({ sessions, ...phase, serverPid: node.pid, drainQuietMs: 10_000, drainMaxMs: 60_000 });
    chats.push(row);
    emit(jsonLine(context, row, 'SCRAM-SHA-1'));
  }
  await closeAll(sessions);
  await node.stop();
  const archive = await runArchive(options, emit);

  const sections = [`## Parley ${options.isQuick ? '(quick) ' : ''}— STARTTLS required, SCRAM credentials (${options.scramIterations} iterations), RSA 2048 self-signed cert`, '',
    machine, '', '### Logins', '', loginTable(logins), '', '### 1:1 chat (SCRAM-SHA-1 sessions, to full JIDs)', '', chatTable(chats)];
  sections.push('', '### Archive inserts (persistent chat, durable PostgreSQL, each message resolved when committed)', '', archiveTable(archive));
  for (const file of node.profiles()) sections.push('', '### Where the node\'s CPU went', '', profileTables(summarizeProfile(file), node.cpuAtStopS));
  process.stdout.write(`\n${sections.join('\n')}\n`);
  return logins.every((row) => row.failed === 0) && chats.every((row) => row.lost === 0 && row.dup === 0 && row.misrouted === 0);
}

/** Archive inserts with group commit and with one transaction per message, on one durable PostgreSQL server. */
export async function runArchive(options: BenchOptions, emit: (line: string) => void): Promise<ArchiveRunResult[]> {
  progress(`archive: ${options.archive.rooms} rooms × ${options.archive.messagesPerRoom} messages, group commit then one transaction per message`);
  const results = await runArchiveBench(options.archive);
  for (const result of results) emit(JSON.stringify({ ts: new Date().toISOString(), scenario: 'archive', ...result }));
  return results;
}
