// XEP-0045 §10.2 muc#maxhistoryfetch: how many messages a newcomer gets by default, capped by the
// operator's maximum.
import { expect } from 'chai';
import { historyLength } from '../../../../src/xep0045-muc/features/history-length.js';
import { configSubmission, makePolicy, makeRoom } from '../../../helpers/room-fixtures.js';

const config = makeRoom({ config: { historyLength: 20 } }).config;
const apply = (value: string | undefined, maxHistoryFetch = 50) =>
  historyLength.applyConfig!(config, configSubmission(value === undefined ? {} : { 'muc#maxhistoryfetch': value }), makePolicy({ maxHistoryFetch }), 'alice@example.org');

describe('history length (muc#maxhistoryfetch)', () => {
  it('the form shows the current number', () => {
    expect(historyLength.configFields!(config, makePolicy())).to.deep.equal([{ var: 'muc#maxhistoryfetch', type: 'text-single', label: 'Messages of history sent on entry', values: ['20'] }]);
  });

  it('takes a whole number, 0 included', () => {
    expect(apply('35')).to.deep.include({ historyLength: 35 });
    expect(apply('0')).to.deep.include({ historyLength: 0 });
  });

  it('caps it at the operator\'s maximum', () => {
    expect(apply('500', 50)).to.deep.include({ historyLength: 50 });
  });

  it('keeps the value when the field is absent', () => {
    expect(apply(undefined)).to.equal(config);
  });

  for (const bad of ['-1', '2.5', 'many']) {
    it(`refuses ${JSON.stringify(bad)} with not-acceptable`, () => {
      expect(apply(bad)).to.have.nested.property('refused.condition', 'not-acceptable');
    });
  }
});
