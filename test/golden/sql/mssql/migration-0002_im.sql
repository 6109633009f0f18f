CREATE TABLE [roster_versions] ([domain] nvarchar(1023) not null, [username] nvarchar(1023) not null, [version] int not null, CONSTRAINT [roster_versions_domain_username_foreign] FOREIGN KEY ([domain], [username]) REFERENCES [accounts] ([domain], [username]), CONSTRAINT [roster_versions_pkey] PRIMARY KEY ([domain], [username]))

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'roster_versions', NULL, NULL))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'RFC 6121 §2.6 roster version of each account that ever changed its roster', N'Schema', N'dbo', N'Table', N'roster_versions'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'RFC 6121 §2.6 roster version of each account that ever changed its roster', N'Schema', N'dbo', N'Table', N'roster_versions'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'roster_versions', N'Column', N'domain'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'domain of the owning account', N'Schema', N'dbo', N'Table', N'roster_versions', N'Column', N'domain'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'domain of the owning account', N'Schema', N'dbo', N'Table', N'roster_versions', N'Column', N'domain'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'roster_versions', N'Column', N'username'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'username of the owning account', N'Schema', N'dbo', N'Table', N'roster_versions', N'Column', N'username'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'username of the owning account', N'Schema', N'dbo', N'Table', N'roster_versions', N'Column', N'username'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'roster_versions', N'Column', N'version'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'incremented by every roster change; absent row means version 0', N'Schema', N'dbo', N'Table', N'roster_versions', N'Column', N'version'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'incremented by every roster change; absent row means version 0', N'Schema', N'dbo', N'Table', N'roster_versions', N'Column', N'version'

CREATE TABLE [roster_items] ([domain] nvarchar(1023) not null, [username] nvarchar(1023) not null, [contact_jid] nvarchar(2047) not null, [name] nvarchar(max) null, [groups] nvarchar(max) not null, [subscription] nvarchar(100) not null, [pending_out] bit not null, [pending_in] bit not null, [pre_approved] bit not null, [is_listed] bit not null, [pending_in_stanza] nvarchar(max) null, CONSTRAINT [roster_items_domain_username_foreign] FOREIGN KEY ([domain], [username]) REFERENCES [accounts] ([domain], [username]), CONSTRAINT [roster_items_pkey] PRIMARY KEY ([domain], [username], [contact_jid]))

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'roster_items', NULL, NULL))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'RFC 6121 §2.1 roster items with their subscription state (Appendix A), listed or kept for a pending request', N'Schema', N'dbo', N'Table', N'roster_items'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'RFC 6121 §2.1 roster items with their subscription state (Appendix A), listed or kept for a pending request', N'Schema', N'dbo', N'Table', N'roster_items'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'roster_items', N'Column', N'domain'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'domain of the owning account', N'Schema', N'dbo', N'Table', N'roster_items', N'Column', N'domain'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'domain of the owning account', N'Schema', N'dbo', N'Table', N'roster_items', N'Column', N'domain'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'roster_items', N'Column', N'username'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'username of the owning account', N'Schema', N'dbo', N'Table', N'roster_items', N'Column', N'username'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'username of the owning account', N'Schema', N'dbo', N'Table', N'roster_items', N'Column', N'username'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'roster_items', N'Column', N'contact_jid'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'normalised bare JID of the contact', N'Schema', N'dbo', N'Table', N'roster_items', N'Column', N'contact_jid'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'normalised bare JID of the contact', N'Schema', N'dbo', N'Table', N'roster_items', N'Column', N'contact_jid'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'roster_items', N'Column', N'name'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'the name the user gave the contact; null when none was set (empty is a name)', N'Schema', N'dbo', N'Table', N'roster_items', N'Column', N'name'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'the name the user gave the contact; null when none was set (empty is a name)', N'Schema', N'dbo', N'Table', N'roster_items', N'Column', N'name'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'roster_items', N'Column', N'groups'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'group names as a JSON array of strings, in the order the client gave them', N'Schema', N'dbo', N'Table', N'roster_items', N'Column', N'groups'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'group names as a JSON array of strings, in the order the client gave them', N'Schema', N'dbo', N'Table', N'roster_items', N'Column', N'groups'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'roster_items', N'Column', N'subscription'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'RFC 6121 §2.1.2.5 subscription', N'Schema', N'dbo', N'Table', N'roster_items', N'Column', N'subscription'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'RFC 6121 §2.1.2.5 subscription', N'Schema', N'dbo', N'Table', N'roster_items', N'Column', N'subscription'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'roster_items', N'Column', N'pending_out'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'the user asked for the presence of the contact and awaits the answer (ask=subscribe)', N'Schema', N'dbo', N'Table', N'roster_items', N'Column', N'pending_out'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'the user asked for the presence of the contact and awaits the answer (ask=subscribe)', N'Schema', N'dbo', N'Table', N'roster_items', N'Column', N'pending_out'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'roster_items', N'Column', N'pending_in'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'the contact asked for the presence of the user and awaits the answer of the user', N'Schema', N'dbo', N'Table', N'roster_items', N'Column', N'pending_in'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'the contact asked for the presence of the user and awaits the answer of the user', N'Schema', N'dbo', N'Table', N'roster_items', N'Column', N'pending_in'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'roster_items', N'Column', N'pre_approved'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'RFC 6121 §3.4 subscription pre-approved by the user', N'Schema', N'dbo', N'Table', N'roster_items', N'Column', N'pre_approved'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'RFC 6121 §3.4 subscription pre-approved by the user', N'Schema', N'dbo', N'Table', N'roster_items', N'Column', N'pre_approved'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'roster_items', N'Column', N'is_listed'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'shown in roster results and pushes; false for a contact known only from an inbound request', N'Schema', N'dbo', N'Table', N'roster_items', N'Column', N'is_listed'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'shown in roster results and pushes; false for a contact known only from an inbound request', N'Schema', N'dbo', N'Table', N'roster_items', N'Column', N'is_listed'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'roster_items', N'Column', N'pending_in_stanza'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'the inbound subscription request as received (XML), re-delivered at login', N'Schema', N'dbo', N'Table', N'roster_items', N'Column', N'pending_in_stanza'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'the inbound subscription request as received (XML), re-delivered at login', N'Schema', N'dbo', N'Table', N'roster_items', N'Column', N'pending_in_stanza'

