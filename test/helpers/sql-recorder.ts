// Runs storage code against a knex client that records the SQL it would send instead of sending
// it, so the SQL of every dialect (Oracle and SQL Server included) is checked without a server.
import knex, { type Knex } from 'knex';

interface CompiledQuery {
  sql: string;
  method?: string;
  bindings?: readonly unknown[];
}

/** Rows a statement sends as one JSON array parameter (PostgreSQL's fenced insert), as if all were inserted. */
function jsonRows(bindings: readonly unknown[] = []): number {
  const rows = bindings.find((binding) => typeof binding === 'string' && binding.startsWith('['));
  return typeof rows === 'string' ? (JSON.parse(rows) as unknown[]).length : 1;
}

type ClientClass = new (config: Knex.Config) => object;

/** What a statement that changes rows answers on each driver, as if it changed one. */
function oneRowChanged(client: string): unknown {
  if (client === 'oracledb') return { rowsAffected: 1, rows: [] };
  if (client === 'mssql') return [];
  return { rows: [], rowCount: 1, command: 'UPDATE' };
}

/**
 * What the processed response of a statement is, as if every change touched one row and every
 * read found none, except the lease row a fenced write locks, which is held.
 */
function responseTo(method: string | undefined, client: string, sql: string, bindings?: readonly unknown[]): unknown {
  switch (method) {
    case 'first':
      return undefined;
    case 'select':
      return /tc_leases/i.test(sql) ? [{ epoch: 1 }] : [];
    case 'pluck':
    case 'insert':
      return [];
    case 'update':
    case 'del':
    case 'counter':
      return 1;
    default: {
      // A raw statement that counts what it changed (PostgreSQL's fenced insert) changed every row it was given.
      const counted = /select count\(\*\) as (\w+)/i.exec(sql)?.[1];
      return counted === undefined ? oneRowChanged(client) : { rows: [{ [counted]: String(jsonRows(bindings)) }], rowCount: 1, command: 'SELECT' };
    }
  }
}

/** A knex instance built from `config` whose statements are recorded, one string per statement. */
export function recordingKnex(config: Knex.Config): { db: Knex; statements: string[] } {
  const statements: string[] = [];
  const clientName = String(config.client);
  const probe = knex({ client: config.client, ...(config.version === undefined ? {} : { version: config.version }) });
  const Base = (probe.client as { constructor: ClientClass }).constructor;
  void probe.destroy();

  // Transactions of SQL Server and Oracle talk to the driver's connection object directly.
  const record = (sql: string) => (callback?: (error: null) => void): Promise<void> => {
    statements.push(sql);
    callback?.(null);
    return Promise.resolve();
  };
  const connection = {
    inTransaction: true,
    state: { name: 'LoggedIn' },
    beginTransaction: record('begin transaction'),
    commitTransaction: record('commit transaction'),
    rollbackTransaction: record('rollback transaction'),
    saveTransaction: record('save transaction'),
    commitAsync: record('commit'),
    rollbackAsync: record('rollback'),
    // A pg named statement sent on a lent connection (PostgreSQL's fenced insert).
    query: (config: { name?: string; text: string; values?: readonly unknown[] }): Promise<unknown> => {
      statements.push(`${config.name === undefined ? '' : `-- prepared as ${config.name}\n`}${config.text.trim()}`);
      return Promise.resolve(responseTo(undefined, clientName, config.text, config.values));
    },
  };

  class RecordingClient extends Base {
    acquireConnection(): Promise<object> {
      return Promise.resolve(connection);
    }

    releaseConnection(): Promise<void> {
      return Promise.resolve();
    }

    _query(_connection: object, query: CompiledQuery | string): Promise<CompiledQuery & { response: unknown }> {
      const compiled = typeof query === 'string' ? { sql: query } : query;
      statements.push(compiled.sql.trim());
      return Promise.resolve({ ...compiled, response: responseTo(compiled.method, clientName, compiled.sql, compiled.bindings) });
    }

    processResponse(query: { response: unknown }): unknown {
      return query.response;
    }
  }

  const db = knex({ ...config, client: RecordingClient as unknown as typeof knex.Client, pool: { min: 0, max: 1 } });
  return { db, statements };
}
