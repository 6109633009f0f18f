// handleStanza, the core's entry: which stanza goes where (XEP-0045 §17), IQs to the room and to
// occupant JIDs (§6.6, §17.4, XEP-0410 self-ping), and bounced errors that mean an occupant is gone
// (§18.1.2 ghost users, status 333).
import { expect } from 'chai';
import { handleStanza } from '../../../../src/xep0045-muc/room/room-core.js';
import { xml } from '../../../../src/xmpp/element.js';
import { NS } from '../../../../src/xmpp/namespaces.js';
import { ROOM, TestRoom, errorType, incoming, iqIn, makeContext, makeRoom, mucItem, statusCodes } from '../../../helpers/room-fixtures.js';

const ping = () => xml('ping', { xmlns: NS.ping });

function bounce(who: string, type: string, condition: string) {
  return incoming(who, xml('message', { type: 'error' }, xml('error', { type }, xml(condition, { xmlns: NS.stanzas }))));
}

describe('handleStanza', () => {
  it('is pure: it does not change the room it is given', () => {
    const room = makeRoom({ isUnclaimed: true, isLocked: true });
    const snapshot = () => JSON.stringify({ ...room, occupants: [...room.occupants], nickOf: [...room.nickOf], affiliations: [...room.affiliations], invited: [...room.invited] });
    const before = snapshot();
    const outcome = handleStanza(room, incoming('bob', xml('presence', {}, xml('x', { xmlns: NS.muc })), 'Bob'), makeContext(), { canSelfRegister: true });
    expect(outcome.changes.length).to.be.greaterThan(0);
    expect(snapshot()).to.equal(before);
  });

  it('ignores anything that is not a message, presence or IQ', () => {
    const room = new TestRoom();
    expect(room.send(incoming('bob', xml('foo'))).isIgnored).to.equal(true);
  });

  describe('IQs to the room (§17.4 rule 1: handled by the room, never reflected)', () => {
    it('an IQ without a payload is a bad-request', () => {
      expect(new TestRoom().send(iqIn('bob', 'get')).error).to.equal('bad-request');
    });

    it('a namespace the room does not serve is service-unavailable (cancel)', () => {
      const asked = new TestRoom().send(iqIn('bob', 'get', xml('query', { xmlns: NS.version })));
      expect(asked.error).to.equal('service-unavailable');
      expect(errorType(asked.errorReply)).to.equal('cancel');
    });

    it('a get of a set-only payload and a set of a get-only payload are service-unavailable', () => {
      const room = new TestRoom();
      expect(room.send(iqIn('bob', 'set', xml('query', { xmlns: NS.discoInfo }))).error).to.equal('service-unavailable');
      expect(room.send(iqIn('bob', 'set', ping())).error).to.equal('service-unavailable');
    });

    it('XEP-0199: a ping to the room is answered', () => {
      const answered = new TestRoom().send(iqIn('bob', 'get', ping()));
      expect(answered.result?.attrs).to.include({ type: 'result', from: ROOM, id: 'iq1' });
    });

    it('results and errors sent to the room are ignored (never answered)', () => {
      const room = new TestRoom();
      expect(room.send(iqIn('bob', 'result', ping())).isIgnored).to.equal(true);
      expect(room.send(iqIn('bob', 'error', ping())).isIgnored).to.equal(true);
      expect(room.send(iqIn('bob', 'bogus', ping())).isIgnored).to.equal(true);
    });
  });

  it('IQs to an occupant JID go to the relay (iq-relay.test.ts): a non-occupant gets not-acceptable', () => {
    const room = new TestRoom().enterAll({ alice: 'Alice' });
    expect(room.send(iqIn('eve', 'get', xml('query', { xmlns: NS.version }), 'Alice')).error).to.equal('not-acceptable');
  });

  describe('messages', () => {
    it('a message error from an occupant\'s session (cancel) removes him, with 333 to everyone', () => {
      const room = new TestRoom().enterAll({ alice: 'Alice', bob: 'Bob' });
      const gone = room.send(bounce('bob', 'cancel', 'remote-server-not-found'));
      const [seen] = gone.presenceOf('Bob', 'alice');
      expect(seen?.attrs.type).to.equal('unavailable');
      expect(statusCodes(seen)).to.deep.equal([333]);
      expect(mucItem(seen)).to.include({ role: 'none' });
      expect(statusCodes(gone.presenceOf('Bob', 'bob')[0])).to.include.members([110, 333]);
      expect(room.nicks).to.deep.equal(['Alice']);
    });

    it('a message error of type wait or modify does not remove anyone (a transient or content problem)', () => {
      const room = new TestRoom().enterAll({ alice: 'Alice', bob: 'Bob' });
      expect(room.send(bounce('bob', 'modify', 'bad-request')).isIgnored).to.equal(true);
      expect(room.nicks).to.include('Bob');
    });

    it('a message error from someone not in the room is ignored', () => {
      expect(new TestRoom().send(bounce('bob', 'cancel', 'gone')).isIgnored).to.equal(true);
    });

    it('an error is never answered with an error, even an unexpected one', () => {
      const room = new TestRoom();
      expect(room.send(incoming('bob', xml('message', { type: 'error' }), 'Alice')).isIgnored).to.equal(true);
    });

    // §18.1.2 (impl-service-ghosts): "a MUC service SHOULD remove a user if the service receives a
    // delivery-related error in relation to a stanza it has previously sent to the user (... gone,
    // item-not-found, recipient-unavailable, redirect, remote-server-not-found, and
    // remote-server-timeout)". That includes remote-server-timeout and recipient-unavailable, which
    // are of type wait.
    it('a remote-server-timeout (type wait) bounced from bob\'s server removes him (§18.1.2)', () => {
      const room = new TestRoom().enterAll({ alice: 'Alice', bob: 'Bob' });
      const gone = room.send(bounce('bob', 'wait', 'remote-server-timeout'));
      expect(statusCodes(gone.presenceOf('Bob', 'alice')[0])).to.include(333);
      expect(room.nicks).to.deep.equal(['Alice']);
    });
  });
});
