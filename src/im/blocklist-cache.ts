// The blocklists (XEP-0191) of this node's accounts in memory, so that the router filters, which
// see every stanza, decide without I/O once a list is loaded. Every change goes through this
// cache (one node for now), so a loaded list stays right while the process runs.
import type { BlockingStore } from '../persistence/ports.js';
import type { Jid } from '../xmpp/jid.js';

export class BlocklistCache {
  private readonly lists = new Map<string, Set<string>>();
  private readonly loading = new Map<string, Promise<Set<string>>>();
  /** Bumped by forget(): a load that overlapped it may have read a deleted account's list. */
  private generation = 0;

  constructor(
    private readonly store: BlockingStore,
    private readonly hasSessions: (account: Jid) => boolean,
  ) {}

  /** The list when it is in memory; undefined when it has to be loaded. */
  peek(account: Jid): ReadonlySet<string> | undefined {
    return this.lists.get(account.toString());
  }

  /**
   * Loads a list, one read per account however many stanzas wait for it. It is kept when it is
   * not empty or the account has a session here; empty lists of accounts nobody uses (filters run
   * before the router knows whether the account exists) are not, so they cannot pile up.
   */
  load(account: Jid): Promise<ReadonlySet<string>> {
    return this.fetch(account, false);
  }

  /** Blocks JIDs; resolves with those that were not blocked before. */
  async block(account: Jid, jids: readonly string[]): Promise<string[]> {
    const list = await this.fetch(account, true);
    await this.store.add(account.local, account.domain, jids);
    const added = jids.filter((jid) => !list.has(jid));
    for (const jid of added) list.add(jid);
    return added;
  }

  /** Unblocks JIDs, or every one; resolves with those that were blocked before. */
  async unblock(account: Jid, jids: readonly string[] | 'all'): Promise<string[]> {
    const list = await this.fetch(account, true);
    await this.store.remove(account.local, account.domain, jids);
    const removed = jids === 'all' ? [...list] : jids.filter((jid) => list.has(jid));
    for (const jid of removed) list.delete(jid);
    return removed;
  }

  /** Drops an account's list (the account was deleted with everything stored for it). */
  forget(account: Jid): void {
    this.generation += 1;
    this.lists.delete(account.toString());
    this.loading.delete(account.toString());
  }

  private async fetch(account: Jid, isKept: boolean): Promise<Set<string>> {
    const key = account.toString();
    const cached = this.lists.get(key);
    if (cached !== undefined) return cached;
    const generation = this.generation;
    let pending = this.loading.get(key);
    if (pending === undefined) {
      const started: Promise<Set<string>> = this.store.list(account.local, account.domain)
        .then((jids) => new Set(jids))
        .finally(() => {
          if (this.loading.get(key) === started) this.loading.delete(key);
        });
      this.loading.set(key, started);
      pending = started;
    }
    const list = await pending;
    const kept = this.lists.get(key);
    if (kept !== undefined) return kept;
    if (generation === this.generation && (isKept || list.size > 0 || this.hasSessions(account))) this.lists.set(key, list);
    return list;
  }
}
