create table "roster_versions" ("domain" varchar2(1023) not null, "username" varchar2(1023) not null, "version" integer not null)

comment on table "roster_versions" is 'RFC 6121 §2.6 roster version of each account that ever changed its roster'

comment on column "roster_versions"."domain" is 'domain of the owning account'

comment on column "roster_versions"."username" is 'username of the owning account'

comment on column "roster_versions"."version" is 'incremented by every roster change; absent row means version 0'

alter table "roster_versions" add constraint "roster_versions_domain_username_foreign" foreign key ("domain", "username") references "accounts" ("domain", "username")

alter table "roster_versions" add constraint "roster_versions_pkey" primary key ("domain", "username")

create table "roster_items" ("domain" varchar2(1023) not null, "username" varchar2(1023) not null, "contact_jid" varchar2(2047) not null, "name" clob null, "groups" clob not null, "subscription" varchar2(4) not null check ("subscription" in ('none', 'to', 'from', 'both')), "pending_out" number(1, 0) not null check ("pending_out" in ('0', '1')), "pending_in" number(1, 0) not null check ("pending_in" in ('0', '1')), "pre_approved" number(1, 0) not null check ("pre_approved" in ('0', '1')), "is_listed" number(1, 0) not null check ("is_listed" in ('0', '1')), "pending_in_stanza" clob null)

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

alter table "roster_items" add constraint "roster_items_pkey" primary key ("domain", "username", "contact_jid")

create table "offline_messages" ("id" number(20, 0) not null primary key, "domain" varchar2(1023) not null, "username" varchar2(1023) not null, "stanza" clob not null, "stored_at" timestamp with local time zone default CURRENT_TIMESTAMP not null)

comment on table "offline_messages" is 'XEP-0160 messages kept for an account that had no available resource'

DECLARE PK_NAME VARCHAR(200); BEGIN  EXECUTE IMMEDIATE ('CREATE SEQUENCE "offline_messages_seq"');  SELECT cols.column_name INTO PK_NAME  FROM all_constraints cons, all_cons_columns cols  WHERE cons.constraint_type = 'P'  AND cons.constraint_name = cols.constraint_name  AND cons.owner = cols.owner  AND cols.table_name = 'offline_messages';  execute immediate ('create or replace trigger "offline_messages_autoinc_trg"  BEFORE INSERT on "offline_messages"  for each row  declare  checking number := 1;  begin    if (:new."' || PK_NAME || '" is null) then      while checking >= 1 loop        select "offline_messages_seq".nextval into :new."' || PK_NAME || '" from dual;        select count("' || PK_NAME || '") into checking from "offline_messages"        where "' || PK_NAME || '" = :new."' || PK_NAME || '";      end loop;    end if;  end;'); END;

comment on column "offline_messages"."id" is 'increasing with every stored message; delivery order'

comment on column "offline_messages"."domain" is 'domain of the owning account'

comment on column "offline_messages"."username" is 'username of the owning account'

comment on column "offline_messages"."stanza" is 'the message stanza as routed (XML)'

comment on column "offline_messages"."stored_at" is 'when the message was stored'

alter table "offline_messages" add constraint "offline_messages_domain_username_foreign" foreign key ("domain", "username") references "accounts" ("domain", "username")

create index "offline_messages_account_id" on "offline_messages" ("domain", "username", "id")

create table "vcards" ("domain" varchar2(1023) not null, "username" varchar2(1023) not null, "vcard" clob not null, "updated_at" timestamp with local time zone default CURRENT_TIMESTAMP not null)

comment on table "vcards" is 'XEP-0054 vCard-temp of each account that set one, as the client sent it'

comment on column "vcards"."domain" is 'domain of the owning account'

comment on column "vcards"."username" is 'username of the owning account'

comment on column "vcards"."vcard" is 'the vCard element as XML'

comment on column "vcards"."updated_at" is 'when the vCard was last set'

alter table "vcards" add constraint "vcards_domain_username_foreign" foreign key ("domain", "username") references "accounts" ("domain", "username")

alter table "vcards" add constraint "vcards_pkey" primary key ("domain", "username")

create table "blocklist" ("domain" varchar2(1023) not null, "username" varchar2(1023) not null, "blocked_jid" varchar2(3071) not null)

comment on table "blocklist" is 'XEP-0191 JIDs each account blocks'

comment on column "blocklist"."domain" is 'domain of the owning account'

comment on column "blocklist"."username" is 'username of the owning account'

comment on column "blocklist"."blocked_jid" is 'blocked JID as the client gave it, normalised: domain, bare or full'

alter table "blocklist" add constraint "blocklist_domain_username_foreign" foreign key ("domain", "username") references "accounts" ("domain", "username")

alter table "blocklist" add constraint "blocklist_pkey" primary key ("domain", "username", "blocked_jid")
