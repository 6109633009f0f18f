// RFC 6121 Appendix A: every row of the A.2 (outbound) and A.3 (inbound) state tables, one test
// per row, named after it; then the §3.4 pre-approval flag the tables leave out.
import { expect } from 'chai';
import {
  NO_SUBSCRIPTION, hasFrom, hasTo, isSameState, isSubscriptionType, nextSubscriptionState,
  type Direction, type SubscriptionState, type SubscriptionType,
} from '../../../src/im/subscription-states.js';

/** The nine defined states of A.1, by their RFC names. */
const DEFINED = {
  'None': { subscription: 'none', pendingOut: false, pendingIn: false },
  'None + Pending Out': { subscription: 'none', pendingOut: true, pendingIn: false },
  'None + Pending In': { subscription: 'none', pendingOut: false, pendingIn: true },
  'None + Pending Out+In': { subscription: 'none', pendingOut: true, pendingIn: true },
  'To': { subscription: 'to', pendingOut: false, pendingIn: false },
  'To + Pending In': { subscription: 'to', pendingOut: false, pendingIn: true },
  'From': { subscription: 'from', pendingOut: false, pendingIn: false },
  'From + Pending Out': { subscription: 'from', pendingOut: true, pendingIn: false },
  'Both': { subscription: 'both', pendingOut: false, pendingIn: false },
} as const satisfies Record<string, Omit<SubscriptionState, 'preApproved'>>;

type StateName = keyof typeof DEFINED;
const NO_CHANGE = 'no state change';

function state(name: StateName, preApproved = false): SubscriptionState {
  return { ...DEFINED[name], preApproved };
}

interface Table {
  section: string;
  direction: Direction;
  type: SubscriptionType;
  /** EXISTING STATE → RESULTING STATE, in the RFC's row order. */
  rows: [StateName, StateName | typeof NO_CHANGE][];
  /** Rows where §3.4.2 turns the stanza into a pre-approval (the 'approved' flag is set). */
  preApproves?: StateName[];
}

const TABLES: Table[] = [
  { section: 'A.2.1', direction: 'outbound', type: 'subscribe', rows: [
    ['None', 'None + Pending Out'], ['None + Pending Out', NO_CHANGE], ['None + Pending In', 'None + Pending Out+In'],
    ['None + Pending Out+In', NO_CHANGE], ['To', NO_CHANGE], ['To + Pending In', NO_CHANGE],
    ['From', 'From + Pending Out'], ['From + Pending Out', NO_CHANGE], ['Both', NO_CHANGE],
  ] },
  { section: 'A.2.2', direction: 'outbound', type: 'unsubscribe', rows: [
    ['None', NO_CHANGE], ['None + Pending Out', 'None'], ['None + Pending In', NO_CHANGE],
    ['None + Pending Out+In', 'None + Pending In'], ['To', 'None'], ['To + Pending In', 'None + Pending In'],
    ['From', NO_CHANGE], ['From + Pending Out', 'From'], ['Both', 'From'],
  ] },
  { section: 'A.2.3', direction: 'outbound', type: 'subscribed', preApproves: ['None', 'None + Pending Out', 'To'], rows: [
    ['None', NO_CHANGE], ['None + Pending Out', NO_CHANGE], ['None + Pending In', 'From'],
    ['None + Pending Out+In', 'From + Pending Out'], ['To', NO_CHANGE], ['To + Pending In', 'Both'],
    ['From', NO_CHANGE], ['From + Pending Out', NO_CHANGE], ['Both', NO_CHANGE],
  ] },
  { section: 'A.2.4', direction: 'outbound', type: 'unsubscribed', rows: [
    ['None', NO_CHANGE], ['None + Pending Out', NO_CHANGE], ['None + Pending In', 'None'],
    ['None + Pending Out+In', 'None + Pending Out'], ['To', NO_CHANGE], ['To + Pending In', 'To'],
    ['From', 'None'], ['From + Pending Out', 'None + Pending Out'], ['Both', 'To'],
  ] },
  { section: 'A.3.1', direction: 'inbound', type: 'subscribe', rows: [
    ['None', 'None + Pending In'], ['None + Pending Out', 'None + Pending Out+In'], ['None + Pending In', NO_CHANGE],
    ['None + Pending Out+In', NO_CHANGE], ['To', 'To + Pending In'], ['To + Pending In', NO_CHANGE],
    ['From', NO_CHANGE], ['From + Pending Out', NO_CHANGE], ['Both', NO_CHANGE],
  ] },
  { section: 'A.3.2', direction: 'inbound', type: 'unsubscribe', rows: [
    ['None', NO_CHANGE], ['None + Pending Out', NO_CHANGE], ['None + Pending In', 'None'],
    ['None + Pending Out+In', 'None + Pending Out'], ['To', NO_CHANGE], ['To + Pending In', 'To'],
    ['From', 'None'], ['From + Pending Out', 'None + Pending Out'], ['Both', 'To'],
  ] },
  { section: 'A.3.3', direction: 'inbound', type: 'subscribed', rows: [
    ['None', NO_CHANGE], ['None + Pending Out', 'To'], ['None + Pending In', NO_CHANGE],
    ['None + Pending Out+In', 'To + Pending In'], ['To', NO_CHANGE], ['To + Pending In', NO_CHANGE],
    ['From', NO_CHANGE], ['From + Pending Out', 'Both'], ['Both', NO_CHANGE],
  ] },
  { section: 'A.3.4', direction: 'inbound', type: 'unsubscribed', rows: [
    ['None', NO_CHANGE], ['None + Pending Out', 'None'], ['None + Pending In', NO_CHANGE],
    ['None + Pending Out+In', 'None + Pending In'], ['To', 'None'], ['To + Pending In', 'None + Pending In'],
    ['From', NO_CHANGE], ['From + Pending Out', 'From'], ['Both', 'From'],
  ] },
];