CREATE TABLE [offline_messages] ([id] bigint identity(1,1) not null primary key, [domain] nvarchar(1023) not null, [username] nvarchar(1023) not null, [stanza] nvarchar(max) not null, [stored_at] datetimeoffset not null CONSTRAINT [offline_messages_stored_at_default] DEFAULT CURRENT_TIMESTAMP, CONSTRAINT [offline_messages_domain_username_foreign] FOREIGN KEY ([domain], [username]) REFERENCES [accounts] ([domain], [username]))

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'offline_messages', NULL, NULL))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'XEP-0160 messages kept for an account that had no available resource', N'Schema', N'dbo', N'Table', N'offline_messages'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'XEP-0160 messages kept for an account that had no available resource', N'Schema', N'dbo', N'Table', N'offline_messages'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'offline_messages', N'Column', N'id'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'increasing with every stored message; delivery order', N'Schema', N'dbo', N'Table', N'offline_messages', N'Column', N'id'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'increasing with every stored message; delivery order', N'Schema', N'dbo', N'Table', N'offline_messages', N'Column', N'id'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'offline_messages', N'Column', N'domain'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'domain of the owning account', N'Schema', N'dbo', N'Table', N'offline_messages', N'Column', N'domain'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'domain of the owning account', N'Schema', N'dbo', N'Table', N'offline_messages', N'Column', N'domain'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'offline_messages', N'Column', N'username'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'username of the owning account', N'Schema', N'dbo', N'Table', N'offline_messages', N'Column', N'username'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'username of the owning account', N'Schema', N'dbo', N'Table', N'offline_messages', N'Column', N'username'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'offline_messages', N'Column', N'stanza'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'the message stanza as routed (XML)', N'Schema', N'dbo', N'Table', N'offline_messages', N'Column', N'stanza'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'the message stanza as routed (XML)', N'Schema', N'dbo', N'Table', N'offline_messages', N'Column', N'stanza'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'offline_messages', N'Column', N'stored_at'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'when the message was stored', N'Schema', N'dbo', N'Table', N'offline_messages', N'Column', N'stored_at'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'when the message was stored', N'Schema', N'dbo', N'Table', N'offline_messages', N'Column', N'stored_at'

