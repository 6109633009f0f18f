// XEP-0045 §10.2 muc#roomconfig_publicroom: a public room is listed in the service's disco#items.
import { expect } from 'chai';
import { publicListing } from '../../../../src/xep0045-muc/features/public-listing.js';
import { configSubmission, makePolicy, makeRoom } from '../../../helpers/room-fixtures.js';

const config = makeRoom().config;

describe('public listing (muc#roomconfig_publicroom)', () => {
  it('disco: muc_public or muc_hidden', () => {
    expect(publicListing.discoFeatures!({ ...config, isPublic: true })).to.deep.equal(['muc_public']);
    expect(publicListing.discoFeatures!({ ...config, isPublic: false })).to.deep.equal(['muc_hidden']);
  });

  it('the form field, applying it, and a bad value', () => {
    expect(publicListing.configFields!({ ...config, isPublic: false }, makePolicy())[0]).to.deep.include({ var: 'muc#roomconfig_publicroom', values: ['0'] });
    expect(publicListing.applyConfig!(config, configSubmission({ 'muc#roomconfig_publicroom': 'false' }), makePolicy(), 'a@b')).to.deep.include({ isPublic: false });
    expect(publicListing.applyConfig!(config, configSubmission({ 'muc#roomconfig_publicroom': 'no' }), makePolicy(), 'a@b')).to.have.nested.property('refused.condition', 'bad-request');
  });
});
