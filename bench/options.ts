// Command-line options of `npm run bench`, with the default and --quick sizes.
import { parseArgs } from 'node:util';

export interface Sizes {
  /** Logins per login run, and how many are in flight. */
  clients: number;
  concurrency: number;
  /** Logins one at a time, for latency without queueing. */
  unloadedLogins: number;
  /** Chat: pairs, messages per sender at `rate` msg/s, then `burstMsgs` all at once (0 = skip). */
  pairs: number;
  msgs: number;
  rate: number;
  burstMsgs: number;
}

/** The presence scenario (--scenario presence): groups of contacts+1 users, each a full mesh of 'both' subscriptions. */
export interface PresenceSizes {
  groups: number;
  contacts: number;
  /** Logins in flight when every user logs in. */
  concurrency: number;
  /** Users who log out and in again one at a time, timed until all their contacts' presence is in. */
  relogins: number;
  /** Presence changes in all at `rate` changes/s, then `burst` all at once (0 = skip). */
  changes: number;
  rate: number;
  burst: number;
}

/** Archive inserts against a durable PostgreSQL: rooms writing at once, each message waiting for its commit. */
export interface ArchiveSizes {
  rooms: number;
  messagesPerRoom: number;
}

/** The MUC scenario (--scenario muc): room sizes, then one fixed-rate and one burst run in each. */
export interface MucSizes {
  /** Each case: `rooms` rooms of `occupants`, all filled and measured together. */
  cases: { rooms: number; occupants: number }[];
  sendersPerRoom: number;
  /** Messages per sender at the fixed rate, paced so that all rooms get `deliveriesPerS` together. */
  msgs: number;
  deliveriesPerS: number;
  /** Messages per sender sent all at once afterwards (0 = skip). */
  burstMsgs: number;
  /** Logins and room joins in flight. */
  concurrency: number;
  joinConcurrency: number;
  /** Every message archived (committed before broadcast); --muc-no-archive turns it off. */
  isArchived: boolean;
}

export interface BenchOptions {
  sizes: Sizes;
  presence: PresenceSizes;
  muc: MucSizes;
  /** 'suite': logins, 1:1 chat and archive inserts (or the shared harness with --peers); 'presence': presence broadcast; 'archive': archive inserts alone. */
  scenario: 'suite' | 'presence' | 'archive' | 'muc';
  archive: ArchiveSizes;
  isQuick: boolean;
  /** Node log level (--log-level, default warn). */
  logLevel: string;
  /** Compare with Prosody (and ejabberd for muc) through the shared harness instead of running the own suite. */
  hasPeers: boolean;
  cpuProfile: boolean;
  keep: boolean;
  out: string | undefined;
  maxSeconds: number;
  scramIterations: number;
}

const FULL: Sizes = { clients: 1000, concurrency: 100, unloadedLogins: 50, pairs: 500, msgs: 50, rate: 5, burstMsgs: 100 };
const QUICK: Sizes = { clients: 100, concurrency: 20, unloadedLogins: 10, pairs: 20, msgs: 20, rate: 10, burstMsgs: 20 };
const PRESENCE_FULL: PresenceSizes = { groups: 3, contacts: 100, concurrency: 50, relogins: 100, changes: 1500, rate: 50, burst: 303 };
const ARCHIVE_FULL: ArchiveSizes = { rooms: 200, messagesPerRoom: 50 };
const ARCHIVE_QUICK: ArchiveSizes = { rooms: 20, messagesPerRoom: 20 };
const MUC_FULL: MucSizes = {
  cases: [{ rooms: 100, occupants: 10 }, { rooms: 10, occupants: 100 }, { rooms: 2, occupants: 500 }],
  sendersPerRoom: 1, msgs: 50, deliveriesPerS: 5000, burstMsgs: 100, concurrency: 100, joinConcurrency: 50, isArchived: true,
};
const MUC_QUICK: MucSizes = {
  cases: [{ rooms: 50, occupants: 10 }, { rooms: 5, occupants: 100 }, { rooms: 1, occupants: 500 }],
  sendersPerRoom: 1, msgs: 20, deliveriesPerS: 5000, burstMsgs: 20, concurrency: 50, joinConcurrency: 50, isArchived: true,
};
const PRESENCE_QUICK: PresenceSizes = { groups: 1, contacts: 100, concurrency: 20, relogins: 20, changes: 200, rate: 20, burst: 101 };

