// The storage contract for blocklists (XEP-0191), on every database.
import { expect } from 'chai';
import { StorageError } from '../../src/persistence/storage-error.js';
import { describeStorageContract } from './harness.js';

/** A domain, bare and full JIDs: XEP-0191 §3.3 blocks any of them. */
const TYBALT = 'tybalt@capulet.example';
const TYBALT_PHONE = 'tybalt@capulet.example/phone';
const CAPULET = 'capulet.example';
const PARIS = 'paris@verona.example';
const NON_ASCII = 'páris@vérone.example/téléphone';

describeStorageContract('blocklists', (subject) => {
  it('answers an empty list for an account that blocks nobody', async () => {
    await subject.createAccount('romeo', 'empty.example');
    expect(await subject.storage.blocking.list('romeo', 'empty.example')).to.deep.equal([]);
    await subject.storage.blocking.add('romeo', 'empty.example', []);
    await subject.storage.blocking.remove('romeo', 'empty.example', []);
    await subject.storage.blocking.remove('romeo', 'empty.example', 'all');
    expect(await subject.storage.blocking.list('romeo', 'empty.example')).to.deep.equal([]);
  });

  it('adds each JID once, ignoring duplicates within and across calls', async () => {
    await subject.createAccount('romeo', 'add.example');
    const { blocking } = subject.storage;
    await blocking.add('romeo', 'add.example', [TYBALT, CAPULET, TYBALT]);
    await blocking.add('romeo', 'add.example', [TYBALT_PHONE, TYBALT, NON_ASCII]);
    expect(await blocking.list('romeo', 'add.example')).to.have.members([TYBALT, CAPULET, TYBALT_PHONE, NON_ASCII]).and.have.length(4);
  });

  it('keeps one row per JID under concurrent adds', async () => {
    await subject.createAccount('romeo', 'race.example');
    const { blocking } = subject.storage;
    await Promise.all(Array.from({ length: 8 }, (_, index) => blocking.add('romeo', 'race.example', [TYBALT, `guest${index}@masque.example`])));
    const blocked = await blocking.list('romeo', 'race.example');
    expect(blocked.filter((jid) => jid === TYBALT)).to.have.length(1);
    expect(blocked).to.have.length(9);
  });

  it('removes the given JIDs, then all of them, of the account only', async () => {
    await subject.createAccount('romeo', 'remove.example');
    await subject.createAccount('juliet', 'remove.example');
    const { blocking } = subject.storage;
    await blocking.add('romeo', 'remove.example', [TYBALT, TYBALT_PHONE, CAPULET, PARIS]);
    await blocking.add('juliet', 'remove.example', [PARIS, TYBALT]);

    await blocking.remove('romeo', 'remove.example', [TYBALT, PARIS, 'never-blocked@verona.example']);
    expect(await blocking.list('romeo', 'remove.example')).to.have.members([TYBALT_PHONE, CAPULET]).and.have.length(2);
    await blocking.remove('romeo', 'remove.example', 'all');
    expect(await blocking.list('romeo', 'remove.example')).to.deep.equal([]);
    expect(await blocking.list('juliet', 'remove.example')).to.have.members([PARIS, TYBALT]).and.have.length(2);
  });

  it('refuses to block for an account that does not exist', async () => {
    const refusal = await subject.storage.blocking.add('ghost', 'missing.example', [TYBALT]).then(() => undefined, (error: unknown) => error);
    expect(refusal).to.be.instanceOf(StorageError);
    expect((refusal as StorageError).message).to.include('blocking.add ghost@missing.example').and.include('no such account');
    expect(await subject.storage.blocking.list('ghost', 'missing.example')).to.deep.equal([]);
  });

  it('keeps blocklists across close and reopen', async () => {
    await subject.createAccount('romeo', 'reopen.example');
    await subject.storage.blocking.add('romeo', 'reopen.example', [TYBALT, NON_ASCII]);
    await subject.reopen();
    expect(await subject.storage.blocking.list('romeo', 'reopen.example')).to.have.members([TYBALT, NON_ASCII]).and.have.length(2);
  });
});
