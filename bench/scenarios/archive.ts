// Archive inserts per second against a real PostgreSQL server with durable commits (fsync and
// synchronous_commit on): group commit (many messages, one transaction) beside one transaction
// per message, in the same run. Each message resolves only once committed, as a room waits
// before broadcasting.
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { openTextConferenceDatabase } from '../../src/persistence/open-storage.js';
import type { ArchivedMessage, Fence, TextConferenceDatabase } from '../../src/persistence/ports.js';
import { startPostgres, type ThrowawayPostgres } from '../../test/helpers/postgres.js';
import { Latencies, type LatencySummary } from '../measure.js';
import { onCleanup } from '../processes.js';

export interface ArchiveRunOptions {
  /** Rooms writing at once, each appending its messages one after the other. */
  rooms: number;
  messagesPerRoom: number;
}

export interface ArchiveRunResult {
  mode: 'group-commit' | 'one-per-message';
  rooms: number;
  messages: number;
  seconds: number;
  perSecond: number;
  commitLatencyMs: LatencySummary | null;
}

const ALIAS = 'conference-bench.example';
const BODY = 'x'.repeat(120);

function message(room: number, id: number): ArchivedMessage {
  return {
    id, stanzaId: `r${room}-${id}`, nickJid: `room${room}@${ALIAS}/user${id % 10}`, fromJid: `user${id % 10}@example/bench`,
    sentAt: new Date(), type: 'groupchat', body: BODY,
    stanza: `<message type="groupchat" from="room${room}@${ALIAS}/user${id % 10}"><body>${BODY}</body></message>`,
  };
}

async function measure(database: TextConferenceDatabase, mode: ArchiveRunResult['mode'], options: ArchiveRunOptions): Promise<ArchiveRunResult> {
  const tc = database.textConference;
  const lease = await tc.leases.acquire(`${mode}.${ALIAS}`, 'bench', 600_000);
  if (lease === undefined) throw new Error('no lease');
  const fence: Fence = { alias: lease.alias, node: 'bench', epoch: lease.epoch };
  const rooms = await Promise.all(Array.from({ length: options.rooms }, (_, index) => tc.rooms.create({
    roomJid: `room${index}@${mode}.${ALIAS}`, alias: lease.alias, creatorJid: 'bench@example', type: 'persistent', config: '{}', formatVersion: 1, subject: '',
  }, fence)));
  const latencies = new Latencies();
  const started = performance.now();
  await Promise.all(rooms.map(async (room, index) => {
    for (let id = 1; id <= options.messagesPerRoom; id += 1) {
      const sent = performance.now();
      await tc.archive.append(room.id, room.roomJid, message(index, id), fence);
      latencies.add(performance.now() - sent);
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  const messages = options.rooms * options.messagesPerRoom;
  const stored = await Promise.all(rooms.map((room) => tc.archive.lastId(room.id)));
  if (stored.some((last) => last !== options.messagesPerRoom)) throw new Error(`${mode}: the archive lacks messages (${stored.join(', ')})`);
  return { mode, rooms: options.rooms, messages, seconds: Math.round(seconds * 100) / 100, perSecond: Math.round(messages / seconds), commitLatencyMs: latencies.summary() };
}

/** Both modes on one durable PostgreSQL server, one after the other. */
export async function runArchiveBench(options: ArchiveRunOptions): Promise<ArchiveRunResult[]> {
  const server: ThrowawayPostgres = await startPostgres({ isDurable: true });
  onCleanup(() => server.stop());
  const log = pino({ level: 'warn' });
  const results: ArchiveRunResult[] = [];
  try {
    for (const [mode, maxBatch] of [['group-commit', 500], ['one-per-message', 1]] as const) {
      const database = await openTextConferenceDatabase({
        type: 'postgres', host: server.host, port: server.port, database: server.database, user: server.user, password: '',
        poolMin: 0, poolMax: 10, connectTimeoutMs: 5000, statementTimeoutMs: 30_000, heartbeatIntervalMs: 0,
      }, log, { maxBatch, rowsPerInsert: 100 });
      try {
        results.push(await measure(database, mode, options));
      } finally {
        await database.close();
      }
    }
  } finally {
    await server.stop();
  }
  return results;
}
