// A node's storage over one open database: the cluster stores and, on the same database, the
// text conference tables (a single node, or a cluster with no external database assigned).
import type { OpenDatabase } from './database.js';
import { createAccountStore } from './accounts.js';
import { createBlockingStore } from './blocking.js';
import { createExternalDatabaseStore } from './external-databases.js';
import { createOfflineStore } from './offline.js';
import type { DatabaseHandle, Storage, TextConferenceDatabase } from './ports.js';
import { createRosterStore } from './roster.js';
import { type ArchiveOptions, createTextConferenceStore } from './text-conference/index.js';
import { createVCardStore } from './vcards.js';

/** What every opened database answers about itself. */
function handleOf(open: OpenDatabase): DatabaseHandle {
  return {
    dialect: open.target.kind,
    location: open.target.location,
    checkHealth: () => open.checkHealth(),
    health: () => open.health(),
    onHealthChange: (listener) => open.onHealthChange(listener),
    close: () => open.close(),
  };
}

export function sqlStorage(open: OpenDatabase): Storage {
  const { db, target } = open;
  return {
    ...handleOf(open),
    accounts: createAccountStore(db, target.dialect),
    roster: createRosterStore(db),
    offline: createOfflineStore(db),
    vcards: createVCardStore(db),
    blocking: createBlockingStore(db),
    externalDatabases: createExternalDatabaseStore(db, target.dialect),
    textConference: createTextConferenceStore(db, target.dialect),
  };
}

/** An external database that holds only the text conference tables. */
export function textConferenceDatabase(open: OpenDatabase, archive?: ArchiveOptions): TextConferenceDatabase {
  const { db, target } = open;
  return { ...handleOf(open), textConference: createTextConferenceStore(db, target.dialect, archive) };
}
