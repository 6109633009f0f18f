create table "accounts" ("domain" varchar2(1023) not null, "username" varchar2(1023) not null, "sha1_iterations" integer not null, "sha1_salt" blob not null, "sha1_stored_key" blob not null, "sha1_server_key" blob not null, "sha256_iterations" integer not null, "sha256_salt" blob not null, "sha256_stored_key" blob not null, "sha256_server_key" blob not null, "created_at" timestamp with local time zone default CURRENT_TIMESTAMP not null)

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

alter table "accounts" add constraint "accounts_pkey" primary key ("domain", "username")
