// PostgreSQL's fenced archive insert (one statement that locks the lease row FOR SHARE) while a
// takeover is in flight: the insert waits for the takeover's row lock, then finds the lease gone
// and inserts nothing, so no write of the old holder lands after the new one took over.
import { expect } from 'chai';
import pg from 'pg';
import pino from 'pino';
import { openStorage } from '../../src/persistence/open-storage.js';
import { StaleFenceError, type ArchivedMessage, type Fence } from '../../src/persistence/ports.js';
import { archivedMessage } from '../helpers/archived-message.js';
import { startPostgres, type ThrowawayPostgres } from '../helpers/postgres.js';
import { sleep } from '../helpers/wait.js';

const ALIAS = 'conference.example';
const ROOM = `takeover@${ALIAS}`;

const message = (id: number): ArchivedMessage => archivedMessage(ROOM, id);

describe('PostgreSQL: the fenced archive insert during a takeover', function () {
  this.timeout(60_000);
  let server: ThrowawayPostgres | undefined;

  after(async () => {
    await server?.stop();
  });

  it('an append that meets a takeover in flight waits for it, then is refused and inserts nothing', async () => {
    server = await startPostgres();
    const connection = { host: server.host, port: server.port, database: server.database, user: server.user };
    const storage = await openStorage({
      type: 'postgres', ...connection, password: '', poolMin: 0, poolMax: 4, connectTimeoutMs: 5000, statementTimeoutMs: 30_000, heartbeatIntervalMs: 0,
    }, pino({ level: 'silent' }));
    const takeover = new pg.Client(connection);
    try {
      const tc = storage.textConference;
      const lease = await tc.leases.acquire(ALIAS, 'node1', 600_000);
      if (lease === undefined) throw new Error('no lease');
      const fence: Fence = { alias: ALIAS, node: 'node1', epoch: lease.epoch };
      const room = await tc.rooms.create({
        roomJid: ROOM, alias: ALIAS, creatorJid: 'alice@example', type: 'persistent', config: '{}', formatVersion: 1, subject: '',
      }, fence);
      await tc.archive.append(room.id, ROOM, message(1), fence);

      // Another node takes the lease over in a transaction it has not committed yet.
      await takeover.connect();
      await takeover.query('BEGIN');
      await takeover.query("UPDATE tc_leases SET owner_node = 'node2', epoch = epoch + 1 WHERE alias = $1", [ALIAS]);
      let isSettled = false;
      const append = tc.archive.append(room.id, ROOM, message(2), fence).then(() => 'committed', (error: unknown) => error).finally(() => {
        isSettled = true;
      });
      await sleep(300);
      expect(isSettled, 'the append waits for the takeover\'s row lock').to.equal(false);
      await takeover.query('COMMIT');

      expect(await append).to.be.instanceOf(StaleFenceError);
      expect(await tc.archive.lastId(room.id)).to.equal(1);
    } finally {
      await takeover.end().catch(() => undefined);
      await storage.close();
    }
  });
});
