begin execute immediate 'create table "parley_migration_lock" ("id" number(1) primary key, "holder" varchar2(64), "taken_at" timestamp)'; exception when others then if sqlcode != -955 then raise; end if; end;

begin insert into "parley_migration_lock" ("id") values (1); commit; exception when dup_val_on_index then null; end;

update "parley_migration_lock" set "holder" = :1, "taken_at" = systimestamp where "id" = 1 and ("holder" is null or "taken_at" < systimestamp - interval '10' minute)

select 42

update "parley_migration_lock" set "holder" = null, "taken_at" = null where "id" = 1 and "holder" = :1
