// XEP-0045 §10.2 muc#roomconfig_allowinvites: whether occupants other than admins may invite to a
// members-only room (§7.8).
import { expect } from 'chai';
import { invitations } from '../../../../src/xep0045-muc/features/invitations.js';
import { configSubmission, makePolicy, makeRoom } from '../../../helpers/room-fixtures.js';

const config = makeRoom().config;

describe('invitations (muc#roomconfig_allowinvites)', () => {
  it('the form shows the current setting as a boolean', () => {
    expect(invitations.configFields!({ ...config, allowInvites: true }, makePolicy())).to.deep.equal([
      { var: 'muc#roomconfig_allowinvites', type: 'boolean', label: 'Allow occupants to invite others', values: ['1'] },
    ]);
  });

  it('applies it, keeps it when absent, refuses a non-boolean', () => {
    const apply = (fields: Record<string, string>) => invitations.applyConfig!(config, configSubmission(fields), makePolicy(), 'alice@example.org');
    expect(apply({ 'muc#roomconfig_allowinvites': '1' })).to.deep.include({ allowInvites: true });
    expect(apply({})).to.deep.include({ allowInvites: config.allowInvites });
    expect(apply({ 'muc#roomconfig_allowinvites': 'sure' })).to.have.nested.property('refused.condition', 'bad-request');
  });
});
