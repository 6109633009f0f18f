// XEP-0045 §7.7 changing availability status, and how the core sorts presence: entering, leaving,
// changing nick or availability, and presence errors that mean the occupant is gone (§18.1.2, 333).
import { expect } from 'chai';
import { xml } from '../../../../src/xmpp/element.js';
import { NS } from '../../../../src/xmpp/namespaces.js';
import { TestRoom, full, incoming, mucItem, presenceTo, statusCodes, attr } from '../../../helpers/room-fixtures.js';

function availability(room: TestRoom, who: string, nick: string, ...children: ReturnType<typeof xml>[]) {
  return room.send(presenceTo(who, nick, { isPlain: true, children }));
}

describe('changing availability status (XEP-0045 §7.7)', () => {
  it('bob\'s new show and status go to everyone, with his role and affiliation', () => {
    const room = new TestRoom({ affiliations: { alice: 'owner' } }).enterAll({ alice: 'Alice', bob: 'Bob', carol: 'Carol' });
    const update = availability(room, 'bob', 'Bob', xml('show', {}, 'xa'), xml('status', {}, 'gone where the goblins go'));
    for (const who of ['alice', 'carol']) {
      const [seen] = update.presenceOf('Bob', who);
      expect(seen?.getChildText('show'), who).to.equal('xa');
      expect(seen?.getChildText('status'), who).to.equal('gone where the goblins go');
      expect(mucItem(seen), who).to.include({ role: 'participant', affiliation: 'none' });
    }
  });

  it('only those allowed to see real JIDs get bob\'s full JID (§5.3)', () => {
    const room = new TestRoom({ affiliations: { alice: 'owner' } }).enterAll({ alice: 'Alice', bob: 'Bob', carol: 'Carol' });
    const update = availability(room, 'bob', 'Bob', xml('show', {}, 'away'));
    expect(mucItem(update.presenceOf('Bob', 'alice')[0]).jid).to.equal(full('bob'));
    expect(mucItem(update.presenceOf('Bob', 'carol')[0]).jid).to.equal(undefined);
  });

  it('bob gets his own update back as self-presence (110)', () => {
    const room = new TestRoom().enterAll({ alice: 'Alice', bob: 'Bob' });
    const [own] = availability(room, 'bob', 'Bob', xml('show', {}, 'chat')).presenceOf('Bob', 'bob');
    expect(statusCodes(own)).to.deep.equal([110]);
    expect(own?.getChildText('show')).to.equal('chat');
  });

  it('the update is recorded as bob\'s session presence, without any MUC extension', () => {
    const room = new TestRoom().enterAll({ bob: 'Bob' });
    const update = availability(room, 'bob', 'Bob', xml('show', {}, 'dnd'), xml('x', { xmlns: NS.mucUser }, xml('status', { code: '110' })));
    expect(update.changes).to.have.length(1);
    expect(update.changes[0]!.kind).to.equal('presence-updated');
    const stored = room.occupant('Bob')!.sessions.get(full('bob'))!;
    expect(stored.getChildText('show')).to.equal('dnd');
    expect(stored.getChild('x', NS.mucUser)).to.equal(undefined);
  });

  it('a newcomer afterwards sees bob\'s latest availability', () => {
    const room = new TestRoom().enterAll({ bob: 'Bob' });
    availability(room, 'bob', 'Bob', xml('status', {}, 'brewing'));
    expect(room.enter('carol', 'Carol').presenceOf('Bob', 'carol')[0]?.getChildText('status')).to.equal('brewing');
  });

  it('with presence broadcast off for visitors, a visitor\'s update reaches only himself', () => {
    const room = new TestRoom({ config: { isModerated: true, presenceBroadcast: ['moderator', 'participant'] }, affiliations: { alice: 'owner' } })
      .enterAll({ alice: 'Alice', bob: 'Bob' });
    const update = availability(room, 'bob', 'Bob', xml('show', {}, 'away'));
    expect(update.presenceOf('Bob', 'alice')).to.deep.equal([]);
    expect(update.presenceOf('Bob', 'bob')).to.have.length(1);
  });

  // XEP-0421 §4 (rules): "Messages and presences MUST NOT contain more than one <occupant-id>
  // element. If the message or presence received by the MUC service already contains
  // <occupant-id> element, the MUC service MUST replace such element".
  it('a client\'s forged occupant-id is replaced: exactly one, the room\'s (XEP-0421 §4)', () => {
    const room = new TestRoom().enterAll({ alice: 'Alice', bob: 'Bob' });
    const [seen] = availability(room, 'bob', 'Bob', xml('occupant-id', { xmlns: NS.occupantId, id: 'occ:alice@example.org' })).presenceOf('Bob', 'alice');
    expect(seen!.getChildren('occupant-id', NS.occupantId).map((element) => attr(element, 'id'))).to.deep.equal(['occ:bob@example.org']);
  });
});

describe('presence errors: the occupant is gone (XEP-0045 §18.1.2 ghost users, 333)', () => {
  it('a presence error from bob\'s session removes him; everyone hears 333', () => {
    const room = new TestRoom().enterAll({ alice: 'Alice', bob: 'Bob' });
    const bounce = room.send(incoming('bob', xml('presence', { type: 'error' }, xml('error', { type: 'cancel' }, xml('remote-server-not-found', { xmlns: NS.stanzas }))), 'Bob'));
    const [seen] = bounce.presenceOf('Bob', 'alice');
    expect(seen?.attrs.type).to.equal('unavailable');
    expect(statusCodes(seen)).to.deep.equal([333]);
    expect(mucItem(seen)).to.include({ role: 'none' });
    expect(statusCodes(bounce.presenceOf('Bob', 'bob')[0])).to.include.members([110, 333]);
    expect(room.nicks).to.deep.equal(['Alice']);
  });

  it('a presence error from someone not in the room is ignored', () => {
    const room = new TestRoom().enterAll({ alice: 'Alice' });
    const bounce = room.send(incoming('bob', xml('presence', { type: 'error' }), 'Alice'));
    expect(bounce.isIgnored).to.equal(true);
    expect(room.nicks).to.deep.equal(['Alice']);
  });
});