export const USAGE = `usage: npm run bench -- [options]
  --quick             small sizes (${QUICK.clients} logins, ${QUICK.pairs} pairs), under a minute
  --peers             run the shared harness (xmpp-bench.mjs) against Parley and Prosody in
                      secure mode and summarize side by side; needs $PARLEY_PEER_BENCH or
                      /work/shared/bench, and prosody installed
  --scenario S        suite (default: logins, chat, archive inserts), presence (presence
                      broadcast to rosters of --contacts; with --peers also against Prosody,
                      side by side), archive (archive inserts alone) or muc (MUC fan-out and
                      joins on a node with durable PostgreSQL storage and archiving on; with
                      --peers the shared harness against Parley, Prosody and ejabberd)
  --archive-rooms N   rooms appending to the archive at once (${ARCHIVE_FULL.rooms})
  --archive-msgs N    messages each room appends, one after the other (${ARCHIVE_FULL.messagesPerRoom})
  --cpu-prof          profile the node (node --cpu-prof) and print where its CPU went
  --clients N         logins per login run (${FULL.clients})
  --concurrency N     logins in flight (${FULL.concurrency}; presence: ${PRESENCE_FULL.concurrency})
  --pairs N           chat pairs (${FULL.pairs})
  --msgs N            messages per sender at --rate (${FULL.msgs})
  --rate R            messages per second per sender (${FULL.rate})
  --burst-msgs N      messages per sender sent at once afterwards, 0 to skip (${FULL.burstMsgs})
presence scenario (--scenario presence; --quick: ${PRESENCE_QUICK.groups} group, ${PRESENCE_QUICK.changes} changes @ ${PRESENCE_QUICK.rate}/s):
  --groups N          groups of --contacts + 1 users, mutual subscriptions within a group (${PRESENCE_FULL.groups})
  --contacts N        contacts per user (${PRESENCE_FULL.contacts})
  --relogins N        users who log out and in again one at a time, timed (${PRESENCE_FULL.relogins})
  --presence-changes N  presence changes at --presence-rate, over all users (${PRESENCE_FULL.changes})
  --presence-rate R   presence changes per second, over all users (${PRESENCE_FULL.rate})
  --presence-burst N  presence changes sent at once afterwards, 0 to skip (${PRESENCE_FULL.burst}; default: one per user)
muc scenario (--scenario muc; --quick: ${MUC_QUICK.cases.map((c) => `${c.rooms}×${c.occupants}`).join(', ')}, ${MUC_QUICK.msgs} msgs, burst ${MUC_QUICK.burstMsgs}):
  --muc-cases LIST    rooms×occupants cases (${MUC_FULL.cases.map((c) => `${c.rooms}x${c.occupants}`).join(',')})
  --muc-senders N     senders per room (${MUC_FULL.sendersPerRoom})
  --muc-msgs N        messages per sender at the fixed rate (${MUC_FULL.msgs})
  --muc-deliveries R  deliveries per second offered over all rooms (${MUC_FULL.deliveriesPerS})
  --muc-burst N       messages per sender sent at once afterwards, 0 to skip (${MUC_FULL.burstMsgs})
  --join-concurrency N  room joins in flight (${MUC_FULL.joinConcurrency})
  --muc-no-archive    rooms do not archive messages (what the durable archive costs)
  --log-level L       the node's log level (warn)
  --iterations N      PBKDF2 iterations of the accounts' SCRAM credentials (10000, as Prosody)
  --out FILE          also append the JSON lines to FILE
  --keep              keep the temp dir (config, node.log, database, profile)
  --max-seconds S     hard stop for the whole run (1200; muc: 1800, muc --peers: 3600)
`;

