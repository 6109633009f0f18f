update "tc_leases" set "expires_at" = current_timestamp + ($1 * interval '1 millisecond') where "alias" = $2 and "owner_node" = $3 and "expires_at" >= current_timestamp

select * from "tc_leases" where "alias" = $1 limit $2

update "tc_leases" set "expires_at" = current_timestamp + ($1 * interval '1 millisecond') where "alias" = $2 and "owner_node" = $3 and "epoch" = $4

select * from "tc_leases" where "alias" = $1 limit $2

update "tc_leases" set "owner_node" = $1, "expires_at" = current_timestamp where "alias" = $2 and "owner_node" = $3 and "epoch" = $4

BEGIN;

select "epoch" from "tc_leases" where "alias" = $1 and "owner_node" = $2 and "epoch" = $3 for share

update "tc_rooms" set "modified_at" = $1, "subject" = $2 where "room_id" = $3

COMMIT;

BEGIN;

select "epoch" from "tc_leases" where "alias" = $1 and "owner_node" = $2 and "epoch" = $3 for share

insert into "tc_msgarchive" ("body_len", "body_string", "body_text", "epoch", "from_jid", "message_len", "message_string", "message_text", "msg_id", "msg_type", "nick_jid", "room_id", "sent_date", "stanza_id", "subject", "to_jid") values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)

COMMIT;

BEGIN;

select "epoch" from "tc_leases" where "alias" = $1 and "owner_node" = $2 and "epoch" = $3 for share

insert into "tc_msgarchive" ("body_len", "body_string", "body_text", "epoch", "from_jid", "message_len", "message_string", "message_text", "msg_id", "msg_type", "nick_jid", "room_id", "sent_date", "stanza_id", "subject", "to_jid") values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16), ($17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32)

COMMIT;

select count(*) as "count" from "tc_msgarchive" where "room_id" = $1 and "sent_date" >= $2 limit $3

select * from "tc_msgarchive" where "room_id" = $1 and "sent_date" >= $2 and "msg_id" < $3 order by "msg_id" desc limit $4
