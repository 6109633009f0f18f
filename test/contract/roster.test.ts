// The storage contract for rosters (RFC 6121 §2, §2.6 versioning), on every database.
import { expect } from 'chai';
import type { RosterItem } from '../../src/persistence/ports.js';
import { StorageError } from '../../src/persistence/storage-error.js';
import { describeStorageContract } from './harness.js';

/** Every field set, groups in three scripts, a pending request kept as XML. */
const JULIET: RosterItem = {
  jid: 'juliet@capulet.example',
  name: 'Juliet Capulet — Zoë',
  groups: ['Família', '友達', 'Work'],
  subscription: 'both',
  pendingOut: true,
  pendingIn: true,
  preApproved: true,
  isListed: true,
  pendingInStanza: '<presence xmlns="jabber:client" from="juliet@capulet.example" type="subscribe"><status>¿Me dejas ver?</status></presence>',
};

/** An empty name is a name the user set, not the absence of one. */
const NURSE: RosterItem = {
  jid: 'nurse@capulet.example',
  name: '',
  groups: [],
  subscription: 'none',
  pendingOut: false,
  pendingIn: false,
  preApproved: false,
  isListed: false,
};

/** No name and no pending stanza at all: both must come back absent, not undefined-valued or empty. */
const BENVOLIO: RosterItem = {
  jid: 'benvolio@montague.example',
  groups: ['Friends'],
  subscription: 'to',
  pendingOut: false,
  pendingIn: false,
  preApproved: false,
  isListed: true,
};

