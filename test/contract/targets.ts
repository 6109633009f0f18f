// The databases every storage contract suite runs against (STYLE 8): the embedded engine in a
// temp dir, and a throwaway PostgreSQL server from test/helpers/postgres.ts.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import knex, { type Knex } from 'knex';
import pg from 'pg';
import type { StorageConfig } from '../../src/config/schema.js';
import { type MssqlStorageConfig, mssqlKnexConfig } from '../../src/persistence/dialects/mssql.js';
import { type OracleStorageConfig, oracleKnexConfig } from '../../src/persistence/dialects/oracle.js';
import { MIGRATIONS_TABLE, TC_MIGRATIONS_TABLE } from '../../src/persistence/migrations/index.js';
import {
  ACCOUNTS, ACCOUNT_DATA_TABLES, EXTERNAL_DATABASES, EXTERNAL_DATABASE_ASSIGNMENTS,
  TC_LEASES, TC_MSGARCHIVE, TC_OCCUPANTS, TC_ROOMS, TC_TIMELOG, TC_USERS,
} from '../../src/persistence/tables.js';
import { startPostgres, type ThrowawayPostgres } from '../helpers/postgres.js';

/** Set as the PostgreSQL password (trust auth ignores it) so a test can look for it in the log. */
export const PASSWORD_SENTINEL = 'pw-sentinel-7c1e0a9d';

const APPLIED_MIGRATIONS = `select name from ${MIGRATIONS_TABLE} order by id`;

export interface ContractTarget {
  readonly name: string;
  /** Starts the database engine and returns the configuration of an empty database. */
  start(): Promise<StorageConfig>;
  /** Names in the migrations table, in order; read while no storage is open on `config`. */
  appliedMigrations(config: StorageConfig): Promise<string[]>;
  /** Another empty database on the same server, for nodes sharing one; absent in-process. */
  readonly createDatabase: ((name: string) => Promise<StorageConfig>) | undefined;
  /** Takes the database server away for good; absent for an in-process engine. */
  readonly loseServer: (() => Promise<void>) | undefined;
  /** Stops the engine and removes its files; safe to call after a failed start. */
  stop(): Promise<void>;
}

export function embeddedTarget(): ContractTarget {
  let directory: string | undefined;
  return {
    name: 'embedded (PGlite)',
    async start() {
      directory = await mkdtemp(join(tmpdir(), 'parley-embedded-'));
      // A path whose parents do not exist yet: opening must create them.
      return { type: 'embedded', path: join(directory, 'data', 'db') };
    },
    async appliedMigrations(config) {
      if (config.type !== 'embedded') throw new Error(`not an embedded configuration: ${config.type}`);
      const db = new PGlite(config.path);
      try {
        return (await db.query<{ name: string }>(APPLIED_MIGRATIONS)).rows.map((row) => row.name);
      } finally {
        await db.close();
      }
    },
    createDatabase: undefined,
    loseServer: undefined,
    async stop() {
      if (directory !== undefined) await rm(directory, { recursive: true, force: true });
    },
  };
}

export function postgresTarget(): ContractTarget {
  let server: ThrowawayPostgres | undefined;
  const running = (): ThrowawayPostgres => {
    if (server === undefined) throw new Error('the PostgreSQL target was not started');
    return server;
  };
  const configFor = (database: string): StorageConfig => ({
    type: 'postgres',
    host: running().host,
    port: running().port,
    database,
    user: running().user,
    password: PASSWORD_SENTINEL,
    poolMin: 0,
    poolMax: 4,
    connectTimeoutMs: 2000,
    statementTimeoutMs: 5000,
    heartbeatIntervalMs: 500,
  });
  const query = async <Row extends object>(database: string, sql: string): Promise<Row[]> => {
    const client = new pg.Client({ host: running().host, port: running().port, user: running().user, database });
    await client.connect();
    try {
      return (await client.query<Row>(sql)).rows;
    } finally {
      await client.end();
    }
  };
  return {
    name: 'PostgreSQL',
    async start() {
      server = await startPostgres();
      return configFor(server.database);
    },
    async appliedMigrations(config) {
      if (config.type !== 'postgres') throw new Error(`not a postgres configuration: ${config.type}`);
      return (await query<{ name: string }>(config.database, APPLIED_MIGRATIONS)).map((row) => row.name);
    },
    async createDatabase(name) {
      await query('postgres', `CREATE DATABASE ${name}`);
      return configFor(name);
    },
    loseServer: () => running().stop(),
    async stop() {
      await server?.stop();
    },
  };
}

