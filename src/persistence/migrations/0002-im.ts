// Instant-messaging data of an account: roster (RFC 6121 §2), offline messages (XEP-0160),
// vCard-temp (XEP-0054), blocklist (XEP-0191). Every table references `accounts`.
import type { Knex } from 'knex';
import type { ParleyMigration } from './migration.js';

/** RFC 7622 §3.3: localpart and domainpart up to 1023 octets each, as in 0001. */
const JID_PART_LENGTH = 1023;
/** localpart "@" domainpart. */
const BARE_JID_LENGTH = 2 * JID_PART_LENGTH + 1;
/** localpart "@" domainpart "/" resourcepart (RFC 7622 §3.4: resourcepart up to 1023 octets too). */
const FULL_JID_LENGTH = 3 * JID_PART_LENGTH + 2;

/*
 * Lengths are the RFC maximums, counted in characters, which is never fewer than the octets they
 * hold. As with 0001's (domain, username) key, no index could hold a key made of maximal parts
 * (PostgreSQL refuses btree entries over ~2.7 kB with SQLSTATE 54000 at insert time); such a row
 * then fails as a StorageError rather than being truncated. Real JIDs are far shorter. Dialects
 * with small key limits declared up front (SQL Server: 1700 bytes) will need a hashed key column.
 */
export const createInstantMessaging: ParleyMigration = {
  name: '0002_im',
  async up(knex: Knex): Promise<void> {
    await knex.schema.createTable('roster_versions', (table) => {
      table.comment('RFC 6121 §2.6 roster version of each account that ever changed its roster');
      accountColumns(table);
      table.integer('version').notNullable().comment('incremented by every roster change; absent row means version 0');
      table.primary(['domain', 'username']);
    });

    await knex.schema.createTable('roster_items', (table) => {
      table.comment('RFC 6121 §2.1 roster items with their subscription state (Appendix A), listed or kept for a pending request');
      accountColumns(table);
      table.string('contact_jid', BARE_JID_LENGTH).notNullable().comment('normalised bare JID of the contact');
      table.text('name').nullable().comment('the name the user gave the contact; null when none was set (empty is a name)');
      // A JSON array rather than a child table: groups are only ever read and replaced with their
      // item, never queried by, and a group name in a key would widen an already wide index.
      table.text('groups').notNullable().comment('group names as a JSON array of strings, in the order the client gave them');
      table.enu('subscription', ['none', 'to', 'from', 'both']).notNullable().comment('RFC 6121 §2.1.2.5 subscription');
      table.boolean('pending_out').notNullable().comment('the user asked for the presence of the contact and awaits the answer (ask=subscribe)');
      table.boolean('pending_in').notNullable().comment('the contact asked for the presence of the user and awaits the answer of the user');
      table.boolean('pre_approved').notNullable().comment('RFC 6121 §3.4 subscription pre-approved by the user');
      table.boolean('is_listed').notNullable().comment('shown in roster results and pushes; false for a contact known only from an inbound request');
      table.text('pending_in_stanza').nullable().comment('the inbound subscription request as received (XML), re-delivered at login');
      table.primary(['domain', 'username', 'contact_jid']);
    });

    await knex.schema.createTable('offline_messages', (table) => {
      table.comment('XEP-0160 messages kept for an account that had no available resource');
      table.bigIncrements('id').comment('increasing with every stored message; delivery order');
      accountColumns(table);
      table.text('stanza').notNullable().comment('the message stanza as routed (XML)');
      table.timestamp('stored_at', { useTz: true }).notNullable().defaultTo(knex.fn.now()).comment('when the message was stored');
      table.index(['domain', 'username', 'id'], 'offline_messages_account_id');
    });

    await knex.schema.createTable('vcards', (table) => {
      table.comment('XEP-0054 vCard-temp of each account that set one, as the client sent it');
      accountColumns(table);
      table.text('vcard').notNullable().comment('the vCard element as XML');
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now()).comment('when the vCard was last set');
      table.primary(['domain', 'username']);
    });

    await knex.schema.createTable('blocklist', (table) => {
      table.comment('XEP-0191 JIDs each account blocks');
      accountColumns(table);
      table.string('blocked_jid', FULL_JID_LENGTH).notNullable().comment('blocked JID as the client gave it, normalised: domain, bare or full');
      table.primary(['domain', 'username', 'blocked_jid']);
    });
  },
};

/**
 * The owning account, referenced without cascade: deleting an account deletes these rows
 * explicitly, so a table forgotten there makes the delete fail instead of leaving orphans
 * that a new account of the same name would inherit.
 */
function accountColumns(table: Knex.CreateTableBuilder): void {
  table.string('domain', JID_PART_LENGTH).notNullable().comment('domain of the owning account');
  table.string('username', JID_PART_LENGTH).notNullable().comment('username of the owning account');
  table.foreign(['domain', 'username']).references(['domain', 'username']).inTable('accounts');
}
