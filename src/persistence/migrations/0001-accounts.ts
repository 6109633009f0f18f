// Accounts with their SCRAM credentials (RFC 5802 §3, RFC 7677); no password is ever stored.
// Lengths follow RFC 7622 §3.3 (localpart and domainpart up to 1023 octets).
import type { Knex } from 'knex';
import type { ParleyMigration } from './migration.js';

const JID_PART_LENGTH = 1023;

export const createAccounts: ParleyMigration = {
  name: '0001_accounts',
  async up(knex: Knex): Promise<void> {
    await knex.schema.createTable('accounts', (table) => {
      table.comment('XMPP accounts of every virtual host, with SCRAM credentials only');
      table.string('domain', JID_PART_LENGTH).notNullable().comment('normalised domain of the virtual host of the account');
      table.string('username', JID_PART_LENGTH).notNullable().comment('normalised localpart (RFC 7622 UsernameCaseMapped)');
      scramColumns(table, 'sha1', 'SCRAM-SHA-1');
      scramColumns(table, 'sha256', 'SCRAM-SHA-256');
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now()).comment('when the account was created');
      table.primary(['domain', 'username']);
    });
  },
};

function scramColumns(table: Knex.CreateTableBuilder, prefix: string, mechanism: string): void {
  table.integer(`${prefix}_iterations`).notNullable().comment(`${mechanism} PBKDF2 iteration count`);
  table.binary(`${prefix}_salt`).notNullable().comment(`${mechanism} salt`);
  table.binary(`${prefix}_stored_key`).notNullable().comment(`${mechanism} StoredKey = H(ClientKey)`);
  table.binary(`${prefix}_server_key`).notNullable().comment(`${mechanism} ServerKey = HMAC(SaltedPassword, "Server Key")`);
}
