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

/** Everything a node stores, opened once by the composition root. */
export interface Storage {
  readonly dialect: 'embedded' | 'postgres' | 'oracle' | 'mssql';
  readonly accounts: AccountStore;
  readonly roster: RosterStore;
  readonly offline: OfflineStore;
  readonly vcards: VCardStore;
  readonly blocking: BlockingStore;
  /** Runs a trivial query; never throws. */
  checkHealth(): Promise<StorageHealth>;
  /** The outcome of the last heartbeat (reachable until one failed). */
  health(): StorageHealth;
  /** Told when the heartbeat finds the database gone, or back (the HA module treats "unreachable" as a fault). */
  onHealthChange(listener: (health: StorageHealth) => void): void;
  close(): Promise<void>;
}
