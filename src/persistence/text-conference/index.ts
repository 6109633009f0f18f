// The text conference store of one database: leases, rooms, affiliations, archive, occupants and
// the join/leave log, all over one knex instance and one dialect.
import type { Knex } from 'knex';
import type { SqlDialect } from '../dialects/sql-dialect.js';
import type { TextConferenceStore } from '../ports.js';
import { createArchiveStore } from './archive.js';
import { createFencedInsert, createFencing } from './fencing.js';
import { createLeaseStore } from './leases.js';
import { createOccupantStores } from './occupants.js';
import { createRoomStores } from './rooms.js';

export interface ArchiveOptions {
  /** Most messages in one commit; 1 turns group commit off (one insert per message). */
  maxBatch: number;
  /** Rows per INSERT where a batch is inserted in a transaction: SQL Server binds at most 2100 values in one statement. */
  rowsPerInsert: number;
}

/** 17 columns per archive row; SQL Server binds at most 2100 values per statement. */
export const DEFAULT_ARCHIVE_OPTIONS: ArchiveOptions = { maxBatch: 500, rowsPerInsert: 100 };

export function createTextConferenceStore(db: Knex, dialect: SqlDialect, archive: ArchiveOptions = DEFAULT_ARCHIVE_OPTIONS): TextConferenceStore {
  const fenced = createFencing(db, dialect);
  return {
    leases: createLeaseStore(db, dialect),
    ...createRoomStores(db, fenced),
    archive: createArchiveStore(db, createFencedInsert(db, dialect, fenced, archive.rowsPerInsert), archive.maxBatch),
    ...createOccupantStores(db, fenced),
  };
}