describeStorageContract('roster', (subject) => {
  it('answers an empty roster at version 0 for an account that never changed it', async () => {
    await subject.createAccount('romeo', 'empty.example');
    expect(await subject.storage.roster.get('romeo', 'empty.example')).to.deep.equal({ version: 0, items: [] });
    expect(await subject.storage.roster.get('nobody', 'empty.example')).to.deep.equal({ version: 0, items: [] });
    expect(await subject.storage.roster.countListed('romeo', 'empty.example')).to.equal(0);
  });

  it('returns every item exactly as put, listed or not, in contact order', async () => {
    await subject.createAccount('romeo', 'round-trip.example');
    for (const item of [JULIET, NURSE, BENVOLIO]) await subject.storage.roster.putItem('romeo', 'round-trip.example', item);

    const roster = await subject.storage.roster.get('romeo', 'round-trip.example');
    expect(roster.version).to.equal(3);
    expect(roster.items).to.deep.equal([BENVOLIO, JULIET, NURSE]);
    expect(await subject.storage.roster.getItem('romeo', 'round-trip.example', JULIET.jid)).to.deep.equal(JULIET);
    expect(await subject.storage.roster.getItem('romeo', 'round-trip.example', NURSE.jid)).to.deep.equal(NURSE);
    expect(await subject.storage.roster.getItem('romeo', 'round-trip.example', BENVOLIO.jid)).to.deep.equal(BENVOLIO);
    expect(await subject.storage.roster.getItem('romeo', 'round-trip.example', 'tybalt@capulet.example')).to.equal(undefined);
  });

  it('replaces an item whole and increments the version by one with every put and remove', async () => {
    await subject.createAccount('romeo', 'versions.example');
    const { roster } = subject.storage;
    expect(await roster.putItem('romeo', 'versions.example', JULIET)).to.equal(1);
    const answered: RosterItem = { jid: JULIET.jid, groups: ['Verona'], subscription: 'from', pendingOut: false, pendingIn: false, preApproved: false, isListed: true };
    expect(await roster.putItem('romeo', 'versions.example', answered)).to.equal(2);
    expect(await roster.getItem('romeo', 'versions.example', JULIET.jid)).to.deep.equal(answered);
    expect(await roster.putItem('romeo', 'versions.example', BENVOLIO)).to.equal(3);

    expect(await roster.removeItem('romeo', 'versions.example', JULIET.jid)).to.equal(4);
    expect(await roster.removeItem('romeo', 'versions.example', JULIET.jid), 'removing an absent item').to.equal(5);
    expect(await roster.get('romeo', 'versions.example')).to.deep.equal({ version: 5, items: [BENVOLIO] });
  });

  it('counts listed items only', async () => {
    await subject.createAccount('romeo', 'count.example');
    for (const item of [JULIET, NURSE, BENVOLIO]) await subject.storage.roster.putItem('romeo', 'count.example', item);
    expect(await subject.storage.roster.countListed('romeo', 'count.example')).to.equal(2);
    await subject.storage.roster.putItem('romeo', 'count.example', { ...NURSE, isListed: true });
    expect(await subject.storage.roster.countListed('romeo', 'count.example')).to.equal(3);
    await subject.storage.roster.removeItem('romeo', 'count.example', JULIET.jid);
    expect(await subject.storage.roster.countListed('romeo', 'count.example')).to.equal(2);
  });

  it('gives concurrent changes of one roster distinct, consecutive versions', async () => {
    await subject.createAccount('romeo', 'concurrent.example');
    const { roster } = subject.storage;
    const contacts = Array.from({ length: 12 }, (_, index) => `guest${String(index).padStart(2, '0')}@masque.example`);
    const versions = await Promise.all(contacts.map((jid) => roster.putItem('romeo', 'concurrent.example', { ...BENVOLIO, jid })));
    expect([...versions].sort((a, b) => a - b)).to.deep.equal(contacts.map((_, index) => index + 1));

    const changes = await Promise.all([
      roster.removeItem('romeo', 'concurrent.example', contacts[0]!),
      roster.putItem('romeo', 'concurrent.example', { ...JULIET, jid: contacts[1]! }),
      roster.removeItem('romeo', 'concurrent.example', contacts[2]!),
      roster.putItem('romeo', 'concurrent.example', JULIET),
    ]);
    expect([...changes].sort((a, b) => a - b)).to.deep.equal([13, 14, 15, 16]);
    const final = await roster.get('romeo', 'concurrent.example');
    expect(final.version).to.equal(16);
    expect(final.items).to.have.length(11);
  });

  it('keeps the rosters of the same username in two domains apart', async () => {
    await subject.createAccount('romeo', 'verona.example');
    await subject.createAccount('romeo', 'mantua.example');
    await subject.storage.roster.putItem('romeo', 'verona.example', JULIET);
    await subject.storage.roster.putItem('romeo', 'verona.example', BENVOLIO);
    await subject.storage.roster.putItem('romeo', 'mantua.example', NURSE);
    expect(await subject.storage.roster.get('romeo', 'mantua.example')).to.deep.equal({ version: 1, items: [NURSE] });
    expect(await subject.storage.roster.removeItem('romeo', 'mantua.example', JULIET.jid)).to.equal(2);
    expect((await subject.storage.roster.get('romeo', 'verona.example')).items).to.deep.equal([BENVOLIO, JULIET]);
  });

  it('refuses a change for an account that does not exist, storing nothing', async () => {
    for (const change of [
      () => subject.storage.roster.putItem('ghost', 'missing.example', JULIET),
      () => subject.storage.roster.removeItem('ghost', 'missing.example', JULIET.jid),
    ]) {
      const refusal = await change().then(() => undefined, (error: unknown) => error);
      expect(refusal).to.be.instanceOf(StorageError);
      expect((refusal as StorageError).message).to.include('ghost@missing.example').and.include('no such account');
    }
    expect(await subject.storage.roster.get('ghost', 'missing.example')).to.deep.equal({ version: 0, items: [] });
  });

  it('keeps items and the version across close and reopen', async () => {
    await subject.createAccount('romeo', 'reopen.example');
    await subject.storage.roster.putItem('romeo', 'reopen.example', JULIET);
    await subject.storage.roster.putItem('romeo', 'reopen.example', NURSE);
    await subject.reopen();
    expect(await subject.storage.roster.get('romeo', 'reopen.example')).to.deep.equal({ version: 2, items: [JULIET, NURSE] });
    expect(await subject.storage.roster.putItem('romeo', 'reopen.example', BENVOLIO)).to.equal(3);
  });
});
