// Starts a real node in-process on ephemeral loopback ports, with its own temporary data
// directory and embedded database, and removes everything again.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { validateConfig } from '../../src/config/load.js';
import type { ParleyConfig } from '../../src/config/schema.js';
import { createLogger } from '../../src/logging.js';
import { startServer, type ParleyServer } from '../../src/server.js';
import { deriveCredentials } from '../../src/stream/sasl/index.js';
import { testPkiFiles } from './pki.js';
import { startPostgres, type ThrowawayPostgres } from './postgres.js';

export const DOMAIN = 'localhost';
export const PASSWORD = 'correct horse battery staple';

export interface TestServer {
  /** The running node (a new one after restart()). */
  readonly server: ParleyServer;
  config: ParleyConfig;
  dataDir: string;
  addUser(username: string, password?: string): Promise<void>;
  /** Stops the node and starts it again on the same data (the ports change). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** Where a test node keeps its data: the embedded default, or a throwaway PostgreSQL server. */
export type StorageKind = 'embedded' | 'postgres';
export const STORAGE_KINDS: readonly StorageKind[] = ['embedded', 'postgres'];

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

function pkiDir(): string {
  const dir = process.env.PARLEY_TEST_PKI;
  if (dir === undefined) throw new Error('PARLEY_TEST_PKI is not set: run the tests through scripts/test.sh (npm test)');
  return dir;
}

function merge(base: Record<string, unknown>, extra: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const current = out[key];
    out[key] = typeof value === 'object' && value !== null && !Array.isArray(value) && typeof current === 'object' && current !== null
      ? merge(current as Record<string, unknown>, value as Record<string, unknown>)
      : value;
  }
  return out;
}

export async function startTestServer(overrides: DeepPartial<ParleyConfig> = {}): Promise<TestServer> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'parley-test-'));
  const pki = testPkiFiles(pkiDir());
  const raw = merge({
    domain: DOMAIN,
    dataDir,
    listen: { host: '127.0.0.1', c2sPort: 0, c2sDirectTlsPort: 0, httpPort: 0, httpsPort: 0 },
    tls: { certFile: pki.certFile, keyFile: pki.keyFile },
    auth: { scramIterations: 4096 },
    storage: { type: 'embedded', path: path.join(dataDir, 'db') },
    log: { level: process.env.PARLEY_TEST_LOG_LEVEL ?? 'silent' },
  }, overrides);
  // Another kind of storage replaces the embedded one rather than merging with it.
  if (overrides.storage !== undefined) raw.storage = overrides.storage;
  const config = validateConfig(raw, 'test configuration', {});
  const log = createLogger(config.log.level, process.stderr);
  let server = await startServer(config, log);
  let stopped = false;
  return {
    get server() {
      return server;
    },
    config,
    dataDir,
    addUser: (username, password = PASSWORD) => server.storage.accounts.create(username, DOMAIN, deriveCredentials(password, 4096)),
    restart: async () => {
      await server.stop();
      server = await startServer(config, log);
    },
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Registers mocha hooks that start one node, with these accounts, before the enclosing suite and
 * stop it after; returns a getter for it.
 */
export function useTestServer(overrides: DeepPartial<ParleyConfig> = {}, accounts: readonly string[] = [], storage: StorageKind = 'embedded'): () => TestServer {
  let node: TestServer | undefined;
  let postgres: ThrowawayPostgres | undefined;
  before(async function () {
    if (storage === 'postgres') {
      this.timeout(60_000);
      postgres = await startPostgres();
      const { host, port, user, database } = postgres;
      overrides = { ...overrides, storage: { type: 'postgres', host, port, user, database } };
    }
    node = await startTestServer(overrides);
    for (const username of accounts) await node.addUser(username);
  });
  after(async () => {
    await node?.stop();
    await postgres?.stop();
  });
  return () => {
    if (node === undefined) throw new Error('the test server has not started');
    return node;
  };
}
