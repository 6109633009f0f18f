// Every roster read and write of this node goes through here: changes to one account's roster
// run one at a time (a subscription answer and a roster set never interleave across awaits),
// and the rosters of online accounts stay in memory for presence broadcast and probes.
import type { RosterItem, RosterStore } from '../persistence/ports.js';
import type { Router } from '../router/router.js';
import type { Jid } from '../xmpp/jid.js';

export interface LoadedRoster {
  version: number;
  /** Items by contact bare JID, listed or not. */
  items: ReadonlyMap<string, RosterItem>;
}

/** What a change did; `version` is set when the roster was written. */
export interface RosterUpdate {
  before: RosterItem | undefined;
  after: RosterItem | undefined;
  version?: number;
}

/** Decides an item's new value from its current one: an item, 'remove', or 'keep' for no change. */
export type ItemChange = (item: RosterItem | undefined) => RosterItem | 'remove' | 'keep';

export type RosterChangeListener = (account: Jid, update: Required<RosterUpdate>) => void;

interface CachedRoster {
  version: number;
  items: Map<string, RosterItem>;
}

export class RosterBook {
  private readonly cache = new Map<string, CachedRoster>();
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly listeners: RosterChangeListener[] = [];

  constructor(private readonly store: RosterStore, private readonly router: Router) {
    // Evicted a turn later, so that what runs on the unbind itself (the unavailable broadcast) still reads memory.
    router.onUnbind((session) => {
      setImmediate(() => {
        if (router.sessions.getAll(session.jid).length === 0) this.cache.delete(session.jid.bare().toString());
      });
    });
  }

  /** Told of every written change, for roster pushes (RFC 6121 §2.1.6). */
  onChange(listener: RosterChangeListener): void {
    this.listeners.push(listener);
  }

  /** The roster; from memory when the account is online, else loaded after any pending change. */
  roster(account: Jid): Promise<LoadedRoster> {
    const cached = this.cache.get(account.bare().toString());
    return cached === undefined ? this.serially(account, () => this.load(account)) : Promise.resolve(cached);
  }

  /** One item; from memory when the account is online, else one row read (never its whole roster). */
  async item(account: Jid, contact: string): Promise<RosterItem | undefined> {
    const cached = this.cache.get(account.bare().toString());
    if (cached !== undefined) return cached.items.get(contact);
    return this.serially(account, () => this.store.getItem(account.local, account.domain, contact));
  }

  /** Changes one item, after every earlier change of this account's roster has finished. */
  modify(account: Jid, contact: string, change: ItemChange): Promise<RosterUpdate> {
    return this.serially(account, () => this.apply(account, contact, change));
  }

  private serially<T>(account: Jid, work: () => Promise<T>): Promise<T> {
    const key = account.bare().toString();
    const previous = this.queues.get(key) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(work);
    this.queues.set(key, next);
    void next.finally(() => {
      if (this.queues.get(key) === next) this.queues.delete(key);
    }).catch(() => undefined);
    return next;
  }

  private async apply(account: Jid, contact: string, change: ItemChange): Promise<RosterUpdate> {
    const roster = await this.load(account);
    const before = roster.items.get(contact);
    const decision = change(before);
    if (decision === 'keep' || (decision === 'remove' && before === undefined)) return { before, after: before };
    const { local, domain } = account;
    const version = decision === 'remove'
      ? await this.store.removeItem(local, domain, contact)
      : await this.store.putItem(local, domain, decision);
    const after = decision === 'remove' ? undefined : decision;
    const cached = this.cache.get(account.bare().toString());
    if (cached !== undefined) {
      cached.version = version;
      if (after === undefined) cached.items.delete(contact);
      else cached.items.set(contact, after);
    }
    for (const listener of this.listeners) listener(account, { before, after, version });
    return { before, after, version };
  }

  private async load(account: Jid): Promise<CachedRoster> {
    const key = account.bare().toString();
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    const { version, items } = await this.store.get(account.local, account.domain);
    const loaded: CachedRoster = { version, items: new Map(items.map((item) => [item.jid, item])) };
    // Loads run in the account's queue, so no write can have happened since; only online accounts are kept.
    if (this.router.sessions.getAll(account).length > 0) this.cache.set(key, loaded);
    return loaded;
  }
}
