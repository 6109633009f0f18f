// XEP-0045 §10.2 muc#roomconfig_moderatedroom and allowvoicerequests (§7.13, §8.6).
import { expect } from 'chai';
import { moderation } from '../../../../src/xep0045-muc/features/moderation.js';
import { configSubmission, makePolicy, makeRoom } from '../../../helpers/room-fixtures.js';

const config = makeRoom().config;
const apply = (fields: Record<string, string>) => moderation.applyConfig!(config, configSubmission(fields), makePolicy(), 'alice@example.org');

describe('moderation', () => {
  it('disco: muc_moderated or muc_unmoderated', () => {
    expect(moderation.discoFeatures!({ ...config, isModerated: true })).to.deep.equal(['muc_moderated']);
    expect(moderation.discoFeatures!({ ...config, isModerated: false })).to.deep.equal(['muc_unmoderated']);
  });

  it('the form shows whether the room is moderated and whether visitors may ask for voice', () => {
    const fields = moderation.configFields!({ ...config, isModerated: true, allowVoiceRequests: false }, makePolicy());
    expect(fields.map((field) => [field.var, field.values])).to.deep.equal([
      ['muc#roomconfig_moderatedroom', ['1']], ['muc#roomconfig_allowvoicerequests', ['0']],
    ]);
  });

  it('applies both, keeps what is absent, refuses a non-boolean in either', () => {
    expect(apply({ 'muc#roomconfig_moderatedroom': '1' })).to.deep.include({ isModerated: true, allowVoiceRequests: config.allowVoiceRequests });
    expect(apply({ 'muc#roomconfig_allowvoicerequests': '0' })).to.deep.include({ isModerated: config.isModerated, allowVoiceRequests: false });
    expect(apply({ 'muc#roomconfig_moderatedroom': 'on' })).to.have.nested.property('refused.condition', 'bad-request');
    expect(apply({ 'muc#roomconfig_allowvoicerequests': 'on' })).to.have.nested.property('refused.condition', 'bad-request');
  });
});
