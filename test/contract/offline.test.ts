// The storage contract for offline messages (XEP-0160), on every database.
import { expect } from 'chai';
import { StorageError } from '../../src/persistence/storage-error.js';
import { describeStorageContract } from './harness.js';

const message = (body: string): string => `<message xmlns="jabber:client" to="romeo@verona.example" type="chat"><body>${body}</body></message>`;

describeStorageContract('offline messages', (subject) => {
  it('lists stored messages in the order they were stored, with increasing ids and their times', async () => {
    await subject.createAccount('romeo', 'order.example');
    const bodies = ['first', 'ü — 二番目', 'third'];
    const before = Date.now();
    for (const body of bodies) expect(await subject.storage.offline.store('romeo', 'order.example', message(body), 10)).to.equal(true);

    const stored = await subject.storage.offline.list('romeo', 'order.example');
    expect(stored.map((entry) => entry.stanza)).to.deep.equal(bodies.map(message));
    const ids = stored.map((entry) => entry.id);
    expect(ids.every((id) => Number.isSafeInteger(id)), 'ids are numbers').to.equal(true);
    expect(ids).to.deep.equal([...ids].sort((a, b) => a - b)).and.have.length(new Set(ids).size);
    for (const entry of stored) {
      expect(entry.storedAt).to.be.instanceOf(Date);
      expect(entry.storedAt.getTime()).to.be.within(before - 5000, Date.now() + 5000);
    }
    expect(await subject.storage.offline.count('romeo', 'order.example')).to.equal(3);
  });

  it('answers an empty list and a zero count for an account without messages', async () => {
    await subject.createAccount('romeo', 'empty.example');
    expect(await subject.storage.offline.list('romeo', 'empty.example')).to.deep.equal([]);
    expect(await subject.storage.offline.count('romeo', 'empty.example')).to.equal(0);
    await subject.storage.offline.remove('romeo', 'empty.example', []);
  });

  it('removes the given messages of the account only', async () => {
    await subject.createAccount('romeo', 'remove.example');
    await subject.createAccount('juliet', 'remove.example');
    for (const body of ['a', 'b', 'c', 'd']) await subject.storage.offline.store('romeo', 'remove.example', message(body), 10);
    await subject.storage.offline.store('juliet', 'remove.example', message('hers'), 10);
    const [a, b, c, d] = await subject.storage.offline.list('romeo', 'remove.example');
    const [hers] = await subject.storage.offline.list('juliet', 'remove.example');

    await subject.storage.offline.remove('romeo', 'remove.example', [a!.id, c!.id, hers!.id]);
    expect(await subject.storage.offline.list('romeo', 'remove.example')).to.deep.equal([b, d]);
    expect(await subject.storage.offline.list('juliet', 'remove.example'), 'another account\'s id is not removed').to.deep.equal([hers]);
  });

  it('refuses to store past the limit, and stores again once messages are removed', async () => {
    await subject.createAccount('romeo', 'limit.example');
    const { offline } = subject.storage;
    for (const body of ['1', '2', '3']) expect(await offline.store('romeo', 'limit.example', message(body), 3)).to.equal(true);
    expect(await offline.store('romeo', 'limit.example', message('4'), 3)).to.equal(false);
    expect(await offline.store('romeo', 'limit.example', message('4'), 2), 'already over a lowered limit').to.equal(false);
    expect(await offline.count('romeo', 'limit.example')).to.equal(3);

    const [oldest] = await offline.list('romeo', 'limit.example');
    await offline.remove('romeo', 'limit.example', [oldest!.id]);
    expect(await offline.store('romeo', 'limit.example', message('4'), 3)).to.equal(true);
    expect((await offline.list('romeo', 'limit.example')).map((entry) => entry.stanza)).to.deep.equal(['2', '3', '4'].map(message));
    expect(await offline.store('romeo', 'limit.example', message('5'), 0), 'a limit of 0 stores nothing').to.equal(false);
  });

  it('never exceeds the limit under concurrent stores', async () => {
    await subject.createAccount('romeo', 'race.example');
    const { offline } = subject.storage;
    await offline.store('romeo', 'race.example', message('already there'), 8);
    const outcomes = await Promise.all(Array.from({ length: 30 }, (_, index) => offline.store('romeo', 'race.example', message(String(index)), 8)));
    expect(outcomes.filter((isStored) => isStored)).to.have.length(7);
    expect(await offline.count('romeo', 'race.example')).to.equal(8);
  });

  it('rejects a limit that is not a non-negative integer', async () => {
    await subject.createAccount('romeo', 'bad-limit.example');
    for (const limit of [-1, 1.5, Number.NaN]) {
      const refusal = await subject.storage.offline.store('romeo', 'bad-limit.example', message('x'), limit).then(() => undefined, (error: unknown) => error);
      expect(refusal, `limit ${limit}`).to.be.instanceOf(RangeError);
    }
    expect(await subject.storage.offline.count('romeo', 'bad-limit.example')).to.equal(0);
  });

  it('refuses a message for an account that does not exist', async () => {
    const refusal = await subject.storage.offline.store('ghost', 'missing.example', message('boo'), 10).then(() => undefined, (error: unknown) => error);
    expect(refusal).to.be.instanceOf(StorageError);
    expect((refusal as StorageError).message).to.include('offline.store ghost@missing.example').and.include('no such account');
    expect(await subject.storage.offline.count('ghost', 'missing.example')).to.equal(0);
  });

  it('keeps messages across close and reopen, ids still increasing after it', async () => {
    await subject.createAccount('romeo', 'reopen.example');
    await subject.storage.offline.store('romeo', 'reopen.example', message('before'), 10);
    const kept = await subject.storage.offline.list('romeo', 'reopen.example');
    await subject.reopen();
    expect(await subject.storage.offline.list('romeo', 'reopen.example')).to.deep.equal(kept);
    await subject.storage.offline.store('romeo', 'reopen.example', message('after'), 10);
    const [before, after] = await subject.storage.offline.list('romeo', 'reopen.example');
    expect(after!.id).to.be.above(before!.id);
  });
});
