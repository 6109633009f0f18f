// The in-memory blocklists over a recording store: one read per account, what is kept, writes.
import { expect } from 'chai';
import { BlocklistCache } from '../../../src/im/blocklist-cache.js';
import type { BlockingStore } from '../../../src/persistence/ports.js';
import { Jid } from '../../../src/xmpp/jid.js';

function recordingStore(initial: Record<string, string[]> = {}): BlockingStore & { reads: number } {
  const lists = new Map(Object.entries(initial).map(([account, jids]) => [account, new Set(jids)]));
  const listOf = (username: string, domain: string): Set<string> => {
    const key = `${username}@${domain}`;
    let list = lists.get(key);
    if (list === undefined) {
      list = new Set();
      lists.set(key, list);
    }
    return list;
  };
  const store = {
    reads: 0,
    list: (username: string, domain: string) => {
      store.reads += 1;
      return Promise.resolve([...listOf(username, domain)]);
    },
    add: (username: string, domain: string, jids: readonly string[]) => {
      for (const jid of jids) listOf(username, domain).add(jid);
      return Promise.resolve();
    },
    remove: (username: string, domain: string, jids: readonly string[] | 'all') => {
      const list = listOf(username, domain);
      if (jids === 'all') list.clear();
      else for (const jid of jids) list.delete(jid);
      return Promise.resolve();
    },
  };
  return store;
}

const alice = Jid.parse('alice@localhost');

describe('BlocklistCache', () => {
  it('reads a list once for stanzas that wait for it together, then answers from memory', async () => {
    const store = recordingStore({ 'alice@localhost': ['bob@localhost'] });
    const cache = new BlocklistCache(store, () => false);
    expect(cache.peek(alice)).to.equal(undefined);
    const [first, second] = await Promise.all([cache.load(alice), cache.load(alice)]);
    expect(store.reads).to.equal(1);
    expect(first).to.equal(second);
    expect([...(cache.peek(alice) ?? [])]).to.deep.equal(['bob@localhost']);
  });

  it('does not keep an empty list of an account without sessions, keeps it once the account is online', async () => {
    const store = recordingStore();
    let isOnline = false;
    const cache = new BlocklistCache(store, () => isOnline);
    await cache.load(alice);
    expect(cache.peek(alice)).to.equal(undefined);
    isOnline = true;
    await cache.load(alice);
    expect(cache.peek(alice)?.size).to.equal(0);
  });

  it('writes blocks and unblocks through, reporting what changed', async () => {
    const store = recordingStore({ 'alice@localhost': ['bob@localhost'] });
    const cache = new BlocklistCache(store, () => false);
    expect(await cache.block(alice, ['bob@localhost', 'carol@localhost'])).to.deep.equal(['carol@localhost']);
    expect([...(cache.peek(alice) ?? [])].sort()).to.deep.equal(['bob@localhost', 'carol@localhost']);
    expect((await store.list('alice', 'localhost')).sort()).to.deep.equal(['bob@localhost', 'carol@localhost']);
    expect(await cache.unblock(alice, ['carol@localhost', 'dave@localhost'])).to.deep.equal(['carol@localhost']);
    expect(await cache.unblock(alice, 'all')).to.deep.equal(['bob@localhost']);
    expect(cache.peek(alice)?.size).to.equal(0);
    expect(await store.list('alice', 'localhost')).to.deep.equal([]);
  });

  it('forgets a deleted account, also when a load was under way', async () => {
    const store = recordingStore({ 'alice@localhost': ['bob@localhost'] });
    const cache = new BlocklistCache(store, () => true);
    const loading = cache.load(alice);
    cache.forget(alice);
    await loading;
    expect(cache.peek(alice)).to.equal(undefined);
    await cache.load(alice);
    cache.forget(alice);
    expect(cache.peek(alice)).to.equal(undefined);
  });
});
