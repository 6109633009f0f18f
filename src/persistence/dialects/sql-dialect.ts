// What the dialect-neutral stores need to know about one SQL dialect (DESIGN §5, STYLE 7).
// One implementation per dialect family; chosen only by open-storage.ts.
import type { Knex } from 'knex';
import type { Fence } from '../ports.js';

/** Where migrations run: a transaction holding the dialect's lock, or the pool itself. */
export type MigrationConnection = Knex | Knex.Transaction;

export interface SqlDialect {
  readonly name: 'postgres' | 'oracle' | 'mssql';
  /** The cheapest statement that proves the database answers. */
  readonly healthQuery: string;
  /**
   * Runs the migrations while no other node migrates the same database. PostgreSQL and SQL
   * Server hold a lock in the transaction the migrations run in; Oracle commits at every DDL
   * statement, so it holds a lock row instead.
   */
  withMigrationLock<T>(db: Knex, migrate: (connection: MigrationConnection) => Promise<T>): Promise<T>;
  /** True when a statement failed because a primary key or unique constraint was violated. */
  isUniqueViolation(failure: unknown): boolean;
  /** The server's version, as text and as a number that orders versions. */
  serverVersion(db: Knex): Promise<{ text: string; comparable: number }>;
  /** The oldest server version Parley supports on this dialect. */
  readonly minimumVersion: { text: string; comparable: number };
  /**
   * Locks a lease row a fenced write has selected until the transaction ends: shared where the
   * dialect has a shared row lock, so one holder's writes run side by side, exclusive otherwise.
   */
  lockLeaseRow<T extends object>(query: Knex.QueryBuilder<T>): Knex.QueryBuilder<T>;
  /**
   * Inserts rows in one statement that locks the lease row as `lockLeaseRow` does and inserts
   * nothing unless the fence still holds it; resolves with the number of rows inserted. One round
   * trip instead of a transaction's four, for the hottest write (archived room messages).
   * Undefined where the dialect has no such statement: the rows then go in a fenced transaction.
   */
  readonly fencedInsert?: (db: Knex, table: string, rows: readonly Record<string, unknown>[], fence: Fence) => Promise<number>;
  /** Expressions on the database's clock, which every node of a group shares (lease expiry). */
  readonly clock: {
    /** The current time with time zone. */
    now: string;
    /** The current time plus one bound number of milliseconds. */
    nowPlusMilliseconds: string;
  };
}

/** The driver's error code, when a failure carries one (`code` for pg and tedious, `errorNum` for oracledb). */
export function errorCode(failure: unknown): string | number | undefined {
  if (typeof failure !== 'object' || failure === null) return undefined;
  if ('errorNum' in failure && typeof failure.errorNum === 'number') return failure.errorNum;
  if ('number' in failure && typeof failure.number === 'number') return failure.number;
  if ('code' in failure && (typeof failure.code === 'string' || typeof failure.code === 'number')) return failure.code;
  return undefined;
}

/** The rows of a raw query: pg and PGlite answer { rows }, oracledb and tedious an array. */
export function rawRows(result: unknown): Record<string, unknown>[] {
  if (Array.isArray(result)) return result as Record<string, unknown>[];
  if (typeof result === 'object' && result !== null && 'rows' in result && Array.isArray(result.rows)) return result.rows as Record<string, unknown>[];
  return [];
}

/** The first column of the first row of a raw query, as text. */
export function firstValue(result: unknown): string {
  const row = rawRows(result)[0];
  const value = row === undefined ? undefined : Object.values(row)[0];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

/** The pool settings every external database shares: its size, and how long to wait for a connection. */
export function poolSettings(config: { poolMin: number; poolMax: number; connectTimeoutMs: number }): Pick<Knex.Config, 'pool' | 'acquireConnectionTimeout'> {
  return {
    pool: { min: config.poolMin, max: config.poolMax },
    // A busy pool and an unreachable server both fail within the connect timeout; knex refuses 0.
    ...(config.connectTimeoutMs > 0 ? { acquireConnectionTimeout: config.connectTimeoutMs } : {}),
  };
}
