// Where this node keeps persistent chat: the external database assigned to it (`parley db
// assign NAME --node NODE`), or its own database when none is. An assigned database that cannot
// be opened leaves the node without persistent chat, never on another database (that would split
// the rooms' data), and says so in the log.
import type { Logger } from 'pino';
import { storageConfigOf } from './admin/db-commands.js';
import type { ParleyConfig } from './config/schema.js';
import { openTextConferenceDatabase } from './persistence/open-storage.js';
import type { Storage, TextConferenceStore } from './persistence/ports.js';

export interface PersistentChatStorage {
  store: TextConferenceStore;
  /** Where it is, for logs: never a password. */
  location: string;
  close(): Promise<void>;
}

export async function openPersistentChatStorage(config: ParleyConfig, storage: Storage, log: Logger): Promise<PersistentChatStorage | undefined> {
  // Text conference is the only feature with an external database so far.
  const assignment = (await storage.externalDatabases.assignments()).find((candidate) =>
    candidate.target.kind === 'node' && candidate.target.name === config.node.name);
  if (assignment === undefined) {
    log.info({ location: storage.location }, 'persistent chat storage: the node database');
    return { store: storage.textConference, location: storage.location, close: () => Promise.resolve() };
  }
  const database = await storage.externalDatabases.get(assignment.database);
  try {
    if (database === undefined) throw new Error('it is no longer registered');
    const external = await openTextConferenceDatabase(storageConfigOf(database), log);
    log.info({ database: database.name, location: external.location }, 'persistent chat storage: assigned external database');
    return { store: external.textConference, location: external.location, close: () => external.close() };
  } catch (error) {
    log.error({ err: error, database: assignment.database }, 'persistent chat storage: the assigned external database cannot be opened; persistent chat is unavailable on this node');
    return undefined;
  }
}
