CREATE TABLE [tc_leases] ([alias] nvarchar(255) not null, [owner_node] nvarchar(255) null, [epoch] bigint not null, [expires_at] datetimeoffset not null, [acquired_at] datetimeoffset not null, CONSTRAINT [tc_leases_pkey] PRIMARY KEY ([alias]))

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'tc_leases', NULL, NULL))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'hosting leases: the node serving each TC alias, fenced by an epoch', N'Schema', N'dbo', N'Table', N'tc_leases'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'hosting leases: the node serving each TC alias, fenced by an epoch', N'Schema', N'dbo', N'Table', N'tc_leases'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'tc_leases', N'Column', N'alias'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'TC alias (service domain)', N'Schema', N'dbo', N'Table', N'tc_leases', N'Column', N'alias'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'TC alias (service domain)', N'Schema', N'dbo', N'Table', N'tc_leases', N'Column', N'alias'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'tc_leases', N'Column', N'owner_node'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'node holding the lease; null once released', N'Schema', N'dbo', N'Table', N'tc_leases', N'Column', N'owner_node'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'node holding the lease; null once released', N'Schema', N'dbo', N'Table', N'tc_leases', N'Column', N'owner_node'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'tc_leases', N'Column', N'epoch'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'increases whenever the lease changes hands; every TC write carries it', N'Schema', N'dbo', N'Table', N'tc_leases', N'Column', N'epoch'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'increases whenever the lease changes hands; every TC write carries it', N'Schema', N'dbo', N'Table', N'tc_leases', N'Column', N'epoch'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'tc_leases', N'Column', N'expires_at'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'database time after which another node may take the lease', N'Schema', N'dbo', N'Table', N'tc_leases', N'Column', N'expires_at'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'database time after which another node may take the lease', N'Schema', N'dbo', N'Table', N'tc_leases', N'Column', N'expires_at'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'tc_leases', N'Column', N'acquired_at'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'when the current holder took the lease', N'Schema', N'dbo', N'Table', N'tc_leases', N'Column', N'acquired_at'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'when the current holder took the lease', N'Schema', N'dbo', N'Table', N'tc_leases', N'Column', N'acquired_at'

CREATE TABLE [tc_rooms] ([room_id] int identity(1,1) not null primary key, [room_key] nvarchar(64) not null, [room_jid] nvarchar(3071) not null, [alias] nvarchar(255) not null, [creator_jid] nvarchar(3071) not null, [type] nvarchar(32) not null, [config] nvarchar(max) not null, [format_version] int not null, [subject] nvarchar(max) null, [subject_by] nvarchar(3071) null, [created_at] datetimeoffset not null, [modified_at] datetimeoffset not null)

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'tc_rooms', NULL, NULL))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'one row per stored room (persistent, or ad-hoc while it exists)', N'Schema', N'dbo', N'Table', N'tc_rooms'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'one row per stored room (persistent, or ad-hoc while it exists)', N'Schema', N'dbo', N'Table', N'tc_rooms'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'tc_rooms', N'Column', N'room_id'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'surrogate key of the room in every TC table', N'Schema', N'dbo', N'Table', N'tc_rooms', N'Column', N'room_id'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'surrogate key of the room in every TC table', N'Schema', N'dbo', N'Table', N'tc_rooms', N'Column', N'room_id'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'tc_rooms', N'Column', N'room_key'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'hex SHA-256 of room_jid', N'Schema', N'dbo', N'Table', N'tc_rooms', N'Column', N'room_key'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'hex SHA-256 of room_jid', N'Schema', N'dbo', N'Table', N'tc_rooms', N'Column', N'room_key'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'tc_rooms', N'Column', N'room_jid'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'normalised bare room JID', N'Schema', N'dbo', N'Table', N'tc_rooms', N'Column', N'room_jid'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'normalised bare room JID', N'Schema', N'dbo', N'Table', N'tc_rooms', N'Column', N'room_jid'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'tc_rooms', N'Column', N'alias'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'TC alias (service domain) hosting the room', N'Schema', N'dbo', N'Table', N'tc_rooms', N'Column', N'alias'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'TC alias (service domain) hosting the room', N'Schema', N'dbo', N'Table', N'tc_rooms', N'Column', N'alias'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'tc_rooms', N'Column', N'creator_jid'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'bare JID of the user who created the room', N'Schema', N'dbo', N'Table', N'tc_rooms', N'Column', N'creator_jid'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'bare JID of the user who created the room', N'Schema', N'dbo', N'Table', N'tc_rooms', N'Column', N'creator_jid'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'tc_rooms', N'Column', N'type'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'persistent or ad-hoc', N'Schema', N'dbo', N'Table', N'tc_rooms', N'Column', N'type'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'persistent or ad-hoc', N'Schema', N'dbo', N'Table', N'tc_rooms', N'Column', N'type'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'tc_rooms', N'Column', N'config'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'room configuration in the encoding named by format_version', N'Schema', N'dbo', N'Table', N'tc_rooms', N'Column', N'config'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'room configuration in the encoding named by format_version', N'Schema', N'dbo', N'Table', N'tc_rooms', N'Column', N'config'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'tc_rooms', N'Column', N'format_version'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'version of the configuration encoding', N'Schema', N'dbo', N'Table', N'tc_rooms', N'Column', N'format_version'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'version of the configuration encoding', N'Schema', N'dbo', N'Table', N'tc_rooms', N'Column', N'format_version'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'tc_rooms', N'Column', N'subject'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'current subject; null when none (Oracle stores an empty string as null)', N'Schema', N'dbo', N'Table', N'tc_rooms', N'Column', N'subject'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'current subject; null when none (Oracle stores an empty string as null)', N'Schema', N'dbo', N'Table', N'tc_rooms', N'Column', N'subject'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'tc_rooms', N'Column', N'subject_by'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'occupant JID of who set the subject', N'Schema', N'dbo', N'Table', N'tc_rooms', N'Column', N'subject_by'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'occupant JID of who set the subject', N'Schema', N'dbo', N'Table', N'tc_rooms', N'Column', N'subject_by'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'tc_rooms', N'Column', N'created_at'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'when the room was created', N'Schema', N'dbo', N'Table', N'tc_rooms', N'Column', N'created_at'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'when the room was created', N'Schema', N'dbo', N'Table', N'tc_rooms', N'Column', N'created_at'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'tc_rooms', N'Column', N'modified_at'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'when the room was last changed', N'Schema', N'dbo', N'Table', N'tc_rooms', N'Column', N'modified_at'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'when the room was last changed', N'Schema', N'dbo', N'Table', N'tc_rooms', N'Column', N'modified_at'