/**
 * An Oracle or SQL Server database given by URL (`oracle://user:password@host:1521/SERVICE`,
 * `mssql://user:password@host:1433/database?encrypt=false&trustServerCertificate=true`). It
 * must be a throwaway database: start() drops every Parley table in it.
 */
export function externalTarget(kind: 'oracle' | 'mssql', url: string): ContractTarget {
  const parsed = new URL(url);
  const common = {
    host: parsed.hostname,
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    poolMin: 0,
    poolMax: 4,
    connectTimeoutMs: 10_000,
    statementTimeoutMs: 30_000,
    heartbeatIntervalMs: 500,
  };
  const name = parsed.pathname.replace(/^\//, '');
  const config: StorageConfig = kind === 'oracle'
    ? { type: 'oracle', ...common, port: Number(parsed.port || 1521), serviceName: name }
    : {
      type: 'mssql', ...common, port: Number(parsed.port || 1433), database: name,
      encrypt: parsed.searchParams.get('encrypt') !== 'false',
      trustServerCertificate: parsed.searchParams.get('trustServerCertificate') === 'true',
    };
  const connect = (): Knex => knex(kind === 'oracle' ? oracleKnexConfig(config as OracleStorageConfig) : mssqlKnexConfig(config as MssqlStorageConfig));
  return {
    name: kind === 'oracle' ? 'Oracle' : 'SQL Server',
    async start() {
      const db = connect();
      try {
        // Children before parents, then the bookkeeping of knex and of the Oracle migration lock.
        for (const table of [...PARLEY_TABLES].reverse()) await db.schema.dropTableIfExists(table);
        // knex gives Oracle auto-increment columns a sequence that outlives its table.
        if (kind === 'oracle') {
          for (const sequence of ORACLE_SEQUENCES) await db.raw(`begin execute immediate 'drop sequence "${sequence}"'; exception when others then null; end;`);
        }
      } finally {
        await db.destroy();
      }
      return config;
    },
    async appliedMigrations() {
      const db = connect();
      try {
        return (await db(MIGRATIONS_TABLE).orderBy('id').select<{ name: string }[]>('name')).map((row) => row.name);
      } finally {
        await db.destroy();
      }
    },
    createDatabase: undefined,
    loseServer: undefined,
    stop: () => Promise.resolve(),
  };
}

/** Every table Parley creates, parents first. */
const PARLEY_TABLES = [
  MIGRATIONS_TABLE, `${MIGRATIONS_TABLE}_lock`, TC_MIGRATIONS_TABLE, `${TC_MIGRATIONS_TABLE}_lock`, 'parley_migration_lock',
  EXTERNAL_DATABASES, EXTERNAL_DATABASE_ASSIGNMENTS, ACCOUNTS, ...ACCOUNT_DATA_TABLES,
  TC_LEASES, TC_ROOMS, TC_USERS, TC_MSGARCHIVE, TC_OCCUPANTS, TC_TIMELOG,
];

/** Sequences knex creates for Oracle auto-increment columns; they outlive their tables. */
const ORACLE_SEQUENCES = ['offline_messages_seq', 'tc_rooms_seq', 'tc_timelog_seq'];

/** The external targets whose URL is set in the environment. */
export function externalTargets(): { kind: 'oracle' | 'mssql'; variable: string; target: ContractTarget | undefined }[] {
  return ([['oracle', 'PARLEY_TEST_ORACLE_URL'], ['mssql', 'PARLEY_TEST_MSSQL_URL']] as const).map(([kind, variable]) => {
    const url = process.env[variable];
    return { kind, variable, target: url === undefined || url === '' ? undefined : externalTarget(kind, url) };
  });
}
