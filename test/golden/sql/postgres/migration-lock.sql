BEGIN;

select pg_advisory_xact_lock(123563833845113)

select 42

COMMIT;