CREATE UNIQUE INDEX [tc_rooms_room_key] ON [tc_rooms] ([room_key]) WHERE [room_key] IS NOT NULL

CREATE INDEX [tc_rooms_alias] ON [tc_rooms] ([alias], [room_id])

CREATE TABLE [tc_users] ([room_id] int not null, [real_key] nvarchar(64) not null, [real_jid] nvarchar(3071) not null, [role] nvarchar(32) not null, [affiliation] nvarchar(32) not null, [nick_jid] nvarchar(3071) null, [reason] nvarchar(max) null, [initiator_jid] nvarchar(3071) null, CONSTRAINT [tc_users_pkey] PRIMARY KEY ([room_id], [real_key]), CONSTRAINT [tc_users_room_id_foreign] FOREIGN KEY ([room_id]) REFERENCES [tc_rooms] ([room_id]))

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'tc_users', NULL, NULL))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'lasting affiliations and registered nicks of users with rooms', N'Schema', N'dbo', N'Table', N'tc_users'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'lasting affiliations and registered nicks of users with rooms', N'Schema', N'dbo', N'Table', N'tc_users'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'tc_users', N'Column', N'room_id'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'the room (tc_rooms.room_id)', N'Schema', N'dbo', N'Table', N'tc_users', N'Column', N'room_id'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'the room (tc_rooms.room_id)', N'Schema', N'dbo', N'Table', N'tc_users', N'Column', N'room_id'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'tc_users', N'Column', N'real_key'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'hex SHA-256 of real_jid', N'Schema', N'dbo', N'Table', N'tc_users', N'Column', N'real_key'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'hex SHA-256 of real_jid', N'Schema', N'dbo', N'Table', N'tc_users', N'Column', N'real_key'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'tc_users', N'Column', N'real_jid'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'normalised bare JID of the user', N'Schema', N'dbo', N'Table', N'tc_users', N'Column', N'real_jid'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'normalised bare JID of the user', N'Schema', N'dbo', N'Table', N'tc_users', N'Column', N'real_jid'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'tc_users', N'Column', N'role'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'always none: roles last only while someone is in the room (kept for reporting queries)', N'Schema', N'dbo', N'Table', N'tc_users', N'Column', N'role'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'always none: roles last only while someone is in the room (kept for reporting queries)', N'Schema', N'dbo', N'Table', N'tc_users', N'Column', N'role'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'tc_users', N'Column', N'affiliation'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'owner, admin, member, outcast or none (a registered nick without affiliation)', N'Schema', N'dbo', N'Table', N'tc_users', N'Column', N'affiliation'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'owner, admin, member, outcast or none (a registered nick without affiliation)', N'Schema', N'dbo', N'Table', N'tc_users', N'Column', N'affiliation'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'tc_users', N'Column', N'nick_jid'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'registered nick as an occupant JID (room@service/nick)', N'Schema', N'dbo', N'Table', N'tc_users', N'Column', N'nick_jid'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'registered nick as an occupant JID (room@service/nick)', N'Schema', N'dbo', N'Table', N'tc_users', N'Column', N'nick_jid'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'tc_users', N'Column', N'reason'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'reason given at the last affiliation change', N'Schema', N'dbo', N'Table', N'tc_users', N'Column', N'reason'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'reason given at the last affiliation change', N'Schema', N'dbo', N'Table', N'tc_users', N'Column', N'reason'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'tc_users', N'Column', N'initiator_jid'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'bare JID of who made the last change', N'Schema', N'dbo', N'Table', N'tc_users', N'Column', N'initiator_jid'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'bare JID of who made the last change', N'Schema', N'dbo', N'Table', N'tc_users', N'Column', N'initiator_jid'

