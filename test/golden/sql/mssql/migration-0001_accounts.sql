CREATE TABLE [accounts] ([domain] nvarchar(1023) not null, [username] nvarchar(1023) not null, [sha1_iterations] int not null, [sha1_salt] varbinary(max) not null, [sha1_stored_key] varbinary(max) not null, [sha1_server_key] varbinary(max) not null, [sha256_iterations] int not null, [sha256_salt] varbinary(max) not null, [sha256_stored_key] varbinary(max) not null, [sha256_server_key] varbinary(max) not null, [created_at] datetimeoffset not null CONSTRAINT [accounts_created_at_default] DEFAULT CURRENT_TIMESTAMP, CONSTRAINT [accounts_pkey] PRIMARY KEY ([domain], [username]))

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'accounts', NULL, NULL))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'XMPP accounts of every virtual host, with SCRAM credentials only', N'Schema', N'dbo', N'Table', N'accounts'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'XMPP accounts of every virtual host, with SCRAM credentials only', N'Schema', N'dbo', N'Table', N'accounts'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'accounts', N'Column', N'domain'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'normalised domain of the virtual host of the account', N'Schema', N'dbo', N'Table', N'accounts', N'Column', N'domain'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'normalised domain of the virtual host of the account', N'Schema', N'dbo', N'Table', N'accounts', N'Column', N'domain'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'accounts', N'Column', N'username'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'normalised localpart (RFC 7622 UsernameCaseMapped)', N'Schema', N'dbo', N'Table', N'accounts', N'Column', N'username'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'normalised localpart (RFC 7622 UsernameCaseMapped)', N'Schema', N'dbo', N'Table', N'accounts', N'Column', N'username'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'accounts', N'Column', N'sha1_iterations'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'SCRAM-SHA-1 PBKDF2 iteration count', N'Schema', N'dbo', N'Table', N'accounts', N'Column', N'sha1_iterations'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'SCRAM-SHA-1 PBKDF2 iteration count', N'Schema', N'dbo', N'Table', N'accounts', N'Column', N'sha1_iterations'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'accounts', N'Column', N'sha1_salt'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'SCRAM-SHA-1 salt', N'Schema', N'dbo', N'Table', N'accounts', N'Column', N'sha1_salt'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'SCRAM-SHA-1 salt', N'Schema', N'dbo', N'Table', N'accounts', N'Column', N'sha1_salt'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'accounts', N'Column', N'sha1_stored_key'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'SCRAM-SHA-1 StoredKey = H(ClientKey)', N'Schema', N'dbo', N'Table', N'accounts', N'Column', N'sha1_stored_key'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'SCRAM-SHA-1 StoredKey = H(ClientKey)', N'Schema', N'dbo', N'Table', N'accounts', N'Column', N'sha1_stored_key'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'accounts', N'Column', N'sha1_server_key'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'SCRAM-SHA-1 ServerKey = HMAC(SaltedPassword, "Server Key")', N'Schema', N'dbo', N'Table', N'accounts', N'Column', N'sha1_server_key'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'SCRAM-SHA-1 ServerKey = HMAC(SaltedPassword, "Server Key")', N'Schema', N'dbo', N'Table', N'accounts', N'Column', N'sha1_server_key'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'accounts', N'Column', N'sha256_iterations'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'SCRAM-SHA-256 PBKDF2 iteration count', N'Schema', N'dbo', N'Table', N'accounts', N'Column', N'sha256_iterations'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'SCRAM-SHA-256 PBKDF2 iteration count', N'Schema', N'dbo', N'Table', N'accounts', N'Column', N'sha256_iterations'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'accounts', N'Column', N'sha256_salt'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'SCRAM-SHA-256 salt', N'Schema', N'dbo', N'Table', N'accounts', N'Column', N'sha256_salt'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'SCRAM-SHA-256 salt', N'Schema', N'dbo', N'Table', N'accounts', N'Column', N'sha256_salt'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'accounts', N'Column', N'sha256_stored_key'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'SCRAM-SHA-256 StoredKey = H(ClientKey)', N'Schema', N'dbo', N'Table', N'accounts', N'Column', N'sha256_stored_key'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'SCRAM-SHA-256 StoredKey = H(ClientKey)', N'Schema', N'dbo', N'Table', N'accounts', N'Column', N'sha256_stored_key'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'accounts', N'Column', N'sha256_server_key'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'SCRAM-SHA-256 ServerKey = HMAC(SaltedPassword, "Server Key")', N'Schema', N'dbo', N'Table', N'accounts', N'Column', N'sha256_server_key'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'SCRAM-SHA-256 ServerKey = HMAC(SaltedPassword, "Server Key")', N'Schema', N'dbo', N'Table', N'accounts', N'Column', N'sha256_server_key'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'accounts', N'Column', N'created_at'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'when the account was created', N'Schema', N'dbo', N'Table', N'accounts', N'Column', N'created_at'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'when the account was created', N'Schema', N'dbo', N'Table', N'accounts', N'Column', N'created_at'
