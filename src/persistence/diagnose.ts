// `parley db test`: checks an external database step by step and says what is wrong in words an
// operator can act on: name resolution, the TCP port, the login, the server version, the right
// to create tables, and the state of the persistent chat schema.
import { lookup } from 'node:dns/promises';
import { connect as tcpConnect } from 'node:net';
import type { Logger } from 'pino';
import type { StorageConfig } from '../config/schema.js';
import { connect, type DatabaseTarget } from './database.js';
import { errorCode } from './dialects/sql-dialect.js';
import { TEXT_CONFERENCE_MIGRATIONS, migrationStatus } from './migrations/index.js';

export type ExternalStorageConfig = Exclude<StorageConfig, { type: 'embedded' }>;

export interface DiagnosisStep {
  check: 'dns' | 'tcp' | 'login' | 'version' | 'privileges' | 'schema';
  isOk: boolean;
  detail: string;
}

/** What a failed login or query means, by driver code: PostgreSQL SQLSTATE, SQL Server error number, ORA- number. */
const FAILURE_MEANINGS: [code: string | number, meaning: string][] = [
  ['28P01', 'the password was refused'],
  ['28000', 'the server refused this user (pg_hba.conf, or no such role)'],
  ['3D000', 'the database does not exist'],
  ['42501', 'the user lacks a privilege'],
  [18456, 'login failed: wrong user or password, or the login may not use this database'],
  [4060, 'the database does not exist or the login may not open it'],
  [262, 'the user lacks a privilege (CREATE TABLE permission denied)'],
  ['ELOGIN', 'login failed: wrong user or password'],
  [1017, 'invalid user name or password (ORA-01017)'],
  [1031, 'insufficient privileges (ORA-01031)'],
  [1950, 'no quota on the tablespace (ORA-01950)'],
  [12514, 'the listener does not know this service name (ORA-12514)'],
];

export function explainFailure(failure: unknown): string {
  const code = errorCode(failure);
  const meaning = FAILURE_MEANINGS.find(([known]) => known === code)?.[1];
  const message = failure instanceof Error ? failure.message : String(failure);
  return meaning === undefined ? message : `${meaning} (${message})`;
}

function tcpProbe(host: string, port: number, timeoutMs: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = tcpConnect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(`no answer from ${host}:${port} within ${timeoutMs} ms (a firewall dropping packets, or the wrong host?)`);
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(undefined);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve(error.code === 'ECONNREFUSED' ? `nothing listens on ${host}:${port} (connection refused)` : `${host}:${port}: ${error.message}`);
    });
  });
}

/** Runs the checks in order and stops at the first that fails, since the later ones depend on it. */
export async function diagnoseDatabase(config: ExternalStorageConfig, target: DatabaseTarget, log: Logger): Promise<DiagnosisStep[]> {
  const steps: DiagnosisStep[] = [];
  const step = (check: DiagnosisStep['check'], isOk: boolean, detail: string): boolean => {
    steps.push({ check, isOk, detail });
    return isOk;
  };

  const address = await lookup(config.host).then((found) => found.address, (error: unknown) => error as NodeJS.ErrnoException);
  if (!step('dns', typeof address === 'string', typeof address === 'string'
    ? `${config.host} is ${address}` : `cannot resolve ${config.host} (${address.code ?? address.message})`)) return steps;

  const refused = await tcpProbe(config.host, config.port, Math.max(config.connectTimeoutMs, 1000));
  if (!step('tcp', refused === undefined, refused ?? `${config.host}:${config.port} accepts connections`)) return steps;

  const db = connect(target, log);
  try {
    let version: { text: string; comparable: number };
    try {
      version = await target.dialect.serverVersion(db);
    } catch (failure) {
      step('login', false, explainFailure(failure));
      return steps;
    }
    const { text, comparable } = version;
    step('login', true, `logged in as ${config.user}`);
    const { minimumVersion } = target.dialect;
    if (!step('version', comparable >= minimumVersion.comparable, comparable >= minimumVersion.comparable
      ? `server version ${text}` : `server version ${text} is older than the oldest supported, ${minimumVersion.text}`)) return steps;

    const probe = `parley_probe_${Date.now().toString(36)}`;
    const created = await db.schema.createTable(probe, (table) => table.integer('id'))
      .then(() => db.schema.dropTable(probe)).then(() => undefined, (failure: unknown) => failure);
    if (!step('privileges', created === undefined, created === undefined
      ? 'may create and drop tables' : `cannot create tables: ${explainFailure(created)}`)) return steps;

    const { applied, pending } = await migrationStatus(db, TEXT_CONFERENCE_MIGRATIONS);
    const known = new Set(TEXT_CONFERENCE_MIGRATIONS.migrations.map((migration) => migration.name));
    const unknown = applied.filter((name) => !known.has(name));
    if (unknown.length > 0) step('schema', false, `the schema is newer than this Parley (${unknown.join(', ')})`);
    else if (pending.length > 0) step('schema', true, `${pending.length} migration(s) to apply (${pending.join(', ')}): parley db migrate applies them, so does the node at start`);
    else step('schema', true, `persistent chat schema up to date (${applied.join(', ')})`);
    return steps;
  } finally {
    await db.destroy();
  }
}