CREATE TABLE [tc_msgarchive] ([room_id] int not null, [msg_id] bigint not null, [stanza_id] nvarchar(128) not null, [to_jid] nvarchar(3071) not null, [from_jid] nvarchar(3071) not null, [nick_jid] nvarchar(3071) not null, [sent_date] datetimeoffset not null, [msg_type] nvarchar(1) not null, [body_len] int not null, [message_len] int not null, [body_string] nvarchar(4000) null, [message_string] nvarchar(4000) null, [body_text] nvarchar(max) null, [message_text] nvarchar(max) null, [subject] nvarchar(max) null, [epoch] bigint not null, CONSTRAINT [tc_msgarchive_pkey] PRIMARY KEY ([room_id], [msg_id]))

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'tc_msgarchive', NULL, NULL))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'every archived room message, in the order the room sent it', N'Schema', N'dbo', N'Table', N'tc_msgarchive'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'every archived room message, in the order the room sent it', N'Schema', N'dbo', N'Table', N'tc_msgarchive'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'tc_msgarchive', N'Column', N'room_id'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'the room (no foreign key: the archive outlives a destroyed room)', N'Schema', N'dbo', N'Table', N'tc_msgarchive', N'Column', N'room_id'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'the room (no foreign key: the archive outlives a destroyed room)', N'Schema', N'dbo', N'Table', N'tc_msgarchive', N'Column', N'room_id'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'tc_msgarchive', N'Column', N'msg_id'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'increasing per room from 1', N'Schema', N'dbo', N'Table', N'tc_msgarchive', N'Column', N'msg_id'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'increasing per room from 1', N'Schema', N'dbo', N'Table', N'tc_msgarchive', N'Column', N'msg_id'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'tc_msgarchive', N'Column', N'stanza_id'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'XEP-0359 stanza-id the room gave the message', N'Schema', N'dbo', N'Table', N'tc_msgarchive', N'Column', N'stanza_id'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'XEP-0359 stanza-id the room gave the message', N'Schema', N'dbo', N'Table', N'tc_msgarchive', N'Column', N'stanza_id'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'tc_msgarchive', N'Column', N'to_jid'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'room JID', N'Schema', N'dbo', N'Table', N'tc_msgarchive', N'Column', N'to_jid'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'room JID', N'Schema', N'dbo', N'Table', N'tc_msgarchive', N'Column', N'to_jid'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'tc_msgarchive', N'Column', N'from_jid'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'real JID of the sender', N'Schema', N'dbo', N'Table', N'tc_msgarchive', N'Column', N'from_jid'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'real JID of the sender', N'Schema', N'dbo', N'Table', N'tc_msgarchive', N'Column', N'from_jid'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'tc_msgarchive', N'Column', N'nick_jid'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'occupant JID of the sender (room@service/nick)', N'Schema', N'dbo', N'Table', N'tc_msgarchive', N'Column', N'nick_jid'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'occupant JID of the sender (room@service/nick)', N'Schema', N'dbo', N'Table', N'tc_msgarchive', N'Column', N'nick_jid'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'tc_msgarchive', N'Column', N'sent_date'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'when the room sent the message', N'Schema', N'dbo', N'Table', N'tc_msgarchive', N'Column', N'sent_date'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'when the room sent the message', N'Schema', N'dbo', N'Table', N'tc_msgarchive', N'Column', N'sent_date'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'tc_msgarchive', N'Column', N'msg_type'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'first letter of the type: g, c, n, h or e', N'Schema', N'dbo', N'Table', N'tc_msgarchive', N'Column', N'msg_type'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'first letter of the type: g, c, n, h or e', N'Schema', N'dbo', N'Table', N'tc_msgarchive', N'Column', N'msg_type'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'tc_msgarchive', N'Column', N'body_len'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'body length in characters', N'Schema', N'dbo', N'Table', N'tc_msgarchive', N'Column', N'body_len'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'body length in characters', N'Schema', N'dbo', N'Table', N'tc_msgarchive', N'Column', N'body_len'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'tc_msgarchive', N'Column', N'message_len'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'stanza length in characters', N'Schema', N'dbo', N'Table', N'tc_msgarchive', N'Column', N'message_len'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'stanza length in characters', N'Schema', N'dbo', N'Table', N'tc_msgarchive', N'Column', N'message_len'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'tc_msgarchive', N'Column', N'body_string'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'body when at most 4000 bytes of UTF-8', N'Schema', N'dbo', N'Table', N'tc_msgarchive', N'Column', N'body_string'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'body when at most 4000 bytes of UTF-8', N'Schema', N'dbo', N'Table', N'tc_msgarchive', N'Column', N'body_string'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'tc_msgarchive', N'Column', N'message_string'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'stanza when at most 4000 bytes of UTF-8', N'Schema', N'dbo', N'Table', N'tc_msgarchive', N'Column', N'message_string'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'stanza when at most 4000 bytes of UTF-8', N'Schema', N'dbo', N'Table', N'tc_msgarchive', N'Column', N'message_string'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'tc_msgarchive', N'Column', N'body_text'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'body when longer (read COALESCE(body_string, body_text))', N'Schema', N'dbo', N'Table', N'tc_msgarchive', N'Column', N'body_text'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'body when longer (read COALESCE(body_string, body_text))', N'Schema', N'dbo', N'Table', N'tc_msgarchive', N'Column', N'body_text'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'tc_msgarchive', N'Column', N'message_text'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'stanza when longer (read COALESCE(message_string, message_text))', N'Schema', N'dbo', N'Table', N'tc_msgarchive', N'Column', N'message_text'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'stanza when longer (read COALESCE(message_string, message_text))', N'Schema', N'dbo', N'Table', N'tc_msgarchive', N'Column', N'message_text'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'tc_msgarchive', N'Column', N'subject'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'the subject this message set, for subject changes', N'Schema', N'dbo', N'Table', N'tc_msgarchive', N'Column', N'subject'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'the subject this message set, for subject changes', N'Schema', N'dbo', N'Table', N'tc_msgarchive', N'Column', N'subject'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'tc_msgarchive', N'Column', N'epoch'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'lease epoch of the node that wrote the message', N'Schema', N'dbo', N'Table', N'tc_msgarchive', N'Column', N'epoch'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'lease epoch of the node that wrote the message', N'Schema', N'dbo', N'Table', N'tc_msgarchive', N'Column', N'epoch'

