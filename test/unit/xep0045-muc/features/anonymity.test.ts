// XEP-0045 §5.3 and §10.2 muc#roomconfig_whois: who may discover occupants' real JIDs.
import { expect } from 'chai';
import { anonymity } from '../../../../src/xep0045-muc/features/anonymity.js';
import { configSubmission, makePolicy, makeRoom } from '../../../helpers/room-fixtures.js';

const config = makeRoom().config;

describe('anonymity (muc#roomconfig_whois)', () => {
  it('disco: muc_nonanonymous for whois anyone, muc_semianonymous for moderators', () => {
    expect(anonymity.discoFeatures!({ ...config, whois: 'anyone' })).to.deep.equal(['muc_nonanonymous']);
    expect(anonymity.discoFeatures!({ ...config, whois: 'moderators' })).to.deep.equal(['muc_semianonymous']);
  });

  it('the form offers moderators and anyone, with the current value', () => {
    const [field] = anonymity.configFields!({ ...config, whois: 'anyone' }, makePolicy());
    expect(field).to.deep.include({ var: 'muc#roomconfig_whois', type: 'list-single', values: ['anyone'] });
    expect(field!.options!.map((option) => option.value)).to.deep.equal(['moderators', 'anyone']);
  });

  it('applies anyone or moderators, keeps the value when absent, refuses anything else with not-acceptable', () => {
    const apply = (fields: Record<string, string>) => anonymity.applyConfig!(config, configSubmission(fields), makePolicy(), 'alice@example.org');
    expect(apply({ 'muc#roomconfig_whois': 'anyone' })).to.deep.include({ whois: 'anyone' });
    expect(apply({ 'muc#roomconfig_whois': 'moderators' })).to.deep.include({ whois: 'moderators' });
    expect(apply({})).to.equal(config);
    expect(apply({ 'muc#roomconfig_whois': 'participants' })).to.have.nested.property('refused.condition', 'not-acceptable');
  });
});
