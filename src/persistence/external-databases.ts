// ExternalDatabaseStore over knex: the registry `parley db add|list|assign` manages.
import type { Knex } from 'knex';
import type { SqlDialect } from './dialects/sql-dialect.js';
import { type DatabaseAssignment, type ExternalDatabase, ExternalDatabaseExistsError, type ExternalDatabaseStore } from './ports.js';
import { StorageError, inContext } from './storage-error.js';
import { EXTERNAL_DATABASES, EXTERNAL_DATABASE_ASSIGNMENTS } from './tables.js';


interface DatabaseRow {
  name: string;
  type: ExternalDatabase['type'];
  host: string;
  port: number | string;
  database_name: string;
  username: string;
  password: string;
  options: string;
}

interface AssignmentRow {
  target_kind: DatabaseAssignment['target']['kind'];
  target_name: string;
  feature: DatabaseAssignment['feature'];
  database_name: string;
}

function toDatabase(row: DatabaseRow): ExternalDatabase {
  return {
    name: row.name, type: row.type, host: row.host, port: Number(row.port), database: row.database_name,
    user: row.username, password: row.password, options: JSON.parse(row.options) as ExternalDatabase['options'],
  };
}

export function createExternalDatabaseStore(db: Knex, dialect: SqlDialect): ExternalDatabaseStore {
  return {
    async add(database) {
      try {
        await db(EXTERNAL_DATABASES).insert({
          name: database.name, type: database.type, host: database.host, port: database.port, database_name: database.database,
          username: database.user, password: database.password, options: JSON.stringify(database.options),
        });
      } catch (failure) {
        if (dialect.isUniqueViolation(failure)) throw new ExternalDatabaseExistsError(database.name);
        throw new StorageError(`externalDatabases.add ${database.name}`, failure);
      }
    },

    get: (name) => inContext(`externalDatabases.get ${name}`, async () => {
      const row = await db<DatabaseRow>(EXTERNAL_DATABASES).where({ name }).first();
      return row === undefined ? undefined : toDatabase(row);
    }),

    list: () => inContext('externalDatabases.list', async () => (await db<DatabaseRow>(EXTERNAL_DATABASES).orderBy('name')).map(toDatabase)),

    assign: ({ target, feature, database }) => inContext(`externalDatabases.assign ${database}`, () => db.transaction(async (trx) => {
      if ((await trx<DatabaseRow>(EXTERNAL_DATABASES).where({ name: database }).first('name')) === undefined) return false;
      const key = { target_kind: target.kind, target_name: target.name, feature };
      const updated = await trx(EXTERNAL_DATABASE_ASSIGNMENTS).where(key).update({ database_name: database, assigned_at: new Date() });
      if (updated === 0) await trx(EXTERNAL_DATABASE_ASSIGNMENTS).insert({ ...key, database_name: database });
      return true;
    })),

    assignments: () => inContext('externalDatabases.assignments', async () =>
      (await db<AssignmentRow>(EXTERNAL_DATABASE_ASSIGNMENTS).orderBy(['target_kind', 'target_name', 'feature'])).map((row) => ({
        target: { kind: row.target_kind, name: row.target_name }, feature: row.feature, database: row.database_name,
      }))),
  };
}
