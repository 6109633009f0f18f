// XEP-0045 §7.2.6 and §10.2 muc#roomconfig_membersonly: a members-only room admits only members,
// admins and owners (registration-required for anyone else).
import { expect } from 'chai';
import { membersOnly } from '../../../../src/xep0045-muc/features/members-only.js';
import { configSubmission, joinAttempt, makePolicy, makeRoom } from '../../../helpers/room-fixtures.js';

const SOMEONE = { outcast: 'an outcast', none: 'an unaffiliated user', member: 'a member', admin: 'an admin', owner: 'an owner' } as const;

describe('members-only rooms', () => {
  it('disco: muc_membersonly or muc_open', () => {
    expect(membersOnly.discoFeatures!({ ...makeRoom().config, isMembersOnly: true })).to.deep.equal(['muc_membersonly']);
    expect(membersOnly.discoFeatures!({ ...makeRoom().config, isMembersOnly: false })).to.deep.equal(['muc_open']);
  });

  it('the form field, and applying it', () => {
    const config = makeRoom().config;
    expect(membersOnly.configFields!(config, makePolicy())[0]).to.deep.include({ var: 'muc#roomconfig_membersonly', type: 'boolean', values: ['0'] });
    expect(membersOnly.applyConfig!(config, configSubmission({ 'muc#roomconfig_membersonly': 'true' }), makePolicy(), 'a@b')).to.deep.include({ isMembersOnly: true });
  });

  const table = [['outcast', 'registration-required'], ['none', 'registration-required'], ['member', undefined], ['admin', undefined], ['owner', undefined]] as const;
  for (const [affiliation, refusal] of table) {
    it(`a members-only room ${refusal === undefined ? 'admits' : 'refuses'} ${SOMEONE[affiliation]}`, () => {
      expect(membersOnly.checkJoin!(joinAttempt(makeRoom({ config: { isMembersOnly: true } }), { affiliation }))?.condition).to.equal(refusal);
    });
  }

  it('an open room refuses nobody', () => {
    expect(membersOnly.checkJoin!(joinAttempt(makeRoom(), { affiliation: 'none' }))).to.equal(undefined);
  });
});
