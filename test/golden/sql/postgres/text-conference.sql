update "tc_leases" set "expires_at" = current_timestamp + ($1 * interval '1 millisecond') where "alias" = $2 and "owner_node" = $3 and "expires_at" >= current_timestamp

select * from "tc_leases" where "alias" = $1 limit $2

update "tc_leases" set "expires_at" = current_timestamp + ($1 * interval '1 millisecond') where "alias" = $2 and "owner_node" = $3 and "epoch" = $4

select * from "tc_leases" where "alias" = $1 limit $2

update "tc_leases" set "owner_node" = $1, "expires_at" = current_timestamp where "alias" = $2 and "owner_node" = $3 and "epoch" = $4

BEGIN;

select "epoch" from "tc_leases" where "alias" = $1 and "owner_node" = $2 and "epoch" = $3 for share

update "tc_rooms" set "modified_at" = $1, "subject" = $2 where "room_id" = $3

COMMIT;

-- prepared as parley_fenced_insert_4150af0a8583cac4
with lease as (select 1 from "tc_leases" where alias = $1 and owner_node = $2 and epoch = $3 for share),
inserted as (insert into "tc_msgarchive" ("room_id", "msg_id", "stanza_id", "to_jid", "from_jid", "nick_jid", "sent_date", "msg_type", "body_len", "message_len", "body_string", "message_string", "body_text", "message_text", "subject", "epoch") select "room_id", "msg_id", "stanza_id", "to_jid", "from_jid", "nick_jid", "sent_date", "msg_type", "body_len", "message_len", "body_string", "message_string", "body_text", "message_text", "subject", "epoch" from json_populate_recordset(null::"tc_msgarchive", $4::json), lease returning 1)
select count(*) as inserted from inserted

-- prepared as parley_fenced_insert_4150af0a8583cac4
with lease as (select 1 from "tc_leases" where alias = $1 and owner_node = $2 and epoch = $3 for share),
inserted as (insert into "tc_msgarchive" ("room_id", "msg_id", "stanza_id", "to_jid", "from_jid", "nick_jid", "sent_date", "msg_type", "body_len", "message_len", "body_string", "message_string", "body_text", "message_text", "subject", "epoch") select "room_id", "msg_id", "stanza_id", "to_jid", "from_jid", "nick_jid", "sent_date", "msg_type", "body_len", "message_len", "body_string", "message_string", "body_text", "message_text", "subject", "epoch" from json_populate_recordset(null::"tc_msgarchive", $4::json), lease returning 1)
select count(*) as inserted from inserted

select count(*) as "count" from "tc_msgarchive" where "room_id" = $1 and "sent_date" >= $2 limit $3

select * from "tc_msgarchive" where "room_id" = $1 and "sent_date" >= $2 and "msg_id" < $3 order by "msg_id" desc limit $4
