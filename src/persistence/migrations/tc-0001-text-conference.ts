// The persistent chat schema (XEP-0045 rooms in the group's external database, DESIGN §5).
// Table and column names follow the reference product's TC tables (tc_rooms, tc_users,
// tc_msgarchive, tc_timelog) where that costs nothing, so that existing compliance and reporting
// queries keep working; README "Persistent chat schema" documents every column.
import type { Knex } from 'knex';
import type { ParleyMigration } from './migration.js';

/** RFC 7622: up to 1023 octets per part; a full JID has three parts and two separators. */
const JID_LENGTH = 3071;
/** A DNS name is at most 253 characters; aliases and node names are keys, so they stay short. */
const NAME_LENGTH = 255;
/** Hex SHA-256 of a JID: keys and indexes use it, since SQL Server keys hold at most 900 bytes. */
const KEY_LENGTH = 64;
/** Bodies and stanzas up to this many UTF-8 bytes go in the *_string columns, longer ones in *_text. */
const INLINE_TEXT_BYTES = 4000;

export const createTextConference: ParleyMigration = {
  name: 'tc_0001_text_conference',
  async up(knex: Knex): Promise<void> {
    await knex.schema.createTable('tc_leases', (table) => {
      table.comment('hosting leases: the node serving each TC alias, fenced by an epoch');
      table.string('alias', NAME_LENGTH).notNullable().primary().comment('TC alias (service domain)');
      table.string('owner_node', NAME_LENGTH).nullable().comment('node holding the lease; null once released');
      table.bigInteger('epoch').notNullable().comment('increases whenever the lease changes hands; every TC write carries it');
      table.timestamp('expires_at', { useTz: true }).notNullable().comment('database time after which another node may take the lease');
      table.timestamp('acquired_at', { useTz: true }).notNullable().comment('when the current holder took the lease');
    });

    await knex.schema.createTable('tc_rooms', (table) => {
      table.comment('one row per stored room (persistent, or ad-hoc while it exists)');
      table.increments('room_id').primary().comment('surrogate key of the room in every TC table');
      table.string('room_key', KEY_LENGTH).notNullable().unique({ indexName: 'tc_rooms_room_key' }).comment('hex SHA-256 of room_jid');
      table.string('room_jid', JID_LENGTH).notNullable().comment('normalised bare room JID');
      table.string('alias', NAME_LENGTH).notNullable().comment('TC alias (service domain) hosting the room');
      table.string('creator_jid', JID_LENGTH).notNullable().comment('bare JID of the user who created the room');
      table.string('type', 32).notNullable().comment('persistent or ad-hoc');
      table.text('config').notNullable().comment('room configuration in the encoding named by format_version');
      table.integer('format_version').notNullable().comment('version of the configuration encoding');
      table.text('subject').nullable().comment('current subject; null when none (Oracle stores an empty string as null)');
      table.string('subject_by', JID_LENGTH).nullable().comment('occupant JID of who set the subject');
      table.timestamp('created_at', { useTz: true }).notNullable().comment('when the room was created');
      table.timestamp('modified_at', { useTz: true }).notNullable().comment('when the room was last changed');
      table.index(['alias', 'room_id'], 'tc_rooms_alias');
    });

    await knex.schema.createTable('tc_users', (table) => {
      table.comment('lasting affiliations and registered nicks of users with rooms');
      table.integer('room_id').notNullable().comment('the room (tc_rooms.room_id)');
      table.string('real_key', KEY_LENGTH).notNullable().comment('hex SHA-256 of real_jid');
      table.string('real_jid', JID_LENGTH).notNullable().comment('normalised bare JID of the user');
      table.string('role', 32).notNullable().comment('always none: roles last only while someone is in the room (kept for reporting queries)');
      table.string('affiliation', 32).notNullable().comment('owner, admin, member, outcast or none (a registered nick without affiliation)');
      table.string('nick_jid', JID_LENGTH).nullable().comment('registered nick as an occupant JID (room@service/nick)');
      table.text('reason').nullable().comment('reason given at the last affiliation change');
      table.string('initiator_jid', JID_LENGTH).nullable().comment('bare JID of who made the last change');
      table.primary(['room_id', 'real_key']);
      table.foreign('room_id').references('tc_rooms.room_id');
    });

    await knex.schema.createTable('tc_msgarchive', (table) => {
      table.comment('every archived room message, in the order the room sent it');
      table.integer('room_id').notNullable().comment('the room (no foreign key: the archive outlives a destroyed room)');
      table.bigInteger('msg_id').notNullable().comment('increasing per room from 1');
      table.string('stanza_id', 128).notNullable().comment('XEP-0359 stanza-id the room gave the message');
      table.string('to_jid', JID_LENGTH).notNullable().comment('room JID');
      table.string('from_jid', JID_LENGTH).notNullable().comment('real JID of the sender');
      table.string('nick_jid', JID_LENGTH).notNullable().comment('occupant JID of the sender (room@service/nick)');
      table.timestamp('sent_date', { useTz: true }).notNullable().comment('when the room sent the message');
      table.string('msg_type', 1).notNullable().comment('first letter of the type: g, c, n, h or e');
      table.integer('body_len').notNullable().comment('body length in characters');
      table.integer('message_len').notNullable().comment('stanza length in characters');
      table.string('body_string', INLINE_TEXT_BYTES).nullable().comment('body when at most 4000 bytes of UTF-8');
      table.string('message_string', INLINE_TEXT_BYTES).nullable().comment('stanza when at most 4000 bytes of UTF-8');
      table.text('body_text').nullable().comment('body when longer (read COALESCE(body_string, body_text))');
      table.text('message_text').nullable().comment('stanza when longer (read COALESCE(message_string, message_text))');
      table.text('subject').nullable().comment('the subject this message set, for subject changes');
      table.bigInteger('epoch').notNullable().comment('lease epoch of the node that wrote the message');
      table.primary(['room_id', 'msg_id']);
      table.unique(['room_id', 'stanza_id'], { indexName: 'tc_msgarchive_stanza_id' });
      table.index(['room_id', 'sent_date'], 'tc_msgarchive_sent_date');
    });

    await knex.schema.createTable('tc_occupants', (table) => {
      table.comment('who is in each room now, with the node they connect through');
      table.integer('room_id').notNullable().comment('the room (tc_rooms.room_id)');
      table.string('real_key', KEY_LENGTH).notNullable().comment('hex SHA-256 of real_jid');
      table.string('real_jid', JID_LENGTH).notNullable().comment('full JID of the occupant session');
      table.string('nick', 1023).notNullable().comment('nick in the room');
      table.string('role', 32).notNullable().comment('moderator, participant or visitor');
      table.string('node', NAME_LENGTH).notNullable().comment('node the session connects through');
      table.timestamp('joined_at', { useTz: true }).notNullable().comment('when the session joined');
      table.primary(['room_id', 'real_key']);
      table.index(['node'], 'tc_occupants_node');
      table.foreign('room_id').references('tc_rooms.room_id');
    });

    await knex.schema.createTable('tc_timelog', (table) => {
      table.comment('room entries and exits, when joins and exits are archived');
      table.bigIncrements('timelog_id').primary().comment('order of the entries');
      table.integer('room_id').notNullable().comment('the room (no foreign key: the log outlives a destroyed room)');
      table.string('real_jid', JID_LENGTH).notNullable().comment('full JID of the user');
      table.string('nick_jid', JID_LENGTH).notNullable().comment('occupant JID (room@service/nick)');
      table.string('direction', 1).notNullable().comment('E (entered) or L (left)');
      table.timestamp('stamp', { useTz: true }).notNullable().comment('when');
      table.index(['room_id', 'stamp'], 'tc_timelog_room_stamp');
    });
  },
};
