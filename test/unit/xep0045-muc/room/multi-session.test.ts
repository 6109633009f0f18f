// XEP-0045 §7.2.8 one user in the room from several resources under one nick: one occupant with
// several sessions. In-room messages reach all of them, any of them may speak, private messages
// reach all of them (RECOMMENDED), and the occupant leaves when its last session does.
import { expect } from 'chai';
import { xml } from '../../../../src/xmpp/element.js';
import { NS } from '../../../../src/xmpp/namespaces.js';
import { TestRoom, full, incoming, isSelfPresence, item, mucItem, occupantJid, presenceTo, statusCodes, attr } from '../../../helpers/room-fixtures.js';

/** alice (owner) in the room; bob from his desk and his phone, both as Bob. */
function roomWithTwoBobs(setup: ConstructorParameters<typeof TestRoom>[0] = {}): TestRoom {
  return new TestRoom({ affiliations: { alice: 'owner' }, ...setup }).enterAll({ alice: 'Alice', 'bob/desk': 'Bob', 'bob/phone': 'Bob' });
}

describe('one user, several sessions, one nick (XEP-0045 §7.2.8)', () => {
  it('the second session is let in under the same nick: one occupant, two sessions', () => {
    const room = roomWithTwoBobs();
    expect(room.nicks).to.deep.equal(['Alice', 'Bob']);
    expect([...room.occupant('Bob')!.sessions.keys()]).to.deep.equal([full('bob/desk'), full('bob/phone')]);
    expect(room.state.nickOf.get(full('bob/phone'))).to.equal('Bob');
  });

  it('the second session gets the room as a first entry does: the occupants, then its own presence', () => {
    const room = new TestRoom({ affiliations: { alice: 'owner' } }).enterAll({ alice: 'Alice', 'bob/desk': 'Bob' });
    const second = room.enter('bob/phone', 'Bob');
    const presences = second.presencesTo('bob/phone');
    expect(presences.map((stanza) => attr(stanza, 'from'))).to.deep.equal([occupantJid('Alice'), occupantJid('Bob')]);
    expect(isSelfPresence(presences.at(-1)!)).to.equal(true);
    expect(mucItem(presences.at(-1)).jid).to.equal(full('bob/phone'));
    expect(second.messagesTo('bob/phone').at(-1)?.getChild('subject')).to.not.equal(undefined);
  });

  it('the others see a presence update for Bob, not a second Bob', () => {
    const room = new TestRoom({ affiliations: { alice: 'owner' } }).enterAll({ alice: 'Alice', 'bob/desk': 'Bob' });
    const second = room.enter('bob/phone', 'Bob', { children: [xml('show', {}, 'away')] });
    const [seen] = second.presenceOf('Bob', 'alice');
    expect(seen?.attrs.type).to.equal(undefined);
    expect(seen?.getChildText('show')).to.equal('away');
    expect(statusCodes(seen)).to.deep.equal([]);
  });

  it('the second session counts as no extra occupant against the room\'s limit', () => {
    const room = new TestRoom({ config: { maxUsers: 2 } }).enterAll({ alice: 'Alice', 'bob/desk': 'Bob' });
    expect(room.enter('bob/phone', 'Bob').error).to.equal(undefined);
    expect(room.enter('carol', 'Carol').error).to.equal('service-unavailable');
  });

  it('the second session still has to pass the room\'s checks (password)', () => {
    const room = new TestRoom({ config: { isPasswordProtected: true, password: 'secret' } });
    room.enter('bob/desk', 'Bob', { password: 'secret' });
    expect(room.enter('bob/phone', 'Bob').error).to.equal('not-authorized');
    expect(room.occupant('Bob')!.sessions.size).to.equal(1);
  });

  it('the second session takes the occupant\'s current role, not a fresh default one', () => {
    const room = new TestRoom({ config: { isModerated: true }, affiliations: { alice: 'owner' } }).enterAll({ alice: 'Alice', 'bob/desk': 'Bob' });
    room.admin('alice', item({ nick: 'Bob', role: 'participant' }));
    const second = room.enter('bob/phone', 'Bob');
    expect(mucItem(second.presencesTo('bob/phone').at(-1))).to.include({ role: 'participant' });
    expect(room.say('bob/phone', 'I have voice here too').error).to.equal(undefined);
  });

  it('another user may not join under that nick: conflict', () => {
    expect(roomWithTwoBobs().enter('carol', 'Bob').error).to.equal('conflict');
  });

  it('in-room messages reach every session', () => {
    const said = roomWithTwoBobs().say('alice', 'hello Bob');
    expect(said.messagesTo('bob/desk')).to.have.length(1);
    expect(said.messagesTo('bob/phone')).to.have.length(1);
  });

  it('either session may speak, and both are Bob to the others', () => {
    const room = roomWithTwoBobs();
    expect(room.say('bob/desk', 'from my desk').messagesTo('alice')[0]?.attrs.from).to.equal(occupantJid('Bob'));
    expect(room.say('bob/phone', 'from my phone').messagesTo('alice')[0]?.attrs.from).to.equal(occupantJid('Bob'));
  });

  it('both sessions\' messages carry the same occupant-id (XEP-0421: one per user)', () => {
    const room = roomWithTwoBobs();
    const fromDesk = room.say('bob/desk', 'a').messagesTo('alice')[0]!.getChild('occupant-id', NS.occupantId)?.attrs.id as string | undefined;
    const fromPhone = room.say('bob/phone', 'b').messagesTo('alice')[0]!.getChild('occupant-id', NS.occupantId)?.attrs.id as string | undefined;
    expect(fromDesk).to.be.a('string');
    expect(fromPhone).to.equal(fromDesk);
  });

  it('a private message to Bob reaches both sessions (RECOMMENDED)', () => {
    const sent = roomWithTwoBobs().privately('alice', 'Bob', 'psst');
    expect(sent.recipients).to.have.members([full('bob/desk'), full('bob/phone')]);
  });

  it('a private message from either session comes from Bob', () => {
    const sent = roomWithTwoBobs().privately('bob/phone', 'Alice', 'hi');
    expect(sent.messagesTo('alice')[0]?.attrs.from).to.equal(occupantJid('Bob'));
  });

  it('one session leaves: it gets its unavailable self-presence, the others see Bob still there', () => {
    const room = roomWithTwoBobs();
    room.send(presenceTo('bob/phone', 'Bob', { isPlain: true, children: [xml('status', {}, 'on the phone')] }));
    const exit = room.leave('bob/desk');
    const [own] = exit.presenceOf('Bob', 'bob/desk');
    expect(own?.attrs.type).to.equal('unavailable');
    expect(statusCodes(own)).to.include(110);
    const [seen] = exit.presenceOf('Bob', 'alice');
    expect(seen?.attrs.type).to.equal(undefined);
    expect(seen?.getChildText('status')).to.equal('on the phone');
    expect(exit.presenceOf('Bob', 'bob/phone')).to.deep.equal([]);
    expect(room.nicks).to.include('Bob');
    expect([...room.occupant('Bob')!.sessions.keys()]).to.deep.equal([full('bob/phone')]);
  });

  it('after one session leaves, messages reach only the other', () => {
    const room = roomWithTwoBobs();
    room.leave('bob/desk');
    expect(room.say('alice', 'still here?').recipients).to.have.members([full('alice'), full('bob/phone')]);
  });

  it('the last session leaves: the others see Bob leave', () => {
    const room = roomWithTwoBobs();
    room.leave('bob/desk');
    const exit = room.leave('bob/phone');
    expect(exit.presenceOf('Bob', 'alice')[0]?.attrs.type).to.equal('unavailable');
    expect(room.nicks).to.deep.equal(['Alice']);
  });

  it('a session changing presence is what the others see as Bob\'s presence', () => {
    const room = roomWithTwoBobs();
    const update = room.send(presenceTo('bob/desk', 'Bob', { isPlain: true, children: [xml('show', {}, 'dnd')] }));
    expect(update.presenceOf('Bob', 'alice')[0]?.getChildText('show')).to.equal('dnd');
    expect(mucItem(update.presenceOf('Bob', 'alice')[0]).jid).to.equal(full('bob/desk'));
  });

  it('a kick removes every session, each told with 307 and 110', () => {
    const room = roomWithTwoBobs();
    const kick = room.admin('alice', item({ nick: 'Bob', role: 'none' }));
    for (const who of ['bob/desk', 'bob/phone']) {
      const [own] = kick.presenceOf('Bob', who);
      expect(own?.attrs.type, who).to.equal('unavailable');
      expect(statusCodes(own), who).to.include.members([110, 307]);
    }
    expect(kick.presenceOf('Bob', 'alice')).to.have.length(1);
    expect(room.nicks).to.deep.equal(['Alice']);
    expect(room.state.nickOf.size).to.equal(1);
  });

  it('a nick change from one session renames the occupant in both: each session gets 303 and 110, alice sees one change', () => {
    const room = roomWithTwoBobs();
    const change = room.send(presenceTo('bob/desk', 'Robert', { isPlain: true }));
    expect(change.error).to.equal(undefined);
    expect(room.nicks).to.deep.equal(['Alice', 'Robert']);
    expect(room.state.nickOf.get(full('bob/phone'))).to.equal('Robert');
    expect(room.occupant('Robert')?.sessions.size).to.equal(2);
    for (const who of ['bob/desk', 'bob/phone']) {
      const [gone, back] = change.presencesTo(who);
      expect(gone?.attrs, who).to.include({ type: 'unavailable', from: occupantJid('Bob') });
      expect(statusCodes(gone), who).to.include.members([303, 110]);
      expect(mucItem(gone).nick, who).to.equal('Robert');
      expect(back?.attrs.from, who).to.equal(occupantJid('Robert'));
      expect(statusCodes(back), who).to.include(110);
    }
    expect(change.presenceOf('Bob', 'alice').map((presence) => statusCodes(presence))).to.deep.equal([[303]]);
    expect(change.presenceOf('Robert', 'alice')).to.have.length(1);
  });

  it('XEP-0410: either session\'s self-ping says it is joined', () => {
    const room = roomWithTwoBobs();
    for (const who of ['bob/desk', 'bob/phone']) {
      expect(room.send(incoming(who, xml('iq', { type: 'get', id: 'p' }, xml('ping', { xmlns: NS.ping })), 'Bob')).result, who).to.not.equal(undefined);
    }
  });

  it('a session re-joining gets the full join again without disturbing the other session', () => {
    const room = roomWithTwoBobs();
    const again = room.enter('bob/desk', 'Bob');
    expect(again.presencesTo('bob/desk').filter(isSelfPresence)).to.have.length(1);
    expect([...room.occupant('Bob')!.sessions.keys()]).to.have.members([full('bob/desk'), full('bob/phone')]);
  });

  // §18.1.2 (impl-service-ghosts): "If the MUC service determines that the user has gone offline, it
  // must treat the user as if the user had itself sent unavailable presence." An error bounced for
  // one session means that session is gone; the user's other sessions stay in the room.
  it('an error bounced from one session removes that session only (§18.1.2)', () => {
    const room = roomWithTwoBobs();
    room.send(incoming('bob/desk', xml('message', { type: 'error' }, xml('error', { type: 'cancel' }, xml('gone', { xmlns: NS.stanzas })))));
    expect(room.nicks).to.include('Bob');
    expect([...room.occupant('Bob')!.sessions.keys()]).to.deep.equal([full('bob/phone')]);
  });
});
