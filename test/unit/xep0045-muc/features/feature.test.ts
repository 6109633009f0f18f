// The RoomFeature helpers: boolean config fields in '1'/'0' form, and reading a submitted boolean
// (XEP-0004 §3.3: '1'/'true', '0'/'false'), keeping the current value when the field is absent.
import { expect } from 'chai';
import { booleanField, submittedBoolean } from '../../../../src/xep0045-muc/features/feature.js';
import { configSubmission } from '../../../helpers/room-fixtures.js';

describe('RoomFeature helpers', () => {
  it('booleanField is a boolean field whose value is 1 or 0', () => {
    expect(booleanField('muc#x', 'X?', true)).to.deep.equal({ var: 'muc#x', type: 'boolean', label: 'X?', values: ['1'] });
    expect(booleanField('muc#x', 'X?', false).values).to.deep.equal(['0']);
  });

  for (const [value, expected] of [['1', true], ['true', true], ['0', false], ['false', false]] as const) {
    it(`submittedBoolean reads ${JSON.stringify(value)} as ${String(expected)}`, () => {
      expect(submittedBoolean(configSubmission({ 'muc#x': value }), 'muc#x', !expected)).to.equal(expected);
    });
  }

  it('an absent field keeps the current value', () => {
    expect(submittedBoolean(configSubmission({}), 'muc#x', true)).to.equal(true);
    expect(submittedBoolean(configSubmission({}), 'muc#x', false)).to.equal(false);
  });

  for (const value of ['yes', 'TRUE', '2', '', ' 1']) {
    it(`a value of ${JSON.stringify(value)} is refused with bad-request`, () => {
      expect(submittedBoolean(configSubmission({ 'muc#x': value }), 'muc#x', false)).to.deep.include({ refused: { condition: 'bad-request', text: 'muc#x must be a boolean' } });
    });
  }

  it('a field submitted without any value is refused', () => {
    expect(submittedBoolean(configSubmission({ 'muc#x': [] }), 'muc#x', true)).to.have.property('refused');
  });
});
