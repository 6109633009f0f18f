// Storage interfaces, one per concern (DESIGN §5). Implementations live beside this file;
// nothing outside src/persistence knows which SQL dialect is behind them.

/** SCRAM salted keys (RFC 5802 §3): all the server keeps of a password. */
export interface ScramCredential {
  iterations: number;
  salt: Buffer;
  storedKey: Buffer;
  serverKey: Buffer;
}

export type ScramHashName = 'SHA-1' | 'SHA-256';

/** One credential per SCRAM hash the server offers. */
export type AccountCredentials = Record<ScramHashName, ScramCredential>;

export interface Account {
  /** Normalised localpart (RFC 7622 UsernameCaseMapped). */
  username: string;
  /** Normalised domain of the account's virtual host. */
  domain: string;
  credentials: AccountCredentials;
  createdAt: Date;
}

export class AccountExistsError extends Error {
  constructor(public readonly username: string, public readonly domain: string) {
    super(`account ${username}@${domain} already exists`);
    this.name = 'AccountExistsError';
  }
}

/** Accounts of the cluster database. */
export interface AccountStore {
  /** Creates an account; rejects with AccountExistsError when it exists. */
  create(username: string, domain: string, credentials: AccountCredentials): Promise<void>;
  get(username: string, domain: string): Promise<Account | undefined>;
  /** Whether the account exists, without reading its credentials (the router asks for every stanza to an offline account). */
  exists(username: string, domain: string): Promise<boolean>;
  /** Replaces the credentials; false when there is no such account. */
  setCredentials(username: string, domain: string, credentials: AccountCredentials): Promise<boolean>;
  /** Deletes the account and everything stored for it (roster, offline messages, vCard, blocklist); false when there was no such account. */
  delete(username: string, domain: string): Promise<boolean>;
  /** Usernames of a domain in order, for paging through thousands of accounts. */
  list(domain: string, options?: { limit?: number; afterUsername?: string }): Promise<string[]>;
  count(domain: string): Promise<number>;
}

/** RFC 6121 §2.1.2.5: which direction(s) presence flows in. */
export type Subscription = 'none' | 'to' | 'from' | 'both';

/** One contact of a user: a roster item (RFC 6121 §2.1) with its subscription state (Appendix A). */
export interface RosterItem {
  /** Normalised bare JID of the contact. */
  jid: string;
  /** The user's name for the contact; absent when none was set. */
  name?: string;
  /** Group names, each non-empty, without duplicates. */
  groups: string[];
  subscription: Subscription;
  /** The user asked to see the contact's presence and awaits the answer ("ask='subscribe'"). */
  pendingOut: boolean;
  /** The contact asked to see the user's presence and awaits the user's answer (§3.1.3). */
  pendingIn: boolean;
  /** The user approved a subscription from the contact before it was asked for (§3.4). */
  preApproved: boolean;
  /** Shown in roster results and pushes. False for a contact known only from an inbound request, kept to re-deliver it. */
  isListed: boolean;
  /** The inbound subscription request as received (XML), kept to re-deliver it at the next login. */
  pendingInStanza?: string;
}

export interface Roster {
  /** Incremented by every change of the roster (RFC 6121 §2.6 roster versioning). */
  version: number;
  items: RosterItem[];
}

/** Rosters and subscription states of the cluster database. Changes reject with a StorageError for an account that does not exist. */
export interface RosterStore {
  /** Every item, listed or not, and the current version (0 for an empty, never-changed roster). */
  get(username: string, domain: string): Promise<Roster>;
  getItem(username: string, domain: string, contact: string): Promise<RosterItem | undefined>;
  /** Inserts or replaces one item and increments the version atomically; resolves with the new version. */
  putItem(username: string, domain: string, item: RosterItem): Promise<number>;
  /** Removes one item (no-op if absent) and increments the version, even then; resolves with the new version. */
  removeItem(username: string, domain: string, contact: string): Promise<number>;
  /** Number of listed items, for the roster size limit. */
  countListed(username: string, domain: string): Promise<number>;
}

export interface OfflineMessage {
  /** Increasing per store; delivery order is id order. */
  id: number;
  /** The message stanza as it was routed (XML). */
  stanza: string;
  storedAt: Date;
}

