// XEP-0045 §7.2.7: outcasts may not enter (forbidden).
import { expect } from 'chai';
import { banning } from '../../../../src/xep0045-muc/features/banning.js';
import { joinAttempt, makeRoom } from '../../../helpers/room-fixtures.js';

describe('banning', () => {
  it('an outcast is refused with forbidden', () => {
    expect(banning.checkJoin!(joinAttempt(makeRoom(), { affiliation: 'outcast' }))?.condition).to.equal('forbidden');
  });

  for (const affiliation of ['none', 'member', 'admin', 'owner'] as const) {
    it(`${affiliation} is not stopped by it`, () => {
      expect(banning.checkJoin!(joinAttempt(makeRoom(), { affiliation }))).to.equal(undefined);
    });
  }
});
