// XEP-0045 §10.2 roomname, roomdesc, lang, and §6.4 muc#roominfo description and lang.
import { expect } from 'chai';
import { roomIdentity } from '../../../../src/xep0045-muc/features/room-identity.js';
import { configSubmission, makePolicy, makeRoom } from '../../../helpers/room-fixtures.js';

const config = { ...makeRoom().config, name: 'Coven', description: 'Witches', language: 'en' };
const apply = (fields: Record<string, string>) => roomIdentity.applyConfig!(config, configSubmission(fields), makePolicy(), 'a@b');

describe('room identity (roomname, roomdesc, lang)', () => {
  it('muc#roominfo: description and language; no language value when none is set', () => {
    expect(roomIdentity.roomInfo!(makeRoom({ config }))).to.deep.equal([
      { var: 'muc#roominfo_description', label: 'Description', values: ['Witches'] },
      { var: 'muc#roominfo_lang', label: 'Language', values: ['en'] },
    ]);
    expect(roomIdentity.roomInfo!(makeRoom())[1]!.values).to.deep.equal([]);
  });

  it('the form shows name, description and language', () => {
    expect(roomIdentity.configFields!(config, makePolicy()).map((field) => [field.var, field.values])).to.deep.equal([
      ['muc#roomconfig_roomname', ['Coven']], ['muc#roomconfig_roomdesc', ['Witches']], ['muc#roomconfig_lang', ['en']],
    ]);
  });

  it('applies what is given and keeps the rest; an empty value clears', () => {
    expect(apply({ 'muc#roomconfig_roomname': 'A Dark Cave' })).to.deep.include({ name: 'A Dark Cave', description: 'Witches', language: 'en' });
    expect(apply({ 'muc#roomconfig_roomdesc': '' })).to.deep.include({ description: '' });
  });

  it('a name or description over 1024 characters, or a language over 35, is not-acceptable', () => {
    expect(apply({ 'muc#roomconfig_roomname': 'x'.repeat(1024) })).to.not.have.property('refused');
    expect(apply({ 'muc#roomconfig_roomname': 'x'.repeat(1025) })).to.have.nested.property('refused.condition', 'not-acceptable');
    expect(apply({ 'muc#roomconfig_roomdesc': 'x'.repeat(1025) })).to.have.nested.property('refused.condition', 'not-acceptable');
    expect(apply({ 'muc#roomconfig_lang': 'x'.repeat(36) })).to.have.nested.property('refused.condition', 'not-acceptable');
  });
});
