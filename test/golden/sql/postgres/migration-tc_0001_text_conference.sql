create table "tc_leases" ("alias" varchar(255) not null, "owner_node" varchar(255) null, "epoch" bigint not null, "expires_at" timestamptz not null, "acquired_at" timestamptz not null, constraint "tc_leases_pkey" primary key ("alias"))

comment on table "tc_leases" is 'hosting leases: the node serving each TC alias, fenced by an epoch'

comment on column "tc_leases"."alias" is 'TC alias (service domain)'

comment on column "tc_leases"."owner_node" is 'node holding the lease; null once released'

comment on column "tc_leases"."epoch" is 'increases whenever the lease changes hands; every TC write carries it'

comment on column "tc_leases"."expires_at" is 'database time after which another node may take the lease'

comment on column "tc_leases"."acquired_at" is 'when the current holder took the lease'

create table "tc_rooms" ("room_id" serial primary key, "room_key" varchar(64) not null, "room_jid" varchar(3071) not null, "alias" varchar(255) not null, "creator_jid" varchar(3071) not null, "type" varchar(32) not null, "config" text not null, "format_version" integer not null, "subject" text null, "subject_by" varchar(3071) null, "created_at" timestamptz not null, "modified_at" timestamptz not null)

comment on table "tc_rooms" is 'one row per stored room (persistent, or ad-hoc while it exists)'

comment on column "tc_rooms"."room_id" is 'surrogate key of the room in every TC table'

comment on column "tc_rooms"."room_key" is 'hex SHA-256 of room_jid'

comment on column "tc_rooms"."room_jid" is 'normalised bare room JID'

comment on column "tc_rooms"."alias" is 'TC alias (service domain) hosting the room'

comment on column "tc_rooms"."creator_jid" is 'bare JID of the user who created the room'

comment on column "tc_rooms"."type" is 'persistent or ad-hoc'

comment on column "tc_rooms"."config" is 'room configuration in the encoding named by format_version'

comment on column "tc_rooms"."format_version" is 'version of the configuration encoding'

comment on column "tc_rooms"."subject" is 'current subject; null when none (Oracle stores an empty string as null)'

comment on column "tc_rooms"."subject_by" is 'occupant JID of who set the subject'

comment on column "tc_rooms"."created_at" is 'when the room was created'

comment on column "tc_rooms"."modified_at" is 'when the room was last changed'

alter table "tc_rooms" add constraint "tc_rooms_room_key" unique ("room_key")

create index "tc_rooms_alias" on "tc_rooms" ("alias", "room_id")

create table "tc_users" ("room_id" integer not null, "real_key" varchar(64) not null, "real_jid" varchar(3071) not null, "role" varchar(32) not null, "affiliation" varchar(32) not null, "nick_jid" varchar(3071) null, "reason" text null, "initiator_jid" varchar(3071) null, constraint "tc_users_pkey" primary key ("room_id", "real_key"))

comment on table "tc_users" is 'lasting affiliations and registered nicks of users with rooms'

comment on column "tc_users"."room_id" is 'the room (tc_rooms.room_id)'

comment on column "tc_users"."real_key" is 'hex SHA-256 of real_jid'

comment on column "tc_users"."real_jid" is 'normalised bare JID of the user'

comment on column "tc_users"."role" is 'always none: roles last only while someone is in the room (kept for reporting queries)'

comment on column "tc_users"."affiliation" is 'owner, admin, member, outcast or none (a registered nick without affiliation)'

comment on column "tc_users"."nick_jid" is 'registered nick as an occupant JID (room@service/nick)'

comment on column "tc_users"."reason" is 'reason given at the last affiliation change'

comment on column "tc_users"."initiator_jid" is 'bare JID of who made the last change'

alter table "tc_users" add constraint "tc_users_room_id_foreign" foreign key ("room_id") references "tc_rooms" ("room_id")

create table "tc_msgarchive" ("room_id" integer not null, "msg_id" bigint not null, "stanza_id" varchar(128) not null, "to_jid" varchar(3071) not null, "from_jid" varchar(3071) not null, "nick_jid" varchar(3071) not null, "sent_date" timestamptz not null, "msg_type" varchar(1) not null, "body_len" integer not null, "message_len" integer not null, "body_string" varchar(4000) null, "message_string" varchar(4000) null, "body_text" text null, "message_text" text null, "subject" text null, "epoch" bigint not null, constraint "tc_msgarchive_pkey" primary key ("room_id", "msg_id"))

