update [tc_leases] set [expires_at] = dateadd(millisecond, @p0, sysdatetimeoffset()) where [alias] = @p1 and [owner_node] = @p2 and [expires_at] >= sysdatetimeoffset();select @@rowcount

select top (@p0) * from [tc_leases] where [alias] = @p1

update [tc_leases] set [expires_at] = dateadd(millisecond, @p0, sysdatetimeoffset()) where [alias] = @p1 and [owner_node] = @p2 and [epoch] = @p3;select @@rowcount

select top (@p0) * from [tc_leases] where [alias] = @p1

update [tc_leases] set [owner_node] = @p0, [expires_at] = sysdatetimeoffset() where [alias] = @p1 and [owner_node] = @p2 and [epoch] = @p3;select @@rowcount

begin transaction

select [epoch] from [tc_leases] with (HOLDLOCK) where [alias] = @p0 and [owner_node] = @p1 and [epoch] = @p2

update [tc_rooms] set [modified_at] = @p0, [subject] = @p1 where [room_id] = @p2;select @@rowcount

commit transaction

begin transaction

select [epoch] from [tc_leases] with (HOLDLOCK) where [alias] = @p0 and [owner_node] = @p1 and [epoch] = @p2

insert into [tc_msgarchive] ([body_len], [body_string], [body_text], [epoch], [from_jid], [message_len], [message_string], [message_text], [msg_id], [msg_type], [nick_jid], [room_id], [sent_date], [stanza_id], [subject], [to_jid]) values (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11, @p12, @p13, @p14, @p15)

commit transaction

begin transaction

select [epoch] from [tc_leases] with (HOLDLOCK) where [alias] = @p0 and [owner_node] = @p1 and [epoch] = @p2

insert into [tc_msgarchive] ([body_len], [body_string], [body_text], [epoch], [from_jid], [message_len], [message_string], [message_text], [msg_id], [msg_type], [nick_jid], [room_id], [sent_date], [stanza_id], [subject], [to_jid]) values (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11, @p12, @p13, @p14, @p15), (@p16, @p17, @p18, @p19, @p20, @p21, @p22, @p23, @p24, @p25, @p26, @p27, @p28, @p29, @p30, @p31)

commit transaction

select top (@p0) count(*) as [count] from [tc_msgarchive] where [room_id] = @p1 and [sent_date] >= @p2

select top (@p0) * from [tc_msgarchive] where [room_id] = @p1 and [sent_date] >= @p2 and [msg_id] < @p3 order by [msg_id] desc