CREATE UNIQUE INDEX [tc_msgarchive_stanza_id] ON [tc_msgarchive] ([room_id], [stanza_id]) WHERE [room_id] IS NOT NULL AND [stanza_id] IS NOT NULL

CREATE INDEX [tc_msgarchive_sent_date] ON [tc_msgarchive] ([room_id], [sent_date])

CREATE TABLE [tc_occupants] ([room_id] int not null, [real_key] nvarchar(64) not null, [real_jid] nvarchar(3071) not null, [nick] nvarchar(1023) not null, [role] nvarchar(32) not null, [node] nvarchar(255) not null, [joined_at] datetimeoffset not null, CONSTRAINT [tc_occupants_pkey] PRIMARY KEY ([room_id], [real_key]), CONSTRAINT [tc_occupants_room_id_foreign] FOREIGN KEY ([room_id]) REFERENCES [tc_rooms] ([room_id]))

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'tc_occupants', NULL, NULL))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'who is in each room now, with the node they connect through', N'Schema', N'dbo', N'Table', N'tc_occupants'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'who is in each room now, with the node they connect through', N'Schema', N'dbo', N'Table', N'tc_occupants'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'tc_occupants', N'Column', N'room_id'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'the room (tc_rooms.room_id)', N'Schema', N'dbo', N'Table', N'tc_occupants', N'Column', N'room_id'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'the room (tc_rooms.room_id)', N'Schema', N'dbo', N'Table', N'tc_occupants', N'Column', N'room_id'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'tc_occupants', N'Column', N'real_key'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'hex SHA-256 of real_jid', N'Schema', N'dbo', N'Table', N'tc_occupants', N'Column', N'real_key'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'hex SHA-256 of real_jid', N'Schema', N'dbo', N'Table', N'tc_occupants', N'Column', N'real_key'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'tc_occupants', N'Column', N'real_jid'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'full JID of the occupant session', N'Schema', N'dbo', N'Table', N'tc_occupants', N'Column', N'real_jid'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'full JID of the occupant session', N'Schema', N'dbo', N'Table', N'tc_occupants', N'Column', N'real_jid'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'tc_occupants', N'Column', N'nick'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'nick in the room', N'Schema', N'dbo', N'Table', N'tc_occupants', N'Column', N'nick'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'nick in the room', N'Schema', N'dbo', N'Table', N'tc_occupants', N'Column', N'nick'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'tc_occupants', N'Column', N'role'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'moderator, participant or visitor', N'Schema', N'dbo', N'Table', N'tc_occupants', N'Column', N'role'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'moderator, participant or visitor', N'Schema', N'dbo', N'Table', N'tc_occupants', N'Column', N'role'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'tc_occupants', N'Column', N'node'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'node the session connects through', N'Schema', N'dbo', N'Table', N'tc_occupants', N'Column', N'node'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'node the session connects through', N'Schema', N'dbo', N'Table', N'tc_occupants', N'Column', N'node'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'tc_occupants', N'Column', N'joined_at'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'when the session joined', N'Schema', N'dbo', N'Table', N'tc_occupants', N'Column', N'joined_at'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'when the session joined', N'Schema', N'dbo', N'Table', N'tc_occupants', N'Column', N'joined_at'