/** Messages kept for an account that had no available resource (XEP-0160). */
export interface OfflineStore {
  /**
   * Stores a message unless the account already holds `limit` (a non-negative integer; RangeError
   * otherwise), checked atomically with the insert; false when full. Rejects with a StorageError
   * for an account that does not exist.
   */
  store(username: string, domain: string, stanza: string, limit: number): Promise<boolean>;
  /** All stored messages in the order they were stored. */
  list(username: string, domain: string): Promise<OfflineMessage[]>;
  /** Removes the given messages (after they were delivered); ids of other accounts are ignored. */
  remove(username: string, domain: string, ids: readonly number[]): Promise<void>;
  count(username: string, domain: string): Promise<number>;
}

/** vCard-temp (XEP-0054) documents, stored as the client sent them. */
export interface VCardStore {
  /** The `<vCard/>` element as XML, or undefined when none was stored. */
  get(username: string, domain: string): Promise<string | undefined>;
  /** Replaces the stored vCard; rejects with a StorageError for an account that does not exist. */
  set(username: string, domain: string, vcard: string): Promise<void>;
}

/** Blocked JIDs of an account (XEP-0191). */
export interface BlockingStore {
  list(username: string, domain: string): Promise<string[]>;
  /** Adds JIDs (duplicates ignored); rejects with a StorageError for an account that does not exist. */
  add(username: string, domain: string, jids: readonly string[]): Promise<void>;
  /** Removes the given JIDs, or every one when `jids` is 'all'. */
  remove(username: string, domain: string, jids: readonly string[] | 'all'): Promise<void>;
}

export interface StorageHealth {
  isReachable: boolean;
  lastError?: string;
  checkedAt: Date;
}

/** What every opened database answers about itself. */
export interface DatabaseHandle {
  readonly dialect: 'embedded' | 'postgres' | 'oracle' | 'mssql';
  /** Where it is, for messages: never a password. */
  readonly location: string;
  /** Runs a trivial query; never throws. */
  checkHealth(): Promise<StorageHealth>;
  /** The outcome of the last heartbeat (reachable until one failed). */
  health(): StorageHealth;
  /** Told when the heartbeat finds the database gone, or back (the HA module treats "unreachable" as a fault). */
  onHealthChange(listener: (health: StorageHealth) => void): void;
  close(): Promise<void>;
}

/** Everything a node stores, opened once by the composition root. */
export interface Storage extends DatabaseHandle {
  readonly accounts: AccountStore;
  readonly roster: RosterStore;
  readonly offline: OfflineStore;
  readonly vcards: VCardStore;
  readonly blocking: BlockingStore;
  readonly externalDatabases: ExternalDatabaseStore;
  /** The persistent chat tables in this same database (used unless an external database is assigned). */
  readonly textConference: TextConferenceStore;
}

/** An external database assigned to persistent chat: only the text conference tables. */
export interface TextConferenceDatabase extends DatabaseHandle {
  readonly textConference: TextConferenceStore;
}

export type ExternalDatabaseType = 'postgres' | 'oracle' | 'mssql';

/** An external database as registered with `parley db add` (the reference product's External Databases page). */
export interface ExternalDatabase {
  name: string;
  type: ExternalDatabaseType;
  host: string;
  port: number;
  /** Database name (PostgreSQL, SQL Server) or service name (Oracle). */
  database: string;
  user: string;
  password: string;
  /** Pool, timeouts, heartbeat and TLS settings, as in the storage configuration. */
  options: Readonly<Record<string, number | boolean>>;
}

export interface DatabaseAssignment {
  target: { kind: 'node' | 'group'; name: string };
  feature: 'text-conference';
  database: string;
}

export class ExternalDatabaseExistsError extends Error {
  constructor(public readonly databaseName: string) {
    super(`an external database named ${databaseName} is already registered`);
    this.name = 'ExternalDatabaseExistsError';
  }
}

/** The registry of external databases in the cluster database. */
export interface ExternalDatabaseStore {
  /** Rejects with ExternalDatabaseExistsError when the name is taken. */
  add(database: ExternalDatabase): Promise<void>;
  get(name: string): Promise<ExternalDatabase | undefined>;
  list(): Promise<ExternalDatabase[]>;
  /** Assigns (or re-assigns) a feature of a node or group to a registered database; false when it is not registered. */
  assign(assignment: DatabaseAssignment): Promise<boolean>;
  assignments(): Promise<DatabaseAssignment[]>;
}

