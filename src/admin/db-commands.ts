// `parley db add|list|test|assign|migrate|status`: the external databases of persistent chat,
// registered in the cluster database, as on the reference product's External Databases page.
import { configSchema, type StorageConfig } from '../config/schema.js';
import type { DatabaseAssignment, ExternalDatabase, ExternalDatabaseStore } from '../persistence/ports.js';
import { ExternalDatabaseExistsError } from '../persistence/ports.js';
import { CommandError } from './user-commands.js';

export interface AddOptions {
  type: string;
  host: string;
  port?: string;
  database: string;
  user: string;
  poolMax?: string;
  connectTimeoutMs?: string;
  statementTimeoutMs?: string;
  heartbeatIntervalMs?: string;
  encrypt?: boolean;
  trustServerCertificate?: boolean;
}

const DEFAULT_PORTS: Record<ExternalDatabase['type'], number> = { postgres: 5432, oracle: 1521, mssql: 1433 };
const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

function integer(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new CommandError(`${option} must be a whole number, not "${value}"`);
  return Number(value);
}

/** The registry entry the options describe; the password comes separately (file or environment). */
export function externalDatabaseOf(name: string, options: AddOptions, password: string): ExternalDatabase {
  if (!NAME.test(name)) throw new CommandError(`"${name}" is not a usable name: letters, digits, ".", "_" and "-", at most 64`);
  if (options.type !== 'postgres' && options.type !== 'oracle' && options.type !== 'mssql') {
    throw new CommandError(`--type must be postgres, oracle or mssql, not "${options.type}"`);
  }
  const numeric: Record<string, number | undefined> = {
    poolMax: integer(options.poolMax, '--pool-max'),
    connectTimeoutMs: integer(options.connectTimeoutMs, '--connect-timeout-ms'),
    statementTimeoutMs: integer(options.statementTimeoutMs, '--statement-timeout-ms'),
    heartbeatIntervalMs: integer(options.heartbeatIntervalMs, '--heartbeat-interval-ms'),
  };
  const settings: Record<string, number | boolean> = {};
  for (const [key, value] of Object.entries(numeric)) if (value !== undefined) settings[key] = value;
  if (options.type === 'mssql') {
    settings.encrypt = options.encrypt ?? true;
    settings.trustServerCertificate = options.trustServerCertificate ?? false;
  }
  const database: ExternalDatabase = {
    name, type: options.type, host: options.host, port: integer(options.port, '--port') ?? DEFAULT_PORTS[options.type],
    database: options.database, user: options.user, password, options: settings,
  };
  storageConfigOf(database);
  return database;
}

/** The storage configuration of a registered database, with defaults, checked as the node would check it. */
export function storageConfigOf(database: ExternalDatabase): Exclude<StorageConfig, { type: 'embedded' }> {
  const location = database.type === 'oracle' ? { serviceName: database.database } : { database: database.database };
  const parsed = configSchema.shape.storage.safeParse({
    type: database.type, host: database.host, port: database.port, user: database.user, password: database.password, ...location, ...database.options,
  });
  if (!parsed.success) throw new CommandError(`unusable settings for ${database.name}: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  if (parsed.data.type === 'embedded') throw new CommandError('an external database cannot be the embedded one');
  return parsed.data;
}

export async function addDatabase(registry: ExternalDatabaseStore, database: ExternalDatabase): Promise<void> {
  try {
    await registry.add(database);
  } catch (error) {
    if (error instanceof ExternalDatabaseExistsError) throw new CommandError(error.message);
    throw error;
  }
}

/** One line per database, password never shown, with what it serves. */
export function describeDatabases(databases: readonly ExternalDatabase[], assignments: readonly DatabaseAssignment[]): string[] {
  return databases.map((database) => {
    const serves = assignments.filter((assignment) => assignment.database === database.name)
      .map((assignment) => `${assignment.feature} of ${assignment.target.kind} ${assignment.target.name}`);
    return `${database.name}\t${database.type}\t${database.user}@${database.host}:${database.port}/${database.database}\t${serves.length === 0 ? 'not assigned' : serves.join(', ')}`;
  });
}

export async function registered(registry: ExternalDatabaseStore, name: string): Promise<ExternalDatabase> {
  const database = await registry.get(name);
  if (database === undefined) throw new CommandError(`no external database named ${name} (parley db list shows them)`);
  return database;
}

export function assignmentTarget(options: { node?: string; group?: string }): DatabaseAssignment['target'] {
  if ((options.node === undefined) === (options.group === undefined)) throw new CommandError('give exactly one of --node NAME and --group NAME');
  return options.node === undefined ? { kind: 'group', name: options.group ?? '' } : { kind: 'node', name: options.node };
}
