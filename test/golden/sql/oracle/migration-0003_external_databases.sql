create table "external_databases" ("name" varchar2(64) not null, "type" varchar2(16) not null, "host" varchar2(255) not null, "port" integer not null, "database_name" varchar2(128) not null, "username" varchar2(128) not null, "password" clob not null, "options" clob not null, "created_at" timestamp with local time zone default CURRENT_TIMESTAMP not null)

comment on table "external_databases" is 'external databases an operator registered, by name'

comment on column "external_databases"."name" is 'name the operator gave the database'

comment on column "external_databases"."type" is 'postgres, oracle or mssql'

comment on column "external_databases"."host" is 'host name or address of the server'

comment on column "external_databases"."port" is 'TCP port of the server'

comment on column "external_databases"."database_name" is 'database (PostgreSQL, SQL Server) or service name (Oracle)'

comment on column "external_databases"."username" is 'login of the database user'

comment on column "external_databases"."password" is 'password of the database user, read by every node of the cluster: protect this database'

comment on column "external_databases"."options" is 'JSON: pool size, timeouts, heartbeat, TLS settings'

comment on column "external_databases"."created_at" is 'when it was registered'

alter table "external_databases" add constraint "external_databases_pkey" primary key ("name")

create table "external_database_assignments" ("target_kind" varchar2(8) not null, "target_name" varchar2(255) not null, "feature" varchar2(32) not null, "database_name" varchar2(64) not null, "assigned_at" timestamp with local time zone default CURRENT_TIMESTAMP not null)

comment on table "external_database_assignments" is 'which external database serves a feature for a node or a redundancy group'

comment on column "external_database_assignments"."target_kind" is 'node or group'

comment on column "external_database_assignments"."target_name" is 'node name or redundancy group name'

comment on column "external_database_assignments"."feature" is 'text-conference (persistent chat)'

comment on column "external_database_assignments"."database_name" is 'the database (external_databases.name)'

comment on column "external_database_assignments"."assigned_at" is 'when it was assigned'

alter table "external_database_assignments" add constraint "external_database_assignments_pkey" primary key ("target_kind", "target_name", "feature")

alter table "external_database_assignments" add constraint "external_database_assignments_database_name_foreign" foreign key ("database_name") references "external_databases" ("name")
