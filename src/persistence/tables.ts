// Table names of the cluster database, shared by the stores and by account deletion.
// Migrations spell names out instead, since a released migration never changes.
export const ACCOUNTS = 'accounts';
export const ROSTER_VERSIONS = 'roster_versions';
export const ROSTER_ITEMS = 'roster_items';
export const OFFLINE_MESSAGES = 'offline_messages';
export const VCARDS = 'vcards';
export const BLOCKLIST = 'blocklist';
export const EXTERNAL_DATABASES = 'external_databases';
export const EXTERNAL_DATABASE_ASSIGNMENTS = 'external_database_assignments';

/** Every table whose rows belong to one account, keyed by its domain and username: deleted with it. */
export const ACCOUNT_DATA_TABLES = [ROSTER_ITEMS, ROSTER_VERSIONS, OFFLINE_MESSAGES, VCARDS, BLOCKLIST] as const;

// Text conference tables (migration tc_0001), named after the reference product's where they match.
export const TC_LEASES = 'tc_leases';
export const TC_ROOMS = 'tc_rooms';
export const TC_USERS = 'tc_users';
export const TC_MSGARCHIVE = 'tc_msgarchive';
export const TC_OCCUPANTS = 'tc_occupants';
export const TC_TIMELOG = 'tc_timelog';