// ---------------------------------------------------------------------------------------------
// Text conference (XEP-0045) data in the group's external database (DESIGN §5). Every write
// carries the hosting lease's fence and is refused by the database when the epoch is stale.

/** A node's right to write for one TC alias: the lease it holds (owner, epoch). */
export interface Fence {
  alias: string;
  node: string;
  epoch: number;
}

/** Thrown by a write whose fence is stale: another node took the alias over. */
export class StaleFenceError extends Error {
  constructor(public readonly fence: Fence) {
    super(`the lease of ${fence.alias} at epoch ${fence.epoch} is no longer held by ${fence.node}`);
    this.name = 'StaleFenceError';
  }
}

/** A hosting lease (DESIGN §5): who serves an alias, since which epoch, until when unless renewed. */
export interface Lease {
  alias: string;
  /** The node holding it; undefined once released. */
  ownerNode: string | undefined;
  /** Increases every time the lease changes hands; writes carry it. */
  epoch: number;
  /** After this instant (database clock) another node may take the lease. */
  expiresAt: Date;
}

export interface LeaseStore {
  /**
   * Takes the lease for `node` if nobody holds it, it was released, it has expired, or `node`
   * already holds it; the epoch increases whenever the holder changes. Undefined when another
   * node holds a live lease. Expiry is measured on the database's clock, not the nodes'.
   */
  acquire(alias: string, node: string, ttlMs: number): Promise<Lease | undefined>;
  /** Extends a lease still held under `fence`; undefined when it was lost (stolen after expiry). */
  renew(fence: Fence, ttlMs: number): Promise<Lease | undefined>;
  /** Gives the lease up so another node may take it at once; a no-op when it is no longer held. */
  release(fence: Fence): Promise<void>;
  get(alias: string): Promise<Lease | undefined>;
}

export type RoomType = 'persistent' | 'ad-hoc';

/** A room as stored (tc_rooms). The configuration is the MUC service's own versioned codec. */
export interface RoomRecord {
  /** Surrogate key every other TC table refers to. */
  id: number;
  /** Normalised bare room JID. */
  roomJid: string;
  /** The TC alias (service domain) hosting the room. */
  alias: string;
  creatorJid: string;
  type: RoomType;
  /** Room configuration, encoded by the MUC service; `formatVersion` names the encoding. */
  config: string;
  formatVersion: number;
  /** Current subject; '' when none. */
  subject: string;
  /** Occupant JID (room@service/nick) of who set the subject, when someone did. */
  subjectBy?: string;
  createdAt: Date;
  modifiedAt: Date;
}

export type NewRoom = Omit<RoomRecord, 'id' | 'createdAt' | 'modifiedAt'>;

export type RoomChanges = Partial<Pick<RoomRecord, 'config' | 'formatVersion' | 'subject' | 'subjectBy' | 'type'>>;

export type Affiliation = 'owner' | 'admin' | 'member' | 'outcast';

/** A lasting affiliation of a user with a room and the nick registered for it (tc_users). */
export interface AffiliationRecord {
  /** Normalised bare JID of the user. */
  realJid: string;
  affiliation: Affiliation | 'none';
  /** The registered nick (XEP-0045 §7.10), when there is one. */
  nick?: string;
  /** Why the affiliation was last changed, as the actor gave it. */
  reason?: string;
  /** Bare JID of who last changed it. */
  actorJid?: string;
}

/** One archived room message (tc_msgarchive), in the order the room sent it. */
export interface ArchivedMessage {
  /** Increasing per room from 1, assigned by the hosting node. */
  id: number;
  /** XEP-0359 stanza-id given by the room. */
  stanzaId: string;
  /** Occupant JID of the sender (room@service/nick). */
  nickJid: string;
  /** Real JID of the sender. */
  fromJid: string;
  sentAt: Date;
  /** The message type attribute: groupchat, chat, normal, headline or error. */
  type: string;
  body?: string;
  /** The subject set by this message, if it is a subject change. */
  subject?: string;
  /** The message stanza as the room broadcast it (XML). */
  stanza: string;
}

