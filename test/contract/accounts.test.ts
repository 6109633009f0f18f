// The storage contract for accounts (DESIGN §5, STYLE 8): one suite, run on every database.
// Oracle and SQL Server run when their URLs are set, and are pending otherwise.
import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import pino, { type Logger } from 'pino';
import type { StorageConfig } from '../../src/config/schema.js';
import { CLUSTER_MIGRATIONS } from '../../src/persistence/migrations/index.js';
import { openStorage } from '../../src/persistence/open-storage.js';
import { type AccountCredentials, AccountExistsError, type RosterItem, type ScramCredential, type Storage } from '../../src/persistence/ports.js';
import { StorageError } from '../../src/persistence/storage-error.js';
import { type ContractTarget, embeddedTarget, externalTargets, PASSWORD_SENTINEL, postgresTarget } from './targets.js';

const MIGRATION_NAMES = CLUSTER_MIGRATIONS.migrations.map((migration) => migration.name);

const CONTACT: RosterItem = { jid: 'contact@elsewhere.example', groups: ['Friends'], subscription: 'both', pendingOut: false, pendingIn: false, preApproved: false, isListed: true };

describe('storage contract: accounts', function () {
  this.timeout(30_000);
  accountStoreContract(embeddedTarget());
  accountStoreContract(postgresTarget());

  for (const { kind, variable, target } of externalTargets()) {
    if (target !== undefined) accountStoreContract(target);
    else describe(`on ${kind === 'oracle' ? 'Oracle' : 'SQL Server'}`, () => it(`runs when ${variable} is set (a throwaway database)`));
  }
});

