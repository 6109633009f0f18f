// XEP-0045 §10.2 muc#roomconfig_allowpm: which roles may send private messages (§7.5).
import { expect } from 'chai';
import { privateMessages } from '../../../../src/xep0045-muc/features/private-messages.js';
import { configSubmission, makePolicy, makeRoom } from '../../../helpers/room-fixtures.js';

const config = makeRoom().config;

describe('private messages (muc#roomconfig_allowpm)', () => {
  it('the form offers anyone, participants, moderators and none, with the current value', () => {
    const [field] = privateMessages.configFields!({ ...config, allowPrivateMessages: 'moderators' }, makePolicy());
    expect(field).to.deep.include({ var: 'muc#roomconfig_allowpm', type: 'list-single', values: ['moderators'] });
    expect(field!.options!.map((option) => option.value)).to.deep.equal(['anyone', 'participants', 'moderators', 'none']);
  });

  for (const value of ['anyone', 'participants', 'moderators', 'none'] as const) {
    it(`applies ${value}`, () => {
      expect(privateMessages.applyConfig!(config, configSubmission({ 'muc#roomconfig_allowpm': value }), makePolicy(), 'a@b')).to.deep.include({ allowPrivateMessages: value });
    });
  }

  it('refuses anything else with not-acceptable, and keeps the value when absent', () => {
    expect(privateMessages.applyConfig!(config, configSubmission({ 'muc#roomconfig_allowpm': 'visitors' }), makePolicy(), 'a@b')).to.have.nested.property('refused.condition', 'not-acceptable');
    expect(privateMessages.applyConfig!(config, configSubmission({}), makePolicy(), 'a@b')).to.equal(config);
  });
});
