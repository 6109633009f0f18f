// XEP-0045 §10.2 muc#roomconfig_persistentroom, within the operator's rules: whether persistent
// chat is on, whether owners may change persistence, and who may make rooms persistent.
import { expect } from 'chai';
import { persistence } from '../../../../src/xep0045-muc/features/persistence.js';
import { configSubmission, makePolicy, makeRoom, type PolicySetup } from '../../../helpers/room-fixtures.js';

const temporary = { ...makeRoom().config, isPersistent: false };
const apply = (value: string, policy: PolicySetup = {}, base = temporary, who = 'alice@example.org') =>
  persistence.applyConfig!(base, configSubmission({ 'muc#roomconfig_persistentroom': value }), makePolicy(policy), who);

describe('persistence (muc#roomconfig_persistentroom)', () => {
  it('disco: muc_persistent or muc_temporary', () => {
    expect(persistence.discoFeatures!({ ...temporary, isPersistent: true })).to.deep.equal(['muc_persistent']);
    expect(persistence.discoFeatures!(temporary)).to.deep.equal(['muc_temporary']);
  });

  it('the form offers the field only when persistent chat is on and owners may change it', () => {
    expect(persistence.configFields!(temporary, makePolicy())).to.have.length(1);
    expect(persistence.configFields!(temporary, makePolicy({ isPersistentChatEnabled: false }))).to.deep.equal([]);
    expect(persistence.configFields!(temporary, makePolicy({ canChangePersistence: false }))).to.deep.equal([]);
  });

  it('an owner makes a room persistent, or temporary again', () => {
    expect(apply('1')).to.deep.include({ isPersistent: true });
    expect(apply('0', {}, { ...temporary, isPersistent: true })).to.deep.include({ isPersistent: false });
  });

  it('submitting the current value is always fine, whatever the operator allows', () => {
    expect(apply('0', { isPersistentChatEnabled: false, canChangePersistence: false })).to.equal(temporary);
  });

  it('persistent chat off: not-acceptable', () => {
    expect(apply('1', { isPersistentChatEnabled: false })).to.have.nested.property('refused.condition', 'not-acceptable');
  });

  it('owners may not change persistence on this service: not-acceptable', () => {
    expect(apply('1', { canChangePersistence: false })).to.have.nested.property('refused.condition', 'not-acceptable');
  });

  it('only group chat administrators may make rooms persistent: forbidden for others', () => {
    expect(apply('1', { persistentCreators: ['root'] })).to.have.nested.property('refused.condition', 'forbidden');
    expect(apply('1', { persistentCreators: ['root'] }, temporary, 'root@example.org')).to.deep.include({ isPersistent: true });
  });

  it('a value that is not a boolean: bad-request', () => {
    expect(apply('forever')).to.have.nested.property('refused.condition', 'bad-request');
  });
});
