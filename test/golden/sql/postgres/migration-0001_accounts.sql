create table "accounts" ("domain" varchar(1023) not null, "username" varchar(1023) not null, "sha1_iterations" integer not null, "sha1_salt" bytea not null, "sha1_stored_key" bytea not null, "sha1_server_key" bytea not null, "sha256_iterations" integer not null, "sha256_salt" bytea not null, "sha256_stored_key" bytea not null, "sha256_server_key" bytea not null, "created_at" timestamptz not null default CURRENT_TIMESTAMP, constraint "accounts_pkey" primary key ("domain", "username"))

comment on table "accounts" is 'XMPP accounts of every virtual host, with SCRAM credentials only'

comment on column "accounts"."domain" is 'normalised domain of the virtual host of the account'

comment on column "accounts"."username" is 'normalised localpart (RFC 7622 UsernameCaseMapped)'

comment on column "accounts"."sha1_iterations" is 'SCRAM-SHA-1 PBKDF2 iteration count'

comment on column "accounts"."sha1_salt" is 'SCRAM-SHA-1 salt'

comment on column "accounts"."sha1_stored_key" is 'SCRAM-SHA-1 StoredKey = H(ClientKey)'

comment on column "accounts"."sha1_server_key" is 'SCRAM-SHA-1 ServerKey = HMAC(SaltedPassword, "Server Key")'

comment on column "accounts"."sha256_iterations" is 'SCRAM-SHA-256 PBKDF2 iteration count'

comment on column "accounts"."sha256_salt" is 'SCRAM-SHA-256 salt'

comment on column "accounts"."sha256_stored_key" is 'SCRAM-SHA-256 StoredKey = H(ClientKey)'

comment on column "accounts"."sha256_server_key" is 'SCRAM-SHA-256 ServerKey = HMAC(SaltedPassword, "Server Key")'

comment on column "accounts"."created_at" is 'when the account was created'
