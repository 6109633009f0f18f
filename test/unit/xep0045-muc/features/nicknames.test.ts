// XEP-0045 §7.2.8 and §7.12: a nick in use by another user, or registered to another user, is a
// conflict; the same user may use his nick from several sessions, and his own registered nick.
import { expect } from 'chai';
import { nicknames } from '../../../../src/xep0045-muc/features/nicknames.js';
import { TestRoom, bare, joinAttempt, makeRoom } from '../../../helpers/room-fixtures.js';

describe('nicknames', () => {
  const room = new TestRoom({ affiliations: { carol: { affiliation: 'member', nick: 'Hecate' } } }).enterAll({ alice: 'Witch' }).state;

  it('a nick another user is in the room under: conflict', () => {
    expect(nicknames.checkJoin!(joinAttempt(room, { nick: 'Witch' }))?.condition).to.equal('conflict');
  });

  it('the same user under the same nick (another session): allowed', () => {
    expect(nicknames.checkJoin!(joinAttempt(room, { nick: 'Witch', bareJid: bare('alice') }))).to.equal(undefined);
  });

  it('a nick registered to another user, even when nobody uses it: conflict', () => {
    expect(nicknames.checkJoin!(joinAttempt(room, { nick: 'Hecate' }))?.condition).to.equal('conflict');
  });

  it('one\'s own registered nick: allowed', () => {
    expect(nicknames.checkJoin!(joinAttempt(room, { nick: 'Hecate', bareJid: bare('carol') }))).to.equal(undefined);
  });

  it('nicks are compared exactly as the JID layer normalised them (case matters)', () => {
    expect(nicknames.checkJoin!(joinAttempt(room, { nick: 'witch' }))).to.equal(undefined);
  });

  it('a free nick: allowed', () => {
    expect(nicknames.checkJoin!(joinAttempt(makeRoom(), { nick: 'Anyone' }))).to.equal(undefined);
  });
});
