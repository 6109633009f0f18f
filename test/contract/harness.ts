// The frame of the instant-messaging storage suites (STYLE 8): each suite runs on the embedded
// engine and on PostgreSQL, and on Oracle and SQL Server when their URLs are set (pending otherwise).
import pino from 'pino';
import type { StorageConfig } from '../../src/config/schema.js';
import { openStorage } from '../../src/persistence/open-storage.js';
import type { AccountCredentials, ScramCredential, Storage } from '../../src/persistence/ports.js';
import { type ContractTarget, embeddedTarget, externalTargets, postgresTarget } from './targets.js';

export interface StorageUnderTest {
  /** The open storage; a new object after reopen(). */
  readonly storage: Storage;
  /** Closes the storage and opens the same database again, as a restarted node would. */
  reopen(): Promise<void>;
  /** Creates an account: every store refuses to write for an account that does not exist. */
  createAccount(username: string, domain: string): Promise<void>;
}

export function describeStorageContract(concern: string, define: (subject: StorageUnderTest) => void): void {
  describe(`storage contract: ${concern}`, function () {
    this.timeout(30_000);
    onTarget(embeddedTarget(), define);
    onTarget(postgresTarget(), define);
    for (const { kind, variable, target } of externalTargets()) {
      if (target !== undefined) onTarget(target, define);
      else describe(`on ${kind === 'oracle' ? 'Oracle' : 'SQL Server'}`, () => it(`runs when ${variable} is set (a throwaway database)`));
    }
  });
}

/** Credentials nobody logs in with: these suites test what is stored beside the account. */
export const UNUSED_CREDENTIALS: AccountCredentials = {
  'SHA-1': unusedCredential(20),
  'SHA-256': unusedCredential(32),
};

function unusedCredential(keyLength: number): ScramCredential {
  return { iterations: 4096, salt: Buffer.alloc(16), storedKey: Buffer.alloc(keyLength), serverKey: Buffer.alloc(keyLength) };
}

function onTarget(target: ContractTarget, define: (subject: StorageUnderTest) => void): void {
  describe(`on ${target.name}`, () => {
    const log = pino({ level: 'silent' });
    let config: StorageConfig;
    let opened: Storage | undefined;
    const storage = (): Storage => {
      if (opened === undefined) throw new Error(`no storage open on ${target.name}`);
      return opened;
    };

    before(async () => {
      config = await target.start();
      opened = await openStorage(config, log);
    });
    after(async () => {
      await opened?.close();
      await target.stop();
    });

    define({
      get storage() {
        return storage();
      },
      async reopen() {
        await storage().close();
        opened = undefined;
        opened = await openStorage(config, log);
      },
      createAccount: (username, domain) => storage().accounts.create(username, domain, UNUSED_CREDENTIALS),
    });
  });
}
