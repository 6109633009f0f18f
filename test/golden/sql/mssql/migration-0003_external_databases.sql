CREATE TABLE [external_databases] ([name] nvarchar(64) not null, [type] nvarchar(16) not null, [host] nvarchar(255) not null, [port] int not null, [database_name] nvarchar(128) not null, [username] nvarchar(128) not null, [password] nvarchar(max) not null, [options] nvarchar(max) not null, [created_at] datetimeoffset not null CONSTRAINT [external_databases_created_at_default] DEFAULT CURRENT_TIMESTAMP, CONSTRAINT [external_databases_pkey] PRIMARY KEY ([name]))

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'external_databases', NULL, NULL))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'external databases an operator registered, by name', N'Schema', N'dbo', N'Table', N'external_databases'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'external databases an operator registered, by name', N'Schema', N'dbo', N'Table', N'external_databases'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'external_databases', N'Column', N'name'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'name the operator gave the database', N'Schema', N'dbo', N'Table', N'external_databases', N'Column', N'name'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'name the operator gave the database', N'Schema', N'dbo', N'Table', N'external_databases', N'Column', N'name'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'external_databases', N'Column', N'type'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'postgres, oracle or mssql', N'Schema', N'dbo', N'Table', N'external_databases', N'Column', N'type'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'postgres, oracle or mssql', N'Schema', N'dbo', N'Table', N'external_databases', N'Column', N'type'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'external_databases', N'Column', N'host'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'host name or address of the server', N'Schema', N'dbo', N'Table', N'external_databases', N'Column', N'host'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'host name or address of the server', N'Schema', N'dbo', N'Table', N'external_databases', N'Column', N'host'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'external_databases', N'Column', N'port'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'TCP port of the server', N'Schema', N'dbo', N'Table', N'external_databases', N'Column', N'port'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'TCP port of the server', N'Schema', N'dbo', N'Table', N'external_databases', N'Column', N'port'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'external_databases', N'Column', N'database_name'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'database (PostgreSQL, SQL Server) or service name (Oracle)', N'Schema', N'dbo', N'Table', N'external_databases', N'Column', N'database_name'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'database (PostgreSQL, SQL Server) or service name (Oracle)', N'Schema', N'dbo', N'Table', N'external_databases', N'Column', N'database_name'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'external_databases', N'Column', N'username'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'login of the database user', N'Schema', N'dbo', N'Table', N'external_databases', N'Column', N'username'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'login of the database user', N'Schema', N'dbo', N'Table', N'external_databases', N'Column', N'username'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'external_databases', N'Column', N'password'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'password of the database user, read by every node of the cluster: protect this database', N'Schema', N'dbo', N'Table', N'external_databases', N'Column', N'password'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'password of the database user, read by every node of the cluster: protect this database', N'Schema', N'dbo', N'Table', N'external_databases', N'Column', N'password'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'external_databases', N'Column', N'options'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'JSON: pool size, timeouts, heartbeat, TLS settings', N'Schema', N'dbo', N'Table', N'external_databases', N'Column', N'options'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'JSON: pool size, timeouts, heartbeat, TLS settings', N'Schema', N'dbo', N'Table', N'external_databases', N'Column', N'options'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'external_databases', N'Column', N'created_at'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'when it was registered', N'Schema', N'dbo', N'Table', N'external_databases', N'Column', N'created_at'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'when it was registered', N'Schema', N'dbo', N'Table', N'external_databases', N'Column', N'created_at'

CREATE TABLE [external_database_assignments] ([target_kind] nvarchar(8) not null, [target_name] nvarchar(255) not null, [feature] nvarchar(32) not null, [database_name] nvarchar(64) not null, [assigned_at] datetimeoffset not null CONSTRAINT [external_database_assignments_assigned_at_default] DEFAULT CURRENT_TIMESTAMP, CONSTRAINT [external_database_assignments_pkey] PRIMARY KEY ([target_kind], [target_name], [feature]), CONSTRAINT [external_database_assignments_database_name_foreign] FOREIGN KEY ([database_name]) REFERENCES [external_databases] ([name]))

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'external_database_assignments', NULL, NULL))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'which external database serves a feature for a node or a redundancy group', N'Schema', N'dbo', N'Table', N'external_database_assignments'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'which external database serves a feature for a node or a redundancy group', N'Schema', N'dbo', N'Table', N'external_database_assignments'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'external_database_assignments', N'Column', N'target_kind'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'node or group', N'Schema', N'dbo', N'Table', N'external_database_assignments', N'Column', N'target_kind'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'node or group', N'Schema', N'dbo', N'Table', N'external_database_assignments', N'Column', N'target_kind'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'external_database_assignments', N'Column', N'target_name'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'node name or redundancy group name', N'Schema', N'dbo', N'Table', N'external_database_assignments', N'Column', N'target_name'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'node name or redundancy group name', N'Schema', N'dbo', N'Table', N'external_database_assignments', N'Column', N'target_name'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'external_database_assignments', N'Column', N'feature'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'text-conference (persistent chat)', N'Schema', N'dbo', N'Table', N'external_database_assignments', N'Column', N'feature'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'text-conference (persistent chat)', N'Schema', N'dbo', N'Table', N'external_database_assignments', N'Column', N'feature'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'external_database_assignments', N'Column', N'database_name'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'the database (external_databases.name)', N'Schema', N'dbo', N'Table', N'external_database_assignments', N'Column', N'database_name'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'the database (external_databases.name)', N'Schema', N'dbo', N'Table', N'external_database_assignments', N'Column', N'database_name'

IF EXISTS(SELECT * FROM sys.fn_listextendedproperty(N'MS_Description', N'Schema', N'dbo', N'Table', N'external_database_assignments', N'Column', N'assigned_at'))
  EXEC sys.sp_updateextendedproperty N'MS_Description', N'when it was assigned', N'Schema', N'dbo', N'Table', N'external_database_assignments', N'Column', N'assigned_at'
ELSE
  EXEC sys.sp_addextendedproperty N'MS_Description', N'when it was assigned', N'Schema', N'dbo', N'Table', N'external_database_assignments', N'Column', N'assigned_at'
