// The storage contract for vCard-temp documents (XEP-0054), on every database.
import { expect } from 'chai';
import { StorageError } from '../../src/persistence/storage-error.js';
import { describeStorageContract } from './harness.js';

const vcard = (fullName: string): string => `<vCard xmlns="vcard-temp"><FN>${fullName}</FN><NICKNAME>${fullName.toLowerCase()}</NICKNAME></vCard>`;

describeStorageContract('vCards', (subject) => {
  it('answers undefined for an account that never set a vCard', async () => {
    await subject.createAccount('romeo', 'empty.example');
    expect(await subject.storage.vcards.get('romeo', 'empty.example')).to.equal(undefined);
    expect(await subject.storage.vcards.get('nobody', 'empty.example')).to.equal(undefined);
  });

  it('returns the vCard exactly as set, then as replaced', async () => {
    await subject.createAccount('romeo', 'replace.example');
    const photo = `<PHOTO><TYPE>image/png</TYPE><BINVAL>${'A'.repeat(64 * 1024)}</BINVAL></PHOTO>`;
    const first = vcard('Romeo Montague — Ромео').replace('</vCard>', `${photo}</vCard>`);
    await subject.storage.vcards.set('romeo', 'replace.example', first);
    expect(await subject.storage.vcards.get('romeo', 'replace.example')).to.equal(first);
    await subject.storage.vcards.set('romeo', 'replace.example', vcard('Romeo'));
    expect(await subject.storage.vcards.get('romeo', 'replace.example')).to.equal(vcard('Romeo'));
  });

  it('keeps one vCard per account under concurrent sets', async () => {
    await subject.createAccount('romeo', 'race.example');
    const names = ['One', 'Two', 'Three', 'Four', 'Five', 'Six'];
    await Promise.all(names.map((name) => subject.storage.vcards.set('romeo', 'race.example', vcard(name))));
    expect(names.map(vcard)).to.include(await subject.storage.vcards.get('romeo', 'race.example'));
  });

  it('keeps the vCards of two accounts apart', async () => {
    await subject.createAccount('romeo', 'apart.example');
    await subject.createAccount('juliet', 'apart.example');
    await subject.storage.vcards.set('romeo', 'apart.example', vcard('Romeo'));
    await subject.storage.vcards.set('juliet', 'apart.example', vcard('Juliet'));
    expect(await subject.storage.vcards.get('romeo', 'apart.example')).to.equal(vcard('Romeo'));
    expect(await subject.storage.vcards.get('juliet', 'apart.example')).to.equal(vcard('Juliet'));
  });

  it('refuses a vCard for an account that does not exist', async () => {
    const refusal = await subject.storage.vcards.set('ghost', 'missing.example', vcard('Ghost')).then(() => undefined, (error: unknown) => error);
    expect(refusal).to.be.instanceOf(StorageError);
    expect((refusal as StorageError).message).to.include('vcards.set ghost@missing.example').and.include('no such account');
    expect(await subject.storage.vcards.get('ghost', 'missing.example')).to.equal(undefined);
  });

  it('keeps vCards across close and reopen', async () => {
    await subject.createAccount('romeo', 'reopen.example');
    await subject.storage.vcards.set('romeo', 'reopen.example', vcard('Romeo'));
    await subject.reopen();
    expect(await subject.storage.vcards.get('romeo', 'reopen.example')).to.equal(vcard('Romeo'));
  });
});
