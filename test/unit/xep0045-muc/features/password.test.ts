// XEP-0045 §7.2.5 and §10.2 passwordprotectedroom and roomsecret: a password-protected room
// admits only those who give its password; a protected room needs a non-blank password (§10.1.3).
import { expect } from 'chai';
import { password } from '../../../../src/xep0045-muc/features/password.js';
import { configSubmission, joinAttempt, makePolicy, makeRoom } from '../../../helpers/room-fixtures.js';

const open = makeRoom().config;
const locked = { ...open, isPasswordProtected: true, password: 'cauldronburn' };
const apply = (base: typeof open, fields: Record<string, string>) => password.applyConfig!(base, configSubmission(fields), makePolicy(), 'a@b');

describe('password-protected rooms', () => {
  it('disco: muc_passwordprotected or muc_unsecured', () => {
    expect(password.discoFeatures!(locked)).to.deep.equal(['muc_passwordprotected']);
    expect(password.discoFeatures!(open)).to.deep.equal(['muc_unsecured']);
  });

  it('the form has the boolean and a text-private password, empty when there is none', () => {
    expect(password.configFields!(locked, makePolicy()).map((field) => [field.var, field.type, field.values])).to.deep.equal([
      ['muc#roomconfig_passwordprotectedroom', 'boolean', ['1']], ['muc#roomconfig_roomsecret', 'text-private', ['cauldronburn']],
    ]);
    expect(password.configFields!(open, makePolicy())[1]!.values).to.deep.equal([]);
  });

  it('protecting with a password works; protecting with a blank one is not-acceptable', () => {
    expect(apply(open, { 'muc#roomconfig_passwordprotectedroom': '1', 'muc#roomconfig_roomsecret': 's3cret' })).to.deep.include({ isPasswordProtected: true, password: 's3cret' });
    expect(apply(open, { 'muc#roomconfig_passwordprotectedroom': '1' })).to.have.nested.property('refused.condition', 'not-acceptable');
    expect(apply(open, { 'muc#roomconfig_passwordprotectedroom': '1', 'muc#roomconfig_roomsecret': '' })).to.have.nested.property('refused.condition', 'not-acceptable');
  });

  it('a new password alone keeps the protection; turning protection off forgets the password', () => {
    expect(apply(locked, { 'muc#roomconfig_roomsecret': 'new' })).to.deep.include({ isPasswordProtected: true, password: 'new' });
    expect(apply(locked, { 'muc#roomconfig_passwordprotectedroom': '0' })).to.deep.include({ isPasswordProtected: false, password: '' });
  });

  it('entering: no password → not-authorized, wrong → not-authorized, right → in; an unprotected room asks nothing', () => {
    const room = makeRoom({ config: locked });
    expect(password.checkJoin!(joinAttempt(room))?.condition).to.equal('not-authorized');
    expect(password.checkJoin!(joinAttempt(room, { password: 'wrong' }))?.condition).to.equal('not-authorized');
    expect(password.checkJoin!(joinAttempt(room, { password: 'cauldronburn' }))).to.equal(undefined);
    expect(password.checkJoin!(joinAttempt(makeRoom(), { password: 'anything' }))).to.equal(undefined);
  });

  it('the password check applies to owners too', () => {
    expect(password.checkJoin!(joinAttempt(makeRoom({ config: locked }), { affiliation: 'owner' }))?.condition).to.equal('not-authorized');
  });
});
