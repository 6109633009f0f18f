// A PostgreSQL outage in the middle of archive traffic (issue: external databases): writes fail
// with a retryable StorageError while the server is away, the heartbeat reports it, the node
// carries on, and once the server is back writes succeed again and nothing committed is lost.
import { expect } from 'chai';
import pino from 'pino';
import { openStorage } from '../../src/persistence/open-storage.js';
import type { ArchivedMessage, Fence } from '../../src/persistence/ports.js';
import { StorageError } from '../../src/persistence/storage-error.js';
import { archivedMessage } from '../helpers/archived-message.js';
import { startPostgres, type ThrowawayPostgres } from '../helpers/postgres.js';
import { sleep, until } from '../helpers/wait.js';

const ROOM = 'outage@conference.example';
/** Reconnection takes a few heartbeats. */
const OUTAGE_WAIT_MS = 15_000;

const message = (id: number): ArchivedMessage => archivedMessage(ROOM, id);

describe('a PostgreSQL outage during archive traffic', function () {
  this.timeout(90_000);
  let server: ThrowawayPostgres | undefined;

  after(async () => {
    await server?.stop();
  });

  it('fails writes with a retryable error while the server is away, recovers, and loses nothing committed', async () => {
    server = await startPostgres();
    const storage = await openStorage({
      type: 'postgres', host: server.host, port: server.port, database: server.database, user: server.user, password: '',
      poolMin: 0, poolMax: 4, connectTimeoutMs: 1000, statementTimeoutMs: 5000, heartbeatIntervalMs: 200,
    }, pino({ level: 'silent' }));
    try {
      const tc = storage.textConference;
      const lease = await tc.leases.acquire('conference.example', 'node1', 600_000);
      if (lease === undefined) throw new Error('no lease');
      const fence: Fence = { alias: lease.alias, node: 'node1', epoch: lease.epoch };
      const room = await tc.rooms.create({
        roomJid: ROOM, alias: lease.alias, creatorJid: 'alice@example', type: 'persistent', config: '{}', formatVersion: 1, subject: '',
      }, fence);

      const committed = new Set<number>();
      const failures: unknown[] = [];
      let nextId = 1;
      let isRunning = true;
      const worker = async (): Promise<void> => {
        while (isRunning) {
          const id = nextId;
          nextId += 1;
          try {
            await tc.archive.append(room.id, ROOM, message(id), fence);
            committed.add(id);
          } catch (failure) {
            failures.push(failure);
            await sleep(50);
          }
        }
      };
      const workers = Array.from({ length: 4 }, () => worker());

      await until(() => committed.size >= 50, 'traffic before the outage', OUTAGE_WAIT_MS);
      await server.interrupt();
      await until(() => !storage.health().isReachable, 'the heartbeat to notice', OUTAGE_WAIT_MS);
      const failedBefore = failures.length;
      await until(() => failures.length > failedBefore + 3, 'writes to fail during the outage', OUTAGE_WAIT_MS);
      const committedDuringOutage = committed.size;

      await server.resume();
      await until(() => storage.health().isReachable, 'the heartbeat to see the server back', OUTAGE_WAIT_MS);
      await until(() => committed.size >= committedDuringOutage + 50, 'traffic after the outage', OUTAGE_WAIT_MS);
      isRunning = false;
      await Promise.all(workers);

      expect(failures.length).to.be.greaterThan(0);
      for (const failure of failures) {
        expect(failure).to.be.instanceOf(StorageError);
        expect((failure as StorageError).isRetryable, (failure as Error).message).to.equal(true);
      }
      const stored = await tc.archive.page(room.id, { limit: 100_000, from: 'oldest' });
      const storedIds = new Set(stored.messages.map((archived) => archived.id));
      for (const id of committed) expect(storedIds.has(id), `committed message ${id} is in the archive`).to.equal(true);
    } finally {
      await storage.close();
    }
  });
});