CREATE INDEX [tc_occupants_node] ON [tc_occupants] ([node])

CREATE TABLE [tc_timelog] ([timelog_id] bigint identity(1,1) not null primary key, [room_id] int not null, [real_jid] nvarchar(3071) not null, [nick_jid] nvarchar(3071) not null, [direction] nvarchar(1) not null, [stamp] datetimeoffset not null)

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'tc_timelog', NULL, NULL))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'room entries and exits, when joins and exits are archived', N'Schema', N'dbo', N'Table', N'tc_timelog'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'room entries and exits, when joins and exits are archived', N'Schema', N'dbo', N'Table', N'tc_timelog'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'tc_timelog', N'Column', N'timelog_id'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'order of the entries', N'Schema', N'dbo', N'Table', N'tc_timelog', N'Column', N'timelog_id'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'order of the entries', N'Schema', N'dbo', N'Table', N'tc_timelog', N'Column', N'timelog_id'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'tc_timelog', N'Column', N'room_id'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'the room (no foreign key: the log outlives a destroyed room)', N'Schema', N'dbo', N'Table', N'tc_timelog', N'Column', N'room_id'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'the room (no foreign key: the log outlives a destroyed room)', N'Schema', N'dbo', N'Table', N'tc_timelog', N'Column', N'room_id'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'tc_timelog', N'Column', N'real_jid'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'full JID of the user', N'Schema', N'dbo', N'Table', N'tc_timelog', N'Column', N'real_jid'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'full JID of the user', N'Schema', N'dbo', N'Table', N'tc_timelog', N'Column', N'real_jid'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'tc_timelog', N'Column', N'nick_jid'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'occupant JID (room@service/nick)', N'Schema', N'dbo', N'Table', N'tc_timelog', N'Column', N'nick_jid'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'occupant JID (room@service/nick)', N'Schema', N'dbo', N'Table', N'tc_timelog', N'Column', N'nick_jid'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'tc_timelog', N'Column', N'direction'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'E (entered) or L (left)', N'Schema', N'dbo', N'Table', N'tc_timelog', N'Column', N'direction'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'E (entered) or L (left)', N'Schema', N'dbo', N'Table', N'tc_timelog', N'Column', N'direction'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'tc_timelog', N'Column', N'stamp'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'when', N'Schema', N'dbo', N'Table', N'tc_timelog', N'Column', N'stamp'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'when', N'Schema', N'dbo', N'Table', N'tc_timelog', N'Column', N'stamp'

CREATE INDEX [tc_timelog_room_stamp] ON [tc_timelog] ([room_id], [stamp])