function accountStoreContract(target: ContractTarget): void {
  describe(`on ${target.name}`, () => {
    const log = capturedLog();
    let config: StorageConfig;
    let storage: Storage;

    before(async () => {
      config = await target.start();
      storage = await openStorage(config, log.logger);
    });
    after(async () => {
      await storage.close();
      await target.stop();
    });

    it('returns an account exactly as created: every byte, the iterations and the creation time', async () => {
      const credentials = randomCredentials();
      const before = Date.now();
      await storage.accounts.create('alice', 'round-trip.example', credentials);
      const account = await storage.accounts.get('alice', 'round-trip.example');
      expect(account?.username).to.equal('alice');
      expect(account?.domain).to.equal('round-trip.example');
      expectSameCredentials(account?.credentials, credentials);
      expect(account?.createdAt).to.be.instanceOf(Date);
      expect(account?.createdAt.getTime()).to.be.within(before - 5000, Date.now() + 5000);
    });

    it('answers undefined for an account that does not exist', async () => {
      expect(await storage.accounts.get('nobody', 'round-trip.example')).to.equal(undefined);
    });

    it('tells whether an account exists, and that a deleted one does not', async () => {
      await storage.accounts.create('erin', 'exists.example', randomCredentials());
      expect(await storage.accounts.exists('erin', 'exists.example')).to.equal(true);
      expect(await storage.accounts.exists('erin', 'other.example')).to.equal(false);
      expect(await storage.accounts.exists('nobody', 'exists.example')).to.equal(false);
      await storage.accounts.delete('erin', 'exists.example');
      expect(await storage.accounts.exists('erin', 'exists.example')).to.equal(false);
    });

    it('refuses a second account with the same username and domain, keeping the first', async () => {
      const first = randomCredentials();
      await storage.accounts.create('bob', 'duplicate.example', first);
      const refusal = await storage.accounts.create('bob', 'duplicate.example', randomCredentials()).then(() => undefined, (error: unknown) => error);
      expect(refusal).to.be.instanceOf(AccountExistsError);
      expect(refusal).to.include({ username: 'bob', domain: 'duplicate.example' });
      expectSameCredentials((await storage.accounts.get('bob', 'duplicate.example'))?.credentials, first);
    });

    it('replaces the credentials of an existing account only', async () => {
      await storage.accounts.create('carol', 'credentials.example', randomCredentials());
      const replacement = randomCredentials();
      expect(await storage.accounts.setCredentials('carol', 'credentials.example', replacement)).to.equal(true);
      expectSameCredentials((await storage.accounts.get('carol', 'credentials.example'))?.credentials, replacement);
      expect(await storage.accounts.setCredentials('nobody', 'credentials.example', replacement)).to.equal(false);
      expect(await storage.accounts.get('nobody', 'credentials.example')).to.equal(undefined);
    });

    it('deletes an account once', async () => {
      await storage.accounts.create('dave', 'delete.example', randomCredentials());
      expect(await storage.accounts.delete('dave', 'delete.example')).to.equal(true);
      expect(await storage.accounts.get('dave', 'delete.example')).to.equal(undefined);
      expect(await storage.accounts.delete('dave', 'delete.example')).to.equal(false);
      await storage.accounts.create('dave', 'delete.example', randomCredentials());
      expect(await storage.accounts.count('delete.example')).to.equal(1);
    });

    it('deletes an account with everything stored for it, and nothing of another account', async () => {
      for (const username of ['ivan', 'judy']) {
        await storage.accounts.create(username, 'delete-all.example', randomCredentials());
        await fillEveryStore(storage, username, 'delete-all.example');
      }
      expect(await storage.accounts.delete('ivan', 'delete-all.example')).to.equal(true);
      await expectNothingStored(storage, 'ivan', 'delete-all.example');

      expect(await storage.roster.get('judy', 'delete-all.example')).to.deep.equal({ version: 1, items: [CONTACT] });
      expect(await storage.offline.count('judy', 'delete-all.example')).to.equal(1);
      expect(await storage.vcards.get('judy', 'delete-all.example')).to.not.equal(undefined);
      expect(await storage.blocking.list('judy', 'delete-all.example')).to.deep.equal(['spam.example']);

      await storage.accounts.create('ivan', 'delete-all.example', randomCredentials());
      await expectNothingStored(storage, 'ivan', 'delete-all.example');
    });

    it('leaves nothing of a deleted account behind when writes for it race the deletion', async () => {
      await storage.accounts.create('kim', 'delete-race.example', randomCredentials());
      const writes = Array.from({ length: 3 }, () => fillEveryStore(storage, 'kim', 'delete-race.example'));
      const outcomes = await Promise.allSettled([...writes, storage.accounts.delete('kim', 'delete-race.example')]);
      expect(outcomes.at(-1)).to.deep.equal({ status: 'fulfilled', value: true });
      for (const outcome of outcomes) {
        if (outcome.status === 'rejected') expect(outcome.reason).to.be.instanceOf(StorageError);
      }
      await expectNothingStored(storage, 'kim', 'delete-race.example');
    });

    it('keeps the same username in two domains apart', async () => {
      const inFirst = randomCredentials();
      const inSecond = randomCredentials();
      await storage.accounts.create('erin', 'first.example', inFirst);
      await storage.accounts.create('erin', 'second.example', inSecond);
      await storage.accounts.create('frank', 'second.example', randomCredentials());
      expectSameCredentials((await storage.accounts.get('erin', 'first.example'))?.credentials, inFirst);
      expectSameCredentials((await storage.accounts.get('erin', 'second.example'))?.credentials, inSecond);
      expect(await storage.accounts.list('first.example')).to.deep.equal(['erin']);
      expect(await storage.accounts.count('second.example')).to.equal(2);
      expect(await storage.accounts.delete('erin', 'second.example')).to.equal(true);
      expect(await storage.accounts.get('erin', 'first.example')).to.not.equal(undefined);
      expect(await storage.accounts.count('first.example')).to.equal(1);
    });

    it('pages through 25 accounts in username order and counts them', async () => {
      const usernames = Array.from({ length: 25 }, (_, index) => `user${String(index).padStart(2, '0')}`);
      for (const username of [...usernames].reverse()) {
        await storage.accounts.create(username, 'paging.example', randomCredentials());
      }
      await storage.accounts.create('user99', 'other-paging.example', randomCredentials());
      const pages: string[][] = [];
      let afterUsername: string | undefined;
      for (;;) {
        const page = await storage.accounts.list('paging.example', { limit: 10, ...(afterUsername === undefined ? {} : { afterUsername }) });
        if (page.length === 0) break;
        pages.push(page);
        afterUsername = page.at(-1);
      }
      expect(pages.map((page) => page.length)).to.deep.equal([10, 10, 5]);
      expect(pages.flat()).to.deep.equal(usernames);
      expect(await storage.accounts.list('paging.example')).to.deep.equal(usernames);
      expect(await storage.accounts.count('paging.example')).to.equal(25);
    });

    it('answers an empty list and a zero count for a domain without accounts', async () => {
      expect(await storage.accounts.list('empty.example')).to.deep.equal([]);
      expect(await storage.accounts.count('empty.example')).to.equal(0);
    });

    it('rejects a page size it will not serve', async () => {
      for (const limit of [0, -1, 1.5, 1001]) {
        const refusal = await storage.accounts.list('paging.example', { limit }).then(() => undefined, (error: unknown) => error);
        expect(refusal, `limit ${limit}`).to.be.instanceOf(RangeError);
      }
    });

    it('keeps accounts across close and reopen, running each migration once', async () => {
      const credentials = randomCredentials();
      await storage.accounts.create('grace', 'reopen.example', credentials);
      await storage.close();
      expect(await target.appliedMigrations(config)).to.deep.equal(MIGRATION_NAMES);

      storage = await openStorage(config, log.logger);
      expectSameCredentials((await storage.accounts.get('grace', 'reopen.example'))?.credentials, credentials);
      await storage.close();
      expect(await target.appliedMigrations(config)).to.deep.equal(MIGRATION_NAMES);

      storage = await openStorage(config, log.logger);
      expect(await storage.accounts.count('reopen.example')).to.equal(1);
    });

    it('reports the database reachable', async () => {
      const health = await storage.checkHealth();
      expect(health.isReachable).to.equal(true);
      expect(health.lastError).to.equal(undefined);
      expect(health.checkedAt).to.be.instanceOf(Date);
    });

    if (target.createDatabase === undefined) {
      it('migrates a fresh database opened by two nodes at once (one process per embedded database)');
    } else {
      const { createDatabase } = target;
      it('migrates a fresh database opened by two nodes at once', async () => {
        const fresh = await createDatabase('parley_two_nodes');
        const nodes = await Promise.all([openStorage(fresh, log.logger), openStorage(fresh, log.logger)]);
        try {
          await nodes[0].accounts.create('heidi', 'two-nodes.example', randomCredentials());
          expect(await nodes[1].accounts.count('two-nodes.example')).to.equal(1);
        } finally {
          await Promise.all(nodes.map((node) => node.close()));
        }
        expect(await target.appliedMigrations(fresh)).to.deep.equal(MIGRATION_NAMES);
      });
    }

    if (target.loseServer === undefined) {
      it('reports the database unreachable once its server is gone (the embedded engine runs in this process)');
    } else {
      const { loseServer } = target;
      it('reports the database unreachable once its server is gone, without crashing', async () => {
        // Leave idle pooled connections behind, so the server's going away reaches them too.
        await Promise.all([storage.accounts.count('paging.example'), storage.accounts.count('reopen.example')]);
        const changes: boolean[] = [];
        storage.onHealthChange((health) => changes.push(health.isReachable));
        expect(storage.health().isReachable).to.equal(true);
        await loseServer();
        // The heartbeat (every 500 ms here) notices by itself and says so once.
        const deadline = Date.now() + 10_000;
        while (changes.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
        expect(changes).to.deep.equal([false]);
        expect(storage.health().isReachable).to.equal(false);
        expect(log.text()).to.include('database unreachable');
        await new Promise((resolve) => setTimeout(resolve, 200));

        const started = Date.now();
        const health = await storage.checkHealth();
        expect(health.isReachable).to.equal(false);
        expect(health.lastError).to.be.a('string').and.not.equal('');
        expect(Date.now() - started).to.be.below(10_000);

        const failure = await storage.accounts.get('alice', 'round-trip.example').then(() => undefined, (error: unknown) => error);
        expect(failure).to.be.instanceOf(StorageError);
        expect((failure as StorageError).message).to.include('accounts.get alice@round-trip.example');
        expect((await storage.checkHealth()).isReachable).to.equal(false);
      });
    }

    it('never writes the database password to the log', () => {
      expect(log.text()).to.include('storage opened');
      expect(log.text()).to.not.include(PASSWORD_SENTINEL);
    });
  });
}

async function fillEveryStore(storage: Storage, username: string, domain: string): Promise<void> {
  await storage.roster.putItem(username, domain, CONTACT);
  await storage.offline.store(username, domain, '<message xmlns="jabber:client"><body>hi</body></message>', 10);
  await storage.vcards.set(username, domain, '<vCard xmlns="vcard-temp"><FN>Someone</FN></vCard>');
  await storage.blocking.add(username, domain, ['spam.example']);
}

async function expectNothingStored(storage: Storage, username: string, domain: string): Promise<void> {
  expect(await storage.roster.get(username, domain), 'roster').to.deep.equal({ version: 0, items: [] });
  expect(await storage.offline.count(username, domain), 'offline messages').to.equal(0);
  expect(await storage.vcards.get(username, domain), 'vCard').to.equal(undefined);
  expect(await storage.blocking.list(username, domain), 'blocklist').to.deep.equal([]);
}

function capturedLog(): { logger: Logger; text(): string } {
  const lines: string[] = [];
  return {
    logger: pino({ level: 'debug' }, { write: (line: string) => lines.push(line) }),
    text: () => lines.join(''),
  };
}

function randomCredentials(): AccountCredentials {
  return { 'SHA-1': randomCredential(20, 4096), 'SHA-256': randomCredential(32, 10_000) };
}

/** Salts start with 0x00 and end with 0xff, the bytes a text round-trip would mangle first. */
function randomCredential(keyLength: number, iterations: number): ScramCredential {
  return {
    iterations,
    salt: Buffer.concat([Buffer.from([0x00]), randomBytes(14), Buffer.from([0xff])]),
    storedKey: randomBytes(keyLength),
    serverKey: randomBytes(keyLength),
  };
}

function expectSameCredentials(actual: AccountCredentials | undefined, expected: AccountCredentials): void {
  expect(actual, 'credentials').to.not.equal(undefined);
  for (const hash of ['SHA-1', 'SHA-256'] as const) {
    const credential = actual?.[hash];
    expect(credential?.iterations, `${hash} iterations`).to.equal(expected[hash].iterations);
    for (const field of ['salt', 'storedKey', 'serverKey'] as const) {
      expect(Buffer.isBuffer(credential?.[field]), `${hash} ${field} is a Buffer`).to.equal(true);
      expect(credential?.[field].equals(expected[hash][field]), `${hash} ${field}`).to.equal(true);
    }
  }
}