export function parseOptions(argv: readonly string[]): BenchOptions | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      'help': { type: 'boolean', short: 'h' },
      'quick': { type: 'boolean' },
      'peers': { type: 'boolean' },
      'cpu-prof': { type: 'boolean' },
      'keep': { type: 'boolean' },
      'out': { type: 'string' },
      'clients': { type: 'string' },
      'concurrency': { type: 'string' },
      'pairs': { type: 'string' },
      'msgs': { type: 'string' },
      'rate': { type: 'string' },
      'burst-msgs': { type: 'string' },
      'iterations': { type: 'string' },
      'max-seconds': { type: 'string' },
      'scenario': { type: 'string' },
      'groups': { type: 'string' },
      'contacts': { type: 'string' },
      'relogins': { type: 'string' },
      'presence-changes': { type: 'string' },
      'presence-rate': { type: 'string' },
      'presence-burst': { type: 'string' },
      'archive-rooms': { type: 'string' },
      'archive-msgs': { type: 'string' },
      'muc-cases': { type: 'string' },
      'muc-senders': { type: 'string' },
      'muc-msgs': { type: 'string' },
      'muc-deliveries': { type: 'string' },
      'muc-burst': { type: 'string' },
      'join-concurrency': { type: 'string' },
      'muc-no-archive': { type: 'boolean' },
      'log-level': { type: 'string' },
    },
  });
  if (values.help === true) return 'help';
  const isQuick = values.quick === true;
  const base = isQuick ? QUICK : FULL;
  const number = (name: string, value: string | undefined, fallback: number, min: number): number => {
    if (value === undefined) return fallback;
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || parsed < min) throw new Error(`--${name}: a number >= ${min}, not ${value}`);
    return parsed;
  };
  const scenario = values.scenario ?? 'suite';
  if (scenario !== 'suite' && scenario !== 'presence' && scenario !== 'archive' && scenario !== 'muc') throw new Error(`--scenario: suite, presence, archive or muc, not ${scenario}`);
  const mucBase = isQuick ? MUC_QUICK : MUC_FULL;
  const cases = values['muc-cases'] === undefined ? mucBase.cases : values['muc-cases'].split(',').map((text) => {
    const match = /^(\d+)x(\d+)$/.exec(text.trim());
    if (match === null || Number(match[1]) < 1 || Number(match[2]) < 2) throw new Error(`--muc-cases: ROOMSxOCCUPANTS (at least 2 occupants), comma-separated, not ${text}`);
    return { rooms: Number(match[1]), occupants: Number(match[2]) };
  });
  const logLevel = values['log-level'] ?? 'warn';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace'].includes(logLevel)) throw new Error(`--log-level: fatal, error, warn, info, debug or trace, not ${logLevel}`);
  const hasPeers = values.peers === true;
  const defaultMaxSeconds = scenario === 'muc' ? (hasPeers ? 3600 : 1800) : 1200;
  const archiveBase = isQuick ? ARCHIVE_QUICK : ARCHIVE_FULL;
  const presenceBase = isQuick ? PRESENCE_QUICK : PRESENCE_FULL;
  const groups = number('groups', values.groups, presenceBase.groups, 1);
  const contacts = number('contacts', values.contacts, presenceBase.contacts, 1);
  return {
    scenario,
    archive: {
      rooms: number('archive-rooms', values['archive-rooms'], archiveBase.rooms, 1),
      messagesPerRoom: number('archive-msgs', values['archive-msgs'], archiveBase.messagesPerRoom, 1),
    },
    muc: {
      cases,
      sendersPerRoom: number('muc-senders', values['muc-senders'], mucBase.sendersPerRoom, 1),
      msgs: number('muc-msgs', values['muc-msgs'], mucBase.msgs, 1),
      deliveriesPerS: number('muc-deliveries', values['muc-deliveries'], mucBase.deliveriesPerS, 1),
      burstMsgs: number('muc-burst', values['muc-burst'], mucBase.burstMsgs, 0),
      concurrency: number('concurrency', values.concurrency, mucBase.concurrency, 1),
      joinConcurrency: number('join-concurrency', values['join-concurrency'], mucBase.joinConcurrency, 1),
      isArchived: values['muc-no-archive'] !== true,
    },
    logLevel,
    presence: {
      groups,
      contacts,
      concurrency: number('concurrency', values.concurrency, presenceBase.concurrency, 1),
      relogins: number('relogins', values.relogins, presenceBase.relogins, 0),
      changes: number('presence-changes', values['presence-changes'], presenceBase.changes, 1),
      rate: number('presence-rate', values['presence-rate'], presenceBase.rate, 1),
      burst: number('presence-burst', values['presence-burst'], groups * (contacts + 1), 0),
    },
    sizes: {
      clients: number('clients', values.clients, base.clients, 1),
      concurrency: number('concurrency', values.concurrency, base.concurrency, 1),
      unloadedLogins: base.unloadedLogins,
      pairs: number('pairs', values.pairs, base.pairs, 1),
      msgs: number('msgs', values.msgs, base.msgs, 1),
      rate: number('rate', values.rate, base.rate, 0),
      burstMsgs: number('burst-msgs', values['burst-msgs'], base.burstMsgs, 0),
    },
    isQuick,
    hasPeers,
    cpuProfile: values['cpu-prof'] === true,
    keep: values.keep === true,
    out: values.out,
    maxSeconds: number('max-seconds', values['max-seconds'], defaultMaxSeconds, 10),
    scramIterations: number('iterations', values.iterations, 10_000, 4096),
  };
}
