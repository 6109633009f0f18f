create table "roster_versions" ("domain" varchar(1023) not null, "username" varchar(1023) not null, "version" integer not null, constraint "roster_versions_pkey" primary key ("domain", "username"))

comment on table "roster_versions" is 'RFC 6121 §2.6 roster version of each account that ever changed its roster'

comment on column "roster_versions"."domain" is 'domain of the owning account'

comment on column "roster_versions"."username" is 'username of the owning account'

comment on column "roster_versions"."version" is 'incremented by every roster change; absent row means version 0'

alter table "roster_versions" add constraint "roster_versions_domain_username_foreign" foreign key ("domain", "username") references "accounts" ("domain", "username")

create table "roster_items" ("domain" varchar(1023) not null, "username" varchar(1023) not null, "contact_jid" varchar(2047) not null, "name" text null, "groups" text not null, "subscription" text check ("subscription" in ('none', 'to', 'from', 'both')) not null, "pending_out" boolean not null, "pending_in" boolean not null, "pre_approved" boolean not null, "is_listed" boolean not null, "pending_in_stanza" text null, constraint "roster_items_pkey" primary key ("domain", "username", "contact_jid"))

comment on table "roster_items" is 'RFC 6121 §2.1 roster items with their subscription state (Appendix A), listed or kept for a pending request'

comment on column "roster_items"."domain" is 'domain of the owning account'

comment on column "roster_items"."username" is 'username of the owning account'

comment on column "roster_items"."contact_jid" is 'normalised bare JID of the contact'

comment on column "roster_items"."name" is 'the name the user gave the contact; null when none was set (empty is a name)'

comment on column "roster_items"."groups" is 'group names as a JSON array of strings, in the order the client gave them'

comment on column "roster_items"."subscription" is 'RFC 6121 §2.1.2.5 subscription'

comment on column "roster_items"."pending_out" is 'the user asked for the presence of the contact and awaits the answer (ask=subscribe)'

comment on column "roster_items"."pending_in" is 'the contact asked for the presence of the user and awaits the answer of the user'

comment on column "roster_items"."pre_approved" is 'RFC 6121 §3.4 subscription pre-approved by the user'

comment on column "roster_items"."is_listed" is 'shown in roster results and pushes; false for a contact known only from an inbound request'

comment on column "roster_items"."pending_in_stanza" is 'the inbound subscription request as received (XML), re-delivered at login'

alter table "roster_items" add constraint "roster_items_domain_username_foreign" foreign key ("domain", "username") references "accounts" ("domain", "username")

create table "offline_messages" ("id" bigserial primary key, "domain" varchar(1023) not null, "username" varchar(1023) not null, "stanza" text not null, "stored_at" timestamptz not null default CURRENT_TIMESTAMP)

comment on table "offline_messages" is 'XEP-0160 messages kept for an account that had no available resource'

comment on column "offline_messages"."id" is 'increasing with every stored message; delivery order'

comment on column "offline_messages"."domain" is 'domain of the owning account'

comment on column "offline_messages"."username" is 'username of the owning account'

comment on column "offline_messages"."stanza" is 'the message stanza as routed (XML)'

comment on column "offline_messages"."stored_at" is 'when the message was stored'

alter table "offline_messages" add constraint "offline_messages_domain_username_foreign" foreign key ("domain", "username") references "accounts" ("domain", "username")

create index "offline_messages_account_id" on "offline_messages" ("domain", "username", "id")

create table "vcards" ("domain" varchar(1023) not null, "username" varchar(1023) not null, "vcard" text not null, "updated_at" timestamptz not null default CURRENT_TIMESTAMP, constraint "vcards_pkey" primary key ("domain", "username"))

comment on table "vcards" is 'XEP-0054 vCard-temp of each account that set one, as the client sent it'

comment on column "vcards"."domain" is 'domain of the owning account'

comment on column "vcards"."username" is 'username of the owning account'

comment on column "vcards"."vcard" is 'the vCard element as XML'

comment on column "vcards"."updated_at" is 'when the vCard was last set'

alter table "vcards" add constraint "vcards_domain_username_foreign" foreign key ("domain", "username") references "accounts" ("domain", "username")

create table "blocklist" ("domain" varchar(1023) not null, "username" varchar(1023) not null, "blocked_jid" varchar(3071) not null, constraint "blocklist_pkey" primary key ("domain", "username", "blocked_jid"))

comment on table "blocklist" is 'XEP-0191 JIDs each account blocks'

comment on column "blocklist"."domain" is 'domain of the owning account'

comment on column "blocklist"."username" is 'username of the owning account'

comment on column "blocklist"."blocked_jid" is 'blocked JID as the client gave it, normalised: domain, bare or full'

alter table "blocklist" add constraint "blocklist_domain_username_foreign" foreign key ("domain", "username") references "accounts" ("domain", "username")
