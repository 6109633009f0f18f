// Table names of the cluster database, shared by the stores and by account deletion.
// Migrations spell names out instead, since a released migration never changes.
export const ACCOUNTS = 'accounts';
export const ROSTER_VERSIONS = 'roster_versions';
export const ROSTER_ITEMS = 'roster_items';
export const OFFLINE_MESSAGES = 'offline_messages';
export const VCARDS = 'vcards';
export const BLOCKLIST = 'blocklist';

/** Every table whose rows belong to one account, keyed by its domain and username: deleted with it. */
export const ACCOUNT_DATA_TABLES = [ROSTER_ITEMS, ROSTER_VERSIONS, OFFLINE_MESSAGES, VCARDS, BLOCKLIST] as const;
