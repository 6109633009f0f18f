// XEP-0045 §7.4 sending a message to all occupants: reflected to everyone with the sender's
// occupant JID and id, the room's XEP-0359 stanza-id and the XEP-0421 occupant-id; visitors of a
// moderated room and non-occupants are refused.
import { expect } from 'chai';
import { xml } from '../../../../src/xmpp/element.js';
import { NS } from '../../../../src/xmpp/namespaces.js';
import { NOW, ROOM, TestRoom, errorType, full, incoming, occupantJid, attr } from '../../../helpers/room-fixtures.js';

describe('sending a message to all occupants (XEP-0045 §7.4)', () => {
  function room3(setup: ConstructorParameters<typeof TestRoom>[0] = {}): TestRoom {
    return new TestRoom(setup).enterAll({ alice: 'Alice', bob: 'Bob', carol: 'Carol' });
  }

  it('bob\'s message goes to everyone, bob included, from his occupant JID', () => {
    const said = room3().say('bob', 'Harpier cries');
    for (const who of ['alice', 'bob', 'carol']) {
      const [message] = said.messagesTo(who);
      expect(message?.attrs, who).to.include({ type: 'groupchat', from: occupantJid('Bob') });
      expect(message?.getChildText('body'), who).to.equal('Harpier cries');
    }
  });

  it('it is one stanza for all of them, serialised once (one outbound, three recipients)', () => {
    const said = room3().say('bob', 'hello');
    expect(said.outcome.out).to.have.length(1);
    expect(said.outcome.out[0]!.to).to.have.members([full('alice'), full('bob'), full('carol')]);
    expect(said.outcome.out[0]!.stanza.attrs.to).to.equal(undefined);
  });

  it('the room reflects bob\'s id, so his client can track the message', () => {
    const room = room3();
    const said = room.send(incoming('bob', xml('message', { type: 'groupchat', id: 'hysf1v37' }, xml('body', {}, 'x'))));
    expect(said.messagesTo('alice')[0]?.attrs.id).to.equal('hysf1v37');
  });

  it('XEP-0359: the room adds its stanza-id, by the room\'s JID, one per message', () => {
    const room = room3();
    const first = room.say('bob', 'one').messagesTo('carol')[0]!;
    const second = room.say('bob', 'two').messagesTo('carol')[0]!;
    expect(first.getChild('stanza-id', NS.stanzaId)?.attrs).to.include({ id: 'sid-1', by: ROOM });
    expect(second.getChild('stanza-id', NS.stanzaId)?.attrs.id).to.equal('sid-2');
  });

  it('XEP-0359 §3: a stanza-id claiming to be by the room is removed; the room\'s own is the only one', () => {
    const said = room3().say('bob', 'trust me', xml('stanza-id', { xmlns: NS.stanzaId, id: 'forged', by: ROOM }));
    const ids = said.messagesTo('alice')[0]!.getChildren('stanza-id', NS.stanzaId);
    expect(ids.map((id) => attr(id, 'id'))).to.deep.equal(['sid-1']);
  });

  it('XEP-0359 §3: a stanza-id by someone else is passed through', () => {
    const said = room3().say('bob', 'hi', xml('stanza-id', { xmlns: NS.stanzaId, id: 'theirs', by: 'bob@example.org' }));
    const ids = said.messagesTo('alice')[0]!.getChildren('stanza-id', NS.stanzaId).map((id) => attr(id, 'by'));
    expect(ids).to.deep.equal(['bob@example.org', ROOM]);
  });

  it('XEP-0421: the message carries bob\'s occupant-id, and a forged one is replaced', () => {
    const said = room3().say('bob', 'I am alice', xml('occupant-id', { xmlns: NS.occupantId, id: 'occ:alice@example.org' }));
    const ids = said.messagesTo('carol')[0]!.getChildren('occupant-id', NS.occupantId).map((id) => attr(id, 'id'));
    expect(ids).to.deep.equal(['occ:bob@example.org']);
  });

  it('§17.2 rule 4: extended content (e.g. XHTML-IM, chat states) passes through unchanged', () => {
    const html = xml('html', { xmlns: 'http://jabber.org/protocol/xhtml-im' }, xml('body', { xmlns: 'http://www.w3.org/1999/xhtml' }, xml('p', {}, 'hi')));
    const said = room3().say('bob', 'hi', html, xml('active', { xmlns: NS.chatStates }));
    const message = said.messagesTo('alice')[0]!;
    expect(message.getChild('html', 'http://jabber.org/protocol/xhtml-im')?.toString()).to.equal(html.toString());
    expect(message.getChild('active', NS.chatStates)).to.not.equal(undefined);
  });

  it('the message is recorded for history: the broadcast stanza, its sender and time, the next archive id', () => {
    const room = room3();
    const said = room.say('bob', 'for the record');
    expect(said.changes).to.have.length(1);
    const change = said.changes[0]!;
    expect(change.kind).to.equal('history-appended');
    if (change.kind !== 'history-appended') return;
    expect(change.entry).to.include({ id: 1, stanzaId: 'sid-1', nick: 'Bob', fromJid: 'bob@example.org', sentAt: NOW });
    expect(change.entry.stanza.toString()).to.equal(said.outcome.out[0]!.stanza.toString());
    expect(room.state.lastArchiveId).to.equal(1);
    expect(room.say('alice', 'next').changes[0]).to.deep.include({ kind: 'history-appended' });
    expect(room.state.history.map((entry) => entry.id)).to.deep.equal([1, 2]);
  });

  it('a message that cannot be archived is refused to its sender with resource-constraint (onStorageFailure)', () => {
    expect(room3().say('bob', 'x').outcome.onStorageFailure?.condition).to.equal('resource-constraint');
  });

  it('a visitor in a moderated room is refused with forbidden (auth), and nobody gets the message', () => {
    const room = new TestRoom({ config: { isModerated: true }, affiliations: { alice: 'owner' } }).enterAll({ alice: 'Alice', bob: 'Bob' });
    const said = room.say('bob', 'can anyone hear me?');
    expect(said.error).to.equal('forbidden');
    expect(errorType(said.errorReply)).to.equal('auth');
    expect(said.recipients).to.deep.equal([full('bob')]);
    expect(said.changes).to.deep.equal([]);
  });

  it('the error returns bob\'s message to him, from the room', () => {
    const room = new TestRoom({ config: { isModerated: true } }).enterAll({ bob: 'Bob' });
    const reply = room.say('bob', 'muted').errorReply!;
    expect(reply.attrs).to.include({ type: 'error', from: ROOM, to: full('bob') });
    expect(reply.getChildText('body')).to.equal('muted');
  });

  it('a visitor in an unmoderated room speaks (§5.1.1 **)', () => {
    const room = new TestRoom({ config: { isModerated: false } }).enterAll({ bob: 'Bob' });
    room.state.occupants.get('Bob')!.role = 'visitor';
    expect(room.say('bob', 'hi').error).to.equal(undefined);
  });

  it('someone not in the room is refused with not-acceptable and nothing is reflected', () => {
    const room = room3();
    const said = room.say('dave', 'let me in');
    expect(said.error).to.equal('not-acceptable');
    expect(said.recipients).to.deep.equal([full('dave')]);
  });

  // §17.2 (bizrules-message) rule 3: "If a MUC service receives a message directed to a room that
  // does not exist or is not yet unlocked, the service SHOULD return the message to the sender with
  // an item-not-found error."
  it('a message to a room that is still locked is item-not-found (§17.2 rule 3)', () => {
    const room = new TestRoom({ isUnclaimed: true, isLocked: true });
    room.enter('alice', 'Alice');
    expect(room.say('bob', 'is anyone there?').error).to.equal('item-not-found');
  });

  it('a message longer than the operator allows is refused with not-acceptable', () => {
    const room = new TestRoom({ policy: { maxMessageBytes: 10 } }).enterAll({ bob: 'Bob' });
    expect(room.say('bob', '0123456789').error).to.equal(undefined);
    expect(room.say('bob', '01234567890').error).to.equal('not-acceptable');
    expect(room.say('bob', 'ééééé!').error).to.equal('not-acceptable');
  });

  it('a groupchat message without a body (a chat state) is reflected, but not archived, so it gets no stanza-id (XEP-0313 §6.1.2)', () => {
    const room = room3();
    const said = room.send(incoming('bob', xml('message', { type: 'groupchat' }, xml('composing', { xmlns: NS.chatStates }))));
    const [message] = said.messagesTo('alice');
    expect(message?.getChild('composing', NS.chatStates)).to.not.equal(undefined);
    expect(message?.getChild('occupant-id', NS.occupantId)).to.not.equal(undefined);
    expect(message?.getChild('stanza-id', NS.stanzaId)).to.equal(undefined);
    expect(said.changes).to.deep.equal([]);
    expect(room.state.history).to.deep.equal([]);
  });

  it('a message with both <subject/> and <body/> is a message, not a subject change (§8.1)', () => {
    const room = room3();
    const said = room.send(incoming('carol', xml('message', { type: 'groupchat' }, xml('subject', {}, 'S'), xml('body', {}, 'B'))));
    expect(said.changes[0]?.kind).to.equal('history-appended');
    expect(room.state.subject).to.equal(undefined);
  });

  it('§17.2 rule 1: a message to the room that is not groupchat (and not an invitation or form) is refused with bad-request', () => {
    const room = room3();
    for (const type of ['chat', 'normal', 'headline', undefined]) {
      const said = room.send(incoming('bob', xml('message', { type }, xml('body', {}, 'hi'))));
      expect(said.error, String(type)).to.equal('bad-request');
    }
  });
});
