// The registry of external databases (`parley db add|assign`): where each node or redundancy
// group keeps its persistent chat data, as the reference product's "External Databases" page.
import type { Knex } from 'knex';
import type { ParleyMigration } from './migration.js';

export const createExternalDatabases: ParleyMigration = {
  name: '0003_external_databases',
  async up(knex: Knex): Promise<void> {
    await knex.schema.createTable('external_databases', (table) => {
      table.comment('external databases an operator registered, by name');
      table.string('name', 64).notNullable().primary().comment('name the operator gave the database');
      table.string('type', 16).notNullable().comment('postgres, oracle or mssql');
      table.string('host', 255).notNullable().comment('host name or address of the server');
      table.integer('port').notNullable().comment('TCP port of the server');
      table.string('database_name', 128).notNullable().comment('database (PostgreSQL, SQL Server) or service name (Oracle)');
      table.string('username', 128).notNullable().comment('login of the database user');
      table.text('password').notNullable().comment('password of the database user, read by every node of the cluster: protect this database');
      table.text('options').notNullable().comment('JSON: pool size, timeouts, heartbeat, TLS settings');
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now()).comment('when it was registered');
    });

    await knex.schema.createTable('external_database_assignments', (table) => {
      table.comment('which external database serves a feature for a node or a redundancy group');
      table.string('target_kind', 8).notNullable().comment('node or group');
      table.string('target_name', 255).notNullable().comment('node name or redundancy group name');
      table.string('feature', 32).notNullable().comment('text-conference (persistent chat)');
      table.string('database_name', 64).notNullable().comment('the database (external_databases.name)');
      table.timestamp('assigned_at', { useTz: true }).notNullable().defaultTo(knex.fn.now()).comment('when it was assigned');
      table.primary(['target_kind', 'target_name', 'feature']);
      table.foreign('database_name').references('external_databases.name');
    });
  },
};
