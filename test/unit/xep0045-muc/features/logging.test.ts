// XEP-0045 §10.2 muc#roomconfig_enablelogging and §7.2.12: a logged (archived) room; when the
// operator archives every room message, owners cannot turn it off.
import { expect } from 'chai';
import { isArchived, logging } from '../../../../src/xep0045-muc/features/logging.js';
import { NS } from '../../../../src/xmpp/namespaces.js';
import { configSubmission, makePolicy, makeRoom } from '../../../helpers/room-fixtures.js';

const config = makeRoom().config;

describe('logging (muc#roomconfig_enablelogging)', () => {
  it('a room is archived when it logs, or when the operator archives everything', () => {
    expect(isArchived({ ...config, isLogging: true }, makePolicy())).to.equal(true);
    expect(isArchived({ ...config, isLogging: false }, makePolicy())).to.equal(false);
    expect(isArchived({ ...config, isLogging: false }, makePolicy({ isArchivingForced: true }))).to.equal(true);
  });

  it('rooms advertise MAM, with before-id and after-id (XEP-0313 §7)', () => {
    expect(logging.discoFeatures!(config)).to.deep.equal([NS.mam, `${NS.mam}#extended`]);
  });

  it('the form shows the setting, unless the operator archives everything', () => {
    expect(logging.configFields!({ ...config, isLogging: true }, makePolicy())).to.deep.equal([
      { var: 'muc#roomconfig_enablelogging', type: 'boolean', label: 'Archive messages', values: ['1'] },
    ]);
    expect(logging.configFields!(config, makePolicy({ isArchivingForced: true }))).to.deep.equal([]);
  });

  it('applies the setting, and ignores it when the operator archives everything', () => {
    const on = configSubmission({ 'muc#roomconfig_enablelogging': '1' });
    expect(logging.applyConfig!(config, on, makePolicy(), 'alice@example.org')).to.deep.include({ isLogging: true });
    expect(logging.applyConfig!(config, on, makePolicy({ isArchivingForced: true }), 'alice@example.org')).to.equal(config);
    expect(logging.applyConfig!(config, configSubmission({ 'muc#roomconfig_enablelogging': 'x' }), makePolicy(), 'alice@example.org'))
      .to.have.nested.property('refused.condition', 'bad-request');
  });
});
