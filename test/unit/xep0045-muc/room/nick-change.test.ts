// XEP-0045 §7.6 changing nickname: unavailable from the old nick with 303 and the new nick, then
// presence from the new nick; conflict when the nick is taken or registered to someone else.
import { expect } from 'chai';
import { xml } from '../../../../src/xmpp/element.js';
import { NS } from '../../../../src/xmpp/namespaces.js';
import { TestRoom, errorType, full, mucItem, occupantJid, presenceTo, statusCodes, attr } from '../../../helpers/room-fixtures.js';

/** bob asks for a new nick with plain presence, as §7.6 shows. */
function rename(room: TestRoom, who: string, nick: string) {
  return room.send(presenceTo(who, nick, { isPlain: true }));
}

describe('changing nickname (XEP-0045 §7.6)', () => {
  function roomWithBob(): TestRoom {
    return new TestRoom({ affiliations: { alice: 'owner', bob: 'member' } }).enterAll({ alice: 'Alice', bob: 'Bob', carol: 'Carol' });
  }

  it('everyone gets unavailable from the old nick with 303 and the new nick in the item', () => {
    const change = rename(roomWithBob(), 'bob', 'Robert');
    for (const who of ['alice', 'carol', 'bob']) {
      const [gone] = change.presenceOf('Bob', who);
      expect(gone?.attrs.type, who).to.equal('unavailable');
      expect(statusCodes(gone), who).to.include(303);
      expect(mucItem(gone), who).to.include({ nick: 'Robert', affiliation: 'member', role: 'participant' });
    }
  });

  it('then everyone gets presence from the new nick', () => {
    const change = rename(roomWithBob(), 'bob', 'Robert');
    for (const who of ['alice', 'carol', 'bob']) {
      const stanzas = change.presencesTo(who);
      const gone = stanzas.findIndex((stanza) => stanza.attrs.from === occupantJid('Bob'));
      const back = stanzas.findIndex((stanza) => stanza.attrs.from === occupantJid('Robert'));
      expect(gone, who).to.be.at.least(0);
      expect(back, who).to.be.greaterThan(gone);
      expect(stanzas[back]!.attrs.type, who).to.equal(undefined);
      expect(mucItem(stanzas[back]), who).to.include({ affiliation: 'member', role: 'participant' });
      expect(mucItem(stanzas[back]).nick, who).to.equal(undefined);
    }
  });

  it('bob\'s own copies carry 110, both the unavailable (303, 110) and the new presence', () => {
    const change = rename(roomWithBob(), 'bob', 'Robert');
    expect(statusCodes(change.presenceOf('Bob', 'bob')[0])).to.include.members([303, 110]);
    expect(change.presenceOf('Robert', 'bob').some((stanza) => statusCodes(stanza).includes(110))).to.equal(true);
  });

  it('bob gets exactly two presences: the old nick\'s unavailable and his new self-presence (§7.6)', () => {
    const change = rename(roomWithBob(), 'bob', 'Robert');
    expect(change.presencesTo('bob')).to.have.length(2);
    expect(change.presenceOf('Robert', 'bob')).to.have.length(1);
  });

  it('the others each get exactly two presences', () => {
    const change = rename(roomWithBob(), 'bob', 'Robert');
    expect(change.presencesTo('alice')).to.have.length(2);
    expect(change.presencesTo('carol')).to.have.length(2);
  });

  it('moderators see bob\'s full JID on both, others see it on neither (semi-anonymous)', () => {
    const change = rename(roomWithBob(), 'bob', 'Robert');
    expect(change.presencesTo('alice').map((stanza) => mucItem(stanza).jid)).to.deep.equal([full('bob'), full('bob')]);
    expect(change.presencesTo('carol').map((stanza) => mucItem(stanza).jid)).to.deep.equal([undefined, undefined]);
  });

  it('the new presence carries what bob sent (show, status)', () => {
    const room = roomWithBob();
    const change = room.send(presenceTo('bob', 'Robert', { isPlain: true, children: [xml('show', {}, 'dnd')] }));
    expect(change.presenceOf('Robert', 'alice')[0]?.getChildText('show')).to.equal('dnd');
  });

  it('afterwards bob is Robert: his messages come from the new nick, and Bob is free', () => {
    const room = roomWithBob();
    rename(room, 'bob', 'Robert');
    expect(room.nicks).to.have.members(['Alice', 'Robert', 'Carol']);
    expect(room.state.nickOf.get(full('bob'))).to.equal('Robert');
    expect(room.say('bob', 'I am Robert now').messagesTo('alice')[0]?.attrs.from).to.equal(occupantJid('Robert'));
    expect(room.enter('dave', 'Bob').error).to.equal(undefined);
  });

  it('keeps his role and occupant-id', () => {
    const room = new TestRoom({ config: { isModerated: true } }).enterAll({ bob: 'Bob' });
    const before = room.occupant('Bob')!.occupantId;
    rename(room, 'bob', 'Robert');
    expect(room.roleOf('Robert')).to.equal('visitor');
    expect(room.occupant('Robert')?.occupantId).to.equal(before);
  });

  it('a nick in use by another user is refused with conflict (cancel), and nothing changes', () => {
    const room = roomWithBob();
    const change = rename(room, 'bob', 'Alice');
    expect(change.error).to.equal('conflict');
    expect(errorType(change.errorReply)).to.equal('cancel');
    expect(change.recipients).to.deep.equal([full('bob')]);
    expect(room.state.nickOf.get(full('bob'))).to.equal('Bob');
  });

  it('a nick registered to another user is refused with conflict', () => {
    const room = new TestRoom({ affiliations: { alice: { affiliation: 'member', nick: 'Crone' } } }).enterAll({ bob: 'Bob' });
    expect(rename(room, 'bob', 'Crone').error).to.equal('conflict');
  });

  it('bob may take the nick registered to him', () => {
    const room = new TestRoom({ affiliations: { bob: { affiliation: 'member', nick: 'Hecate' } } }).enterAll({ bob: 'Bob' });
    expect(rename(room, 'bob', 'Hecate').error).to.equal(undefined);
    expect(room.nicks).to.deep.equal(['Hecate']);
  });

  it('a visitor may change his nick too (§5.1.1: Yes*)', () => {
    const room = new TestRoom({ config: { isModerated: true } }).enterAll({ bob: 'Bob' });
    expect(rename(room, 'bob', 'Robert').error).to.equal(undefined);
  });

  it('the change is one nick-changed change for bob\'s session', () => {
    const change = rename(roomWithBob(), 'bob', 'Robert');
    expect(change.changes).to.deep.equal([{ kind: 'nick-changed', realJid: full('bob'), nick: 'Robert' }]);
  });

  it('the 303 presence carries no occupant-id of another occupant and exactly one muc#user element', () => {
    const [gone] = rename(roomWithBob(), 'bob', 'Robert').presenceOf('Bob', 'alice');
    expect(gone!.getChildren('x', NS.mucUser)).to.have.length(1);
    expect(gone!.getChildren('occupant-id', NS.occupantId).map((element) => attr(element, 'id'))).to.deep.equal(['occ:bob@example.org']);
  });
});