CREATE INDEX [offline_messages_account_id] ON [offline_messages] ([domain], [username], [id])

CREATE TABLE [vcards] ([domain] nvarchar(1023) not null, [username] nvarchar(1023) not null, [vcard] nvarchar(max) not null, [updated_at] datetimeoffset not null CONSTRAINT [vcards_updated_at_default] DEFAULT CURRENT_TIMESTAMP, CONSTRAINT [vcards_domain_username_foreign] FOREIGN KEY ([domain], [username]) REFERENCES [accounts] ([domain], [username]), CONSTRAINT [vcards_pkey] PRIMARY KEY ([domain], [username]))

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'vcards', NULL, NULL))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'XEP-0054 vCard-temp of each account that set one, as the client sent it', N'Schema', N'dbo', N'Table', N'vcards'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'XEP-0054 vCard-temp of each account that set one, as the client sent it', N'Schema', N'dbo', N'Table', N'vcards'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'vcards', N'Column', N'domain'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'domain of the owning account', N'Schema', N'dbo', N'Table', N'vcards', N'Column', N'domain'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'domain of the owning account', N'Schema', N'dbo', N'Table', N'vcards', N'Column', N'domain'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'vcards', N'Column', N'username'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'username of the owning account', N'Schema', N'dbo', N'Table', N'vcards', N'Column', N'username'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'username of the owning account', N'Schema', N'dbo', N'Table', N'vcards', N'Column', N'username'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'vcards', N'Column', N'vcard'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'the vCard element as XML', N'Schema', N'dbo', N'Table', N'vcards', N'Column', N'vcard'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'the vCard element as XML', N'Schema', N'dbo', N'Table', N'vcards', N'Column', N'vcard'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'vcards', N'Column', N'updated_at'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'when the vCard was last set', N'Schema', N'dbo', N'Table', N'vcards', N'Column', N'updated_at'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'when the vCard was last set', N'Schema', N'dbo', N'Table', N'vcards', N'Column', N'updated_at'

CREATE TABLE [blocklist] ([domain] nvarchar(1023) not null, [username] nvarchar(1023) not null, [blocked_jid] nvarchar(3071) not null, CONSTRAINT [blocklist_domain_username_foreign] FOREIGN KEY ([domain], [username]) REFERENCES [accounts] ([domain], [username]), CONSTRAINT [blocklist_pkey] PRIMARY KEY ([domain], [username], [blocked_jid]))

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'blocklist', NULL, NULL))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'XEP-0191 JIDs each account blocks', N'Schema', N'dbo', N'Table', N'blocklist'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'XEP-0191 JIDs each account blocks', N'Schema', N'dbo', N'Table', N'blocklist'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'blocklist', N'Column', N'domain'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'domain of the owning account', N'Schema', N'dbo', N'Table', N'blocklist', N'Column', N'domain'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'domain of the owning account', N'Schema', N'dbo', N'Table', N'blocklist', N'Column', N'domain'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'blocklist', N'Column', N'username'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'username of the owning account', N'Schema', N'dbo', N'Table', N'blocklist', N'Column', N'username'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'username of the owning account', N'Schema', N'dbo', N'Table', N'blocklist', N'Column', N'username'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'blocklist', N'Column', N'blocked_jid'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'blocked JID as the client gave it, normalised: domain, bare or full', N'Schema', N'dbo', N'Table', N'blocklist', N'Column', N'blocked_jid'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'blocked JID as the client gave it, normalised: domain, bare or full', N'Schema', N'dbo', N'Table', N'blocklist', N'Column', N'blocked_jid'
