// XEP-0045 §8.1 modifying the room subject (and §7.3, a mere occupant doing so when the room
// allows it): a groupchat message with <subject/> and no <body/>, reflected to everyone and kept.
import { expect } from 'chai';
import { xml } from '../../../../src/xmpp/element.js';
import { NS } from '../../../../src/xmpp/namespaces.js';
import { NOW, ROOM, TestRoom, errorType, full, incoming, occupantJid } from '../../../helpers/room-fixtures.js';

describe('modifying the room subject (XEP-0045 §8.1)', () => {
  function moderatedRoom(canParticipantsChangeSubject: boolean): TestRoom {
    return new TestRoom({ config: { isModerated: true, canParticipantsChangeSubject }, affiliations: { alice: 'owner', bob: 'member' } })
      .enterAll({ alice: 'Alice', bob: 'Bob', carol: 'Carol' });
  }

  it('a moderator\'s subject goes to everyone from her occupant JID, with <subject/> and no body', () => {
    const change = moderatedRoom(false).setSubject('alice', 'Fire Burn and Cauldron Bubble!');
    for (const who of ['alice', 'bob', 'carol']) {
      const [message] = change.messagesTo(who);
      expect(message?.attrs, who).to.include({ type: 'groupchat', from: occupantJid('Alice') });
      expect(message?.getChildText('subject'), who).to.equal('Fire Burn and Cauldron Bubble!');
      expect(message?.getChild('body'), who).to.equal(undefined);
    }
  });

  it('the room keeps it, with who set it and when', () => {
    const room = moderatedRoom(false);
    const change = room.setSubject('alice', 'Spells');
    const occupantId = room.occupant('Alice')!.occupantId;
    expect(change.changes[0]).to.deep.equal({ kind: 'subject-set', subject: { text: 'Spells', by: 'Alice', occupantId, at: NOW } });
    expect(room.state.subject).to.deep.equal({ text: 'Spells', by: 'Alice', occupantId, at: NOW });
    expect(change.outcome.onStorageFailure?.condition).to.equal('resource-constraint');
  });

  it('a newcomer gets the new subject after the history (§7.2.15)', () => {
    const room = moderatedRoom(false);
    room.setSubject('alice', 'Spells');
    const subject = room.enter('dave', 'Dave').messagesTo('dave').at(-1)!;
    expect(subject.getChildText('subject')).to.equal('Spells');
    expect(subject.attrs.from).to.equal(occupantJid('Alice'));
  });

  it('a subject change is archived with the room\'s stanza-id (XEP-0313 §6.1.1), but is not discussion history for a newcomer', () => {
    const room = moderatedRoom(false);
    const change = room.setSubject('alice', 'Spells');
    const archived = change.changes.find((each) => each.kind === 'history-appended');
    expect(archived?.kind === 'history-appended' && archived.entry.stanza.getChildText('subject')).to.equal('Spells');
    const stanzaId = change.messagesTo('bob')[0]?.getChild('stanza-id', NS.stanzaId);
    expect(stanzaId?.attrs).to.include({ by: ROOM });
    expect(archived?.kind === 'history-appended' && archived.entry.stanzaId).to.equal(stanzaId?.attrs.id);
    // It takes an archive id, but no place in the history a newcomer gets.
    expect(room.state.lastArchiveId).to.equal(1);
    expect(room.state.history).to.deep.equal([]);
    // A room without a stored archive answers MAM from what it keeps: the subject change is there.
    expect(room.state.subjectChanges.map((entry) => entry.stanzaId)).to.deep.equal([stanzaId?.attrs.id]);
    room.send(incoming('alice', xml('message', { type: 'groupchat' }, xml('body', {}, 'after the subject'))));
    expect(room.state.history.map((entry) => entry.id)).to.deep.equal([2]);
    const got = room.enter('dave', 'Dave').messagesTo('dave');
    expect(got.map((message) => message.getChildText('body') ?? `subject ${message.getChildText('subject') ?? ''}`)).to.deep.equal(['after the subject', 'subject Spells']);
  });

  it('an empty <subject/> clears the subject', () => {
    const room = moderatedRoom(false);
    room.setSubject('alice', 'Spells');
    const change = room.send(incoming('alice', xml('message', { type: 'groupchat' }, xml('subject'))));
    expect(change.messagesTo('bob')[0]?.getChildText('subject')).to.equal('');
    expect(room.state.subject?.text).to.equal('');
  });

  it('a participant may change it when the room allows occupants to (muc#roomconfig_changesubject)', () => {
    const room = moderatedRoom(true);
    expect(room.setSubject('bob', 'Participants rule').error).to.equal(undefined);
    expect(room.state.subject?.by).to.equal('Bob');
  });

  it('a participant may not when the room does not: forbidden (auth), and the subject stays', () => {
    const room = moderatedRoom(false);
    room.setSubject('alice', 'Spells');
    const attempt = room.setSubject('bob', 'Mine now');
    expect(attempt.error).to.equal('forbidden');
    expect(errorType(attempt.errorReply)).to.equal('auth');
    expect(attempt.errorReply!.getChildText('subject')).to.equal('Mine now');
    expect(attempt.recipients).to.deep.equal([full('bob')]);
    expect(room.state.subject?.text).to.equal('Spells');
  });

  it('a visitor may not, even when occupants may (§5.1.1: visitors No*)', () => {
    expect(moderatedRoom(true).setSubject('carol', 'Visitors too').error).to.equal('forbidden');
  });

  it('someone not in the room may not: not-acceptable', () => {
    expect(moderatedRoom(true).setSubject('dave', 'Outsider').error).to.equal('not-acceptable');
  });

  it('a subject longer than 1024 characters is refused with not-acceptable', () => {
    const room = moderatedRoom(false);
    expect(room.setSubject('alice', 'x'.repeat(1024)).error).to.equal(undefined);
    expect(room.setSubject('alice', 'x'.repeat(1025)).error).to.equal('not-acceptable');
  });

  it('the reflected subject keeps the sender\'s id', () => {
    const change = moderatedRoom(false).setSubject('alice', 'Spells');
    expect(change.messagesTo('bob')[0]?.attrs.id).to.equal('subj');
  });

  // §8.1 (subject-mod): "The subject is changed by sending a message of type "groupchat" to the
  // <room@service>, where the <message/> MUST contain a <subject/> element that specifies the new
  // subject but MUST NOT contain a <body/> element (or a <thread/> element)." and "A message with a
  // <subject/> and a <body/> or a <subject/> and a <thread/> is a legitimate message, but it SHALL
  // NOT be interpreted as a subject change."
  it('a message with <subject/> and <thread/> is not a subject change (§8.1)', () => {
    const room = moderatedRoom(false);
    const change = room.send(incoming('alice', xml('message', { type: 'groupchat' }, xml('subject', {}, 'Threaded'), xml('thread', {}, 't1'))));
    expect(change.changes.map((one) => one.kind)).to.not.include('subject-set');
    expect(room.state.subject).to.equal(undefined);
  });

  // XEP-0421 §4 (rules): "The <occupant-id> element MUST be attached to every message and every
  // presence sent by a MUC", a subject change reflected from an occupant JID included.
  it('the reflected subject carries the setter\'s occupant-id (XEP-0421 §4)', () => {
    const [message] = moderatedRoom(false).setSubject('alice', 'Spells').messagesTo('bob');
    expect(message!.getChild('occupant-id', NS.occupantId)?.attrs.id).to.equal('occ:alice@example.org');
  });
});