describe('subscription states (RFC 6121 Appendix A)', () => {
  it('the tables list all nine defined states (A.1) in each of the eight tables', () => {
    for (const table of TABLES) expect(table.rows.map(([from]) => from), table.section).to.deep.equal(Object.keys(DEFINED));
  });

  for (const table of TABLES) {
    describe(`${table.section} ${table.direction} "${table.type}"`, () => {
      for (const [existing, resulting] of table.rows) {
        const isPreApproval = table.preApproves?.includes(existing) ?? false;
        const title = `${table.section}: "${existing}" → ${resulting === NO_CHANGE ? NO_CHANGE : `"${resulting}"`}`
          + (isPreApproval ? ' (§3.4.2: noted as a pre-approval)' : '');
        it(title, () => {
          const expected = state(resulting === NO_CHANGE ? existing : resulting, isPreApproval);
          expect(nextSubscriptionState(state(existing), table.direction, table.type)).to.deep.equal(expected);
        });
      }
    });
  }

  describe('§3.4 pre-approval', () => {
    it('§3.4.2 rule 4: a contact not yet in the roster is pre-approved from "None"', () => {
      expect(nextSubscriptionState(NO_SUBSCRIPTION, 'outbound', 'subscribed')).to.deep.equal(state('None', true));
    });

    it('§3.4.2 rule 1: "subscribed" to a contact that already has "from" is ignored, not a pre-approval', () => {
      for (const name of ['From', 'From + Pending Out', 'Both'] as const) {
        expect(nextSubscriptionState(state(name), 'outbound', 'subscribed'), name).to.deep.equal(state(name));
      }
    });

    it('§3.1.3 rule 1 (§3.4): an inbound subscribe that was pre-approved is approved at once and the approval is used up', () => {
      expect(nextSubscriptionState(state('None', true), 'inbound', 'subscribe')).to.deep.equal(state('From'));
      expect(nextSubscriptionState(state('None + Pending Out', true), 'inbound', 'subscribe')).to.deep.equal(state('From + Pending Out'));
      expect(nextSubscriptionState(state('To', true), 'inbound', 'subscribe')).to.deep.equal(state('Both'));
    });

    it('§3.2.2: an outbound "unsubscribed" cancels a pre-approval', () => {
      for (const name of ['None', 'None + Pending Out', 'To'] as const) {
        expect(nextSubscriptionState(state(name, true), 'outbound', 'unsubscribed'), name).to.deep.equal(state(name));
      }
    });

    it('a second pre-approval changes nothing', () => {
      expect(nextSubscriptionState(state('None', true), 'outbound', 'subscribed')).to.deep.equal(state('None', true));
    });

    it('a pre-approval survives the user\'s own subscription being approved, then completes "Both"', () => {
      let current = nextSubscriptionState(NO_SUBSCRIPTION, 'outbound', 'subscribed');
      current = nextSubscriptionState(current, 'outbound', 'subscribe');
      current = nextSubscriptionState(current, 'inbound', 'subscribed');
      expect(current).to.deep.equal(state('To', true));
      expect(nextSubscriptionState(current, 'inbound', 'subscribe')).to.deep.equal(state('Both'));
    });

    it('without a pre-approval an inbound subscribe waits for the user (§3.1.3 rule 1: never auto-approved)', () => {
      expect(nextSubscriptionState(state('None'), 'inbound', 'subscribe').subscription).to.equal('none');
    });
  });

  describe('helpers', () => {
    it('isSubscriptionType accepts exactly the four subscription types', () => {
      const types = ['subscribe', 'subscribed', 'unsubscribe', 'unsubscribed', 'probe', 'unavailable', '', 'Subscribe'];
      expect(types.filter(isSubscriptionType)).to.deep.equal(['subscribe', 'subscribed', 'unsubscribe', 'unsubscribed']);
    });

    it('hasTo and hasFrom read the two directions of the subscription', () => {
      const names = Object.keys(DEFINED) as StateName[];
      expect(names.filter((name) => hasTo(state(name)))).to.deep.equal(['To', 'To + Pending In', 'Both']);
      expect(names.filter((name) => hasFrom(state(name)))).to.deep.equal(['From', 'From + Pending Out', 'Both']);
    });

    it('isSameState compares every field, the pre-approval flag included', () => {
      expect(isSameState(state('To + Pending In'), state('To + Pending In'))).to.equal(true);
      expect(isSameState(state('None'), state('None', true))).to.equal(false);
      expect(isSameState(state('None + Pending Out'), state('None + Pending In'))).to.equal(false);
      expect(isSameState(state('To'), state('From'))).to.equal(false);
    });
  });
});
