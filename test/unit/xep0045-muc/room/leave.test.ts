// XEP-0045 §7.14 exiting a room, and §10.1.3 an owner leaving a room never configured.
import { expect } from 'chai';
import { xml } from '../../../../src/xmpp/element.js';
import { NS } from '../../../../src/xmpp/namespaces.js';
import { TestRoom, full, incoming, mucItem, statusCodes } from '../../../helpers/room-fixtures.js';

describe('exiting a room (XEP-0045 §7.14)', () => {
  it('bob leaves: he gets unavailable self-presence with 110 and role none', () => {
    const room = new TestRoom({ affiliations: { bob: 'member' } }).enterAll({ alice: 'Alice', bob: 'Bob' });
    const exit = room.leave('bob');
    const own = exit.presenceOf('Bob', 'bob');
    expect(own).to.have.length(1);
    expect(own[0]!.attrs.type).to.equal('unavailable');
    expect(statusCodes(own[0])).to.include(110);
    expect(mucItem(own[0])).to.include({ role: 'none', affiliation: 'member' });
  });

  it('the others get his unavailable presence, role none, without 110', () => {
    const room = new TestRoom({ affiliations: { alice: 'owner', bob: 'member' } }).enterAll({ alice: 'Alice', bob: 'Bob', carol: 'Carol' });
    const exit = room.leave('bob');
    for (const who of ['alice', 'carol']) {
      const seen = exit.presenceOf('Bob', who);
      expect(seen, who).to.have.length(1);
      expect(seen[0]!.attrs.type).to.equal('unavailable');
      expect(statusCodes(seen[0])).to.not.include(110);
      expect(mucItem(seen[0])).to.include({ role: 'none', affiliation: 'member' });
    }
    expect(mucItem(exit.presenceOf('Bob', 'alice')[0]).jid).to.equal(full('bob'));
    expect(mucItem(exit.presenceOf('Bob', 'carol')[0]).jid).to.equal(undefined);
  });

  it('a custom exit message (<status/>) reaches the others', () => {
    const room = new TestRoom().enterAll({ alice: 'Alice', bob: 'Bob' });
    const exit = room.leave('bob', [xml('status', {}, 'gone where the goblins go')]);
    expect(exit.presenceOf('Bob', 'alice')[0]!.getChildText('status')).to.equal('gone where the goblins go');
  });

  it('bob is no longer in the room, and his nick is free', () => {
    const room = new TestRoom().enterAll({ alice: 'Alice', bob: 'Bob' });
    room.leave('bob');
    expect(room.nicks).to.deep.equal(['Alice']);
    expect(room.state.nickOf.has(full('bob'))).to.equal(false);
    expect(room.enter('carol', 'Bob').error).to.equal(undefined);
  });

  it('after leaving, bob gets nothing said in the room', () => {
    const room = new TestRoom().enterAll({ alice: 'Alice', bob: 'Bob' });
    room.leave('bob');
    expect(room.say('alice', 'anyone?').to('bob')).to.deep.equal([]);
  });

  it('unavailable presence from someone not in the room is silently ignored (§17.3 rule 5)', () => {
    const room = new TestRoom().enterAll({ alice: 'Alice' });
    const stray = room.send(incoming('bob', xml('presence', { type: 'unavailable' }), 'Bob'));
    expect(stray.isIgnored).to.equal(true);
    const impostor = room.send(incoming('bob', xml('presence', { type: 'unavailable' }), 'Alice'));
    expect(impostor.isIgnored).to.equal(true);
    expect(room.nicks).to.deep.equal(['Alice']);
  });

  // §7.14: one exits through one's own occupant JID. Unavailable presence to another occupant's
  // (a server withdrawing presence from a JID its user blocked, XEP-0191 §3.3) is no exit.
  it('unavailable presence to another nick is no exit', () => {
    const room = new TestRoom().enterAll({ alice: 'Alice', bob: 'Bob' });
    const exit = room.send(incoming('bob', xml('presence', { type: 'unavailable' }), 'Alice'));
    expect(exit.isIgnored).to.equal(true);
    expect(room.nicks).to.deep.equal(['Alice', 'Bob']);
  });

  it('a muc#user extension in the unavailable presence is not reflected', () => {
    const room = new TestRoom().enterAll({ alice: 'Alice', bob: 'Bob' });
    const exit = room.leave('bob', [xml('x', { xmlns: NS.mucUser }, xml('status', { code: '301' }))]);
    const seen = exit.presenceOf('Bob', 'alice')[0]!;
    expect(seen.getChildren('x', NS.mucUser)).to.have.length(1);
    expect(statusCodes(seen)).to.deep.equal([]);
  });

  it('the last to leave empties the room; the room itself is not destroyed by the core', () => {
    const room = new TestRoom().enterAll({ bob: 'Bob' });
    const exit = room.leave('bob');
    expect(room.nicks).to.deep.equal([]);
    expect(exit.changes.map((change) => change.kind)).to.deep.equal(['session-left']);
    expect(room.state.isDestroyed).to.equal(false);
  });

  describe('§10.1.3 the owner of a locked room leaves before configuring it', () => {
    it('the room is destroyed', () => {
      const room = new TestRoom({ isUnclaimed: true, isLocked: true });
      room.enter('alice', 'Alice');
      const exit = room.leave('alice');
      expect(exit.changes.map((change) => change.kind)).to.deep.equal(['session-left', 'destroyed']);
      expect(room.state.isDestroyed).to.equal(true);
      expect(exit.presenceOf('Alice', 'alice')[0]?.attrs.type).to.equal('unavailable');
    });

    // §10.1.3 (createroom-reserved): "The service MUST then destroy the room, sending a presence
    // stanza of type "unavailable" from the room to the owner including a <destroy/> element".
    it('she is told with a <destroy/> in her unavailable presence (§10.1.3)', () => {
      const room = new TestRoom({ isUnclaimed: true, isLocked: true });
      room.enter('alice', 'Alice');
      const [own] = room.leave('alice').presenceOf('Alice', 'alice');
      expect(own?.getChild('x', NS.mucUser)?.getChild('destroy')).to.not.equal(undefined);
    });

    it('a locked room with its owner still in it from a second session is not destroyed when one session leaves', () => {
      const room = new TestRoom({ isUnclaimed: true, isLocked: true });
      room.enter('alice/desk', 'Alice');
      room.enter('alice/phone', 'Alice');
      room.leave('alice/desk');
      expect(room.state.isDestroyed).to.equal(false);
      expect(room.occupant('Alice')?.sessions.size).to.equal(1);
    });

    it('a configured room is not destroyed when its owner leaves', () => {
      const room = new TestRoom({ affiliations: { alice: 'owner' } }).enterAll({ alice: 'Alice' });
      room.leave('alice');
      expect(room.state.isDestroyed).to.equal(false);
      expect(room.affiliationOf('alice')).to.equal('owner');
    });
  });
});
