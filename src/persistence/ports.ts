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
  /** Replaces the credentials; false when there is no such account. */
  setCredentials(username: string, domain: string, credentials: AccountCredentials): Promise<boolean>;
  /** False when there was no such account. */
  delete(username: string, domain: string): Promise<boolean>;
  /** Usernames of a domain in order, for paging through thousands of accounts. */
  list(domain: string, options?: { limit?: number; afterUsername?: string }): Promise<string[]>;
  count(domain: string): Promise<number>;
}

export interface StorageHealth {
  isReachable: boolean;
  lastError?: string;
  checkedAt: Date;
}

/** Everything a node stores, opened once by the composition root. */
export interface Storage {
  readonly dialect: 'embedded' | 'postgres';
  readonly accounts: AccountStore;
  /** Runs a trivial query; never throws. */
  checkHealth(): Promise<StorageHealth>;
  close(): Promise<void>;
}