/** A page of the archive (XEP-0313 with XEP-0059): by id bounds, time bounds and sender. */
export interface ArchiveQuery {
  /** Only messages with an id above this. */
  afterId?: number;
  /** Only messages with an id below this. */
  beforeId?: number;
  start?: Date;
  end?: Date;
  /** Only messages from this occupant JID. */
  nickJid?: string;
  /** Leave subject changes out (the discussion history sent on entry). */
  isWithoutSubjects?: boolean;
  /** Page size (at least 1). */
  limit: number;
  /** 'newest' returns the last `limit` matches (still oldest first): XEP-0059 <before/>. */
  from: 'oldest' | 'newest';
}

export interface ArchivePage {
  messages: ArchivedMessage[];
  /** Whether the page holds every match that remained in its direction. */
  isComplete: boolean;
  /** Matches of the query without its paging cursor (afterId, beforeId), for RSM <count/>. */
  count: number;
  /** Position of the page's first message in that whole result set, for RSM <first index/>. */
  firstIndex: number;
}

/** Someone in a room right now, with the node they are connected through (tc_occupants). */
export interface OccupantRecord {
  nick: string;
  /** Full real JID; one nick may have several (XEP-0045 §7.2.11 multiple sessions). */
  realJid: string;
  role: 'moderator' | 'participant' | 'visitor';
  node: string;
  joinedAt: Date;
}

/** One entry (E) or exit (L) of a room. */
export interface TimelogEntry {
  /** Full JID of the user. */
  realJid: string;
  /** Occupant JID (room@service/nick). */
  nickJid: string;
  direction: 'E' | 'L';
  at: Date;
}

/** The text conference tables of one external database. */
export interface TextConferenceStore {
  readonly leases: LeaseStore;
  rooms: {
    create(room: NewRoom, fence: Fence): Promise<RoomRecord>;
    get(roomJid: string): Promise<RoomRecord | undefined>;
    /** Rooms of an alias in creation order, paged by id, for listing without loading them all. */
    list(alias: string, options: { limit: number; afterId?: number }): Promise<RoomRecord[]>;
    count(alias: string): Promise<number>;
    update(roomId: number, changes: RoomChanges, fence: Fence): Promise<void>;
    /** Removes the room with its affiliations and occupants; its archive stays. */
    destroy(roomId: number, fence: Fence): Promise<void>;
  };
  affiliations: {
    list(roomId: number): Promise<AffiliationRecord[]>;
    /** Inserts or replaces one user's record. */
    put(roomId: number, record: AffiliationRecord, fence: Fence): Promise<void>;
    remove(roomId: number, realJid: string, fence: Fence): Promise<void>;
  };
  archive: {
    /**
     * Archives one message; resolves once it is committed. Messages appended while a commit is
     * under way are committed together in the next one (group commit): one round trip for many.
     */
    append(roomId: number, roomJid: string, message: ArchivedMessage, fence: Fence): Promise<void>;
    page(roomId: number, query: ArchiveQuery): Promise<ArchivePage>;
    /** The highest id archived for the room, 0 when none. */
    lastId(roomId: number): Promise<number>;
    byStanzaId(roomId: number, stanzaId: string): Promise<ArchivedMessage | undefined>;
  };
  occupants: {
    /** Records (or updates) an occupant; resolves once committed. Changes submitted meanwhile share the next commit, in order. */
    add(roomId: number, occupant: OccupantRecord, fence: Fence): Promise<void>;
    /** Removes an occupant's record; group-committed with adds, in submission order. */
    remove(roomId: number, realJid: string, fence: Fence): Promise<void>;
    list(roomId: number): Promise<OccupantRecord[]>;
    /** Everyone connected through a node, in every room of an alias (a takeover asks this). */
    listByNode(alias: string, node: string): Promise<{ roomJid: string; occupant: OccupantRecord }[]>;
    /** Forgets everyone recorded as connected through a node, in every room of an alias, in one statement; resolves with how many. */
    clearNode(alias: string, node: string, fence: Fence): Promise<number>;
  };
  /** The join/leave log (tc_timelog) kept when "archive joins and exits" is on. */
  timelog: {
    append(roomId: number, entry: TimelogEntry, fence: Fence): Promise<void>;
    /** The latest entries of a room, oldest first. */
    list(roomId: number, limit: number): Promise<TimelogEntry[]>;
  };
}
