update "tc_leases" set "expires_at" = systimestamp + numtodsinterval(:1 / 1000, 'SECOND') where "alias" = :2 and "owner_node" = :3 and "expires_at" >= systimestamp

select * from (select * from "tc_leases" where "alias" = :1) where rownum <= :2

update "tc_leases" set "expires_at" = systimestamp + numtodsinterval(:1 / 1000, 'SECOND') where "alias" = :2 and "owner_node" = :3 and "epoch" = :4

select * from (select * from "tc_leases" where "alias" = :1) where rownum <= :2

update "tc_leases" set "owner_node" = :1, "expires_at" = systimestamp where "alias" = :2 and "owner_node" = :3 and "epoch" = :4

select "epoch" from "tc_leases" where "alias" = :1 and "owner_node" = :2 and "epoch" = :3 for update

update "tc_rooms" set "modified_at" = :1, "subject" = :2 where "room_id" = :3

commit

commit

select "epoch" from "tc_leases" where "alias" = :1 and "owner_node" = :2 and "epoch" = :3 for update

insert into "tc_msgarchive" ("body_len", "body_string", "body_text", "epoch", "from_jid", "message_len", "message_string", "message_text", "msg_id", "msg_type", "nick_jid", "room_id", "sent_date", "stanza_id", "subject", "to_jid") values (:1, :2, :3, :4, :5, :6, :7, :8, :9, :10, :11, :12, :13, :14, :15, :16)

commit

commit

select "epoch" from "tc_leases" where "alias" = :1 and "owner_node" = :2 and "epoch" = :3 for update

begin execute immediate 'insert into "tc_msgarchive" ("body_len", "body_string", "body_text", "epoch", "from_jid", "message_len", "message_string", "message_text", "msg_id", "msg_type", "nick_jid", "room_id", "sent_date", "stanza_id", "subject", "to_jid") values (:1, :2, :3, :4, :5, :6, :7, :8, :9, :10, :11, :12, :13, :14, :15, :16)' using :1, :2, :3, :4, :5, :6, :7, :8, :9, :10, :11, :12, :13, :14, :15, :16; execute immediate 'insert into "tc_msgarchive" ("body_len", "body_string", "body_text", "epoch", "from_jid", "message_len", "message_string", "message_text", "msg_id", "msg_type", "nick_jid", "room_id", "sent_date", "stanza_id", "subject", "to_jid") values (:1, :2, :3, :4, :5, :6, :7, :8, :9, :10, :11, :12, :13, :14, :15, :16)' using :17, :18, :19, :20, :21, :22, :23, :24, :25, :26, :27, :28, :29, :30, :31, :32;end;

commit

commit

select * from (select count(*) "count" from "tc_msgarchive" where "room_id" = :1 and "sent_date" >= :2) where rownum <= :3

select * from (select * from "tc_msgarchive" where "room_id" = :1 and "sent_date" >= :2 and "msg_id" < :3 order by "msg_id" desc) where rownum <= :4