comment on table "tc_msgarchive" is 'every archived room message, in the order the room sent it'

comment on column "tc_msgarchive"."room_id" is 'the room (no foreign key: the archive outlives a destroyed room)'

comment on column "tc_msgarchive"."msg_id" is 'increasing per room from 1'

comment on column "tc_msgarchive"."stanza_id" is 'XEP-0359 stanza-id the room gave the message'

comment on column "tc_msgarchive"."to_jid" is 'room JID'

comment on column "tc_msgarchive"."from_jid" is 'real JID of the sender'

comment on column "tc_msgarchive"."nick_jid" is 'occupant JID of the sender (room@service/nick)'

comment on column "tc_msgarchive"."sent_date" is 'when the room sent the message'

comment on column "tc_msgarchive"."msg_type" is 'first letter of the type: g, c, n, h or e'

comment on column "tc_msgarchive"."body_len" is 'body length in characters'

comment on column "tc_msgarchive"."message_len" is 'stanza length in characters'

comment on column "tc_msgarchive"."body_string" is 'body when at most 4000 bytes of UTF-8'

comment on column "tc_msgarchive"."message_string" is 'stanza when at most 4000 bytes of UTF-8'

comment on column "tc_msgarchive"."body_text" is 'body when longer (read COALESCE(body_string, body_text))'

comment on column "tc_msgarchive"."message_text" is 'stanza when longer (read COALESCE(message_string, message_text))'

comment on column "tc_msgarchive"."subject" is 'the subject this message set, for subject changes'

comment on column "tc_msgarchive"."epoch" is 'lease epoch of the node that wrote the message'

alter table "tc_msgarchive" add constraint "tc_msgarchive_stanza_id" unique ("room_id", "stanza_id")

create index "tc_msgarchive_sent_date" on "tc_msgarchive" ("room_id", "sent_date")

create table "tc_occupants" ("room_id" integer not null, "real_key" varchar(64) not null, "real_jid" varchar(3071) not null, "nick" varchar(1023) not null, "role" varchar(32) not null, "node" varchar(255) not null, "joined_at" timestamptz not null, constraint "tc_occupants_pkey" primary key ("room_id", "real_key"))

comment on table "tc_occupants" is 'who is in each room now, with the node they connect through'

comment on column "tc_occupants"."room_id" is 'the room (tc_rooms.room_id)'

comment on column "tc_occupants"."real_key" is 'hex SHA-256 of real_jid'

comment on column "tc_occupants"."real_jid" is 'full JID of the occupant session'

comment on column "tc_occupants"."nick" is 'nick in the room'

comment on column "tc_occupants"."role" is 'moderator, participant or visitor'

comment on column "tc_occupants"."node" is 'node the session connects through'

comment on column "tc_occupants"."joined_at" is 'when the session joined'

create index "tc_occupants_node" on "tc_occupants" ("node")

alter table "tc_occupants" add constraint "tc_occupants_room_id_foreign" foreign key ("room_id") references "tc_rooms" ("room_id")

create table "tc_timelog" ("timelog_id" bigserial primary key, "room_id" integer not null, "real_jid" varchar(3071) not null, "nick_jid" varchar(3071) not null, "direction" varchar(1) not null, "stamp" timestamptz not null)

comment on table "tc_timelog" is 'room entries and exits, when joins and exits are archived'

comment on column "tc_timelog"."timelog_id" is 'order of the entries'

comment on column "tc_timelog"."room_id" is 'the room (no foreign key: the log outlives a destroyed room)'

comment on column "tc_timelog"."real_jid" is 'full JID of the user'

comment on column "tc_timelog"."nick_jid" is 'occupant JID (room@service/nick)'

comment on column "tc_timelog"."direction" is 'E (entered) or L (left)'

comment on column "tc_timelog"."stamp" is 'when'

create index "tc_timelog_room_stamp" on "tc_timelog" ("room_id", "stamp")
