begin transaction

exec sp_getapplock @Resource = N'parley-migrations', @LockMode = N'Exclusive', @LockOwner = N'Transaction', @LockTimeout = -1

select 42

commit transaction
