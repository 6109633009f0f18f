// XEP-0045 §7.2.10 and §10.1.2: a room stays locked until its owner configures it; nobody else may
// enter meanwhile (item-not-found: the room does not exist yet).
import { expect } from 'chai';
import { roomLocking } from '../../../../src/xep0045-muc/features/room-locking.js';
import { joinAttempt, makeRoom } from '../../../helpers/room-fixtures.js';

const SOMEONE = { outcast: 'an outcast', none: 'an unaffiliated user', member: 'a member', admin: 'an admin', owner: 'an owner' } as const;

describe('room locking', () => {
  for (const affiliation of ['none', 'member', 'admin'] as const) {
    it(`a locked room refuses ${SOMEONE[affiliation]} with item-not-found`, () => {
      expect(roomLocking.checkJoin!(joinAttempt(makeRoom({ isLocked: true }), { affiliation }))?.condition).to.equal('item-not-found');
    });
  }

  it('a locked room admits its owner', () => {
    expect(roomLocking.checkJoin!(joinAttempt(makeRoom({ isLocked: true }), { affiliation: 'owner' }))).to.equal(undefined);
  });

  it('an unlocked room refuses nobody', () => {
    expect(roomLocking.checkJoin!(joinAttempt(makeRoom(), { affiliation: 'none' }))).to.equal(undefined);
  });
});
