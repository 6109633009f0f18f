// XEP-0045 §7.5 sending a private message: through the room to every session of the addressed
// occupant, from the sender's occupant JID, marked with <x xmlns='…muc#user'/>; the allowpm
// setting (§10.2) and the errors of §7.5.
import { expect } from 'chai';
import { xml } from '../../../../src/xmpp/element.js';
import { NS } from '../../../../src/xmpp/namespaces.js';
import { ROOM, TestRoom, errorType, full, occupantJid, privateIn, attr } from '../../../helpers/room-fixtures.js';

describe('sending a private message (XEP-0045 §7.5)', () => {
  function room3(setup: ConstructorParameters<typeof TestRoom>[0] = {}): TestRoom {
    return new TestRoom(setup).enterAll({ alice: 'Alice', bob: 'Bob', carol: 'Carol' });
  }

  it('bob\'s private message reaches alice alone, from bob\'s occupant JID, with its type and id', () => {
    const sent = room3().privately('bob', 'Alice', 'I\'ll give thee a wind.');
    expect(sent.recipients).to.deep.equal([full('alice')]);
    const [message] = sent.messagesTo('alice');
    expect(message!.attrs).to.include({ from: occupantJid('Bob'), type: 'chat', id: 'pm1' });
    expect(message!.getChildText('body')).to.equal('I\'ll give thee a wind.');
  });

  it('the room adds <x xmlns=muc#user/> when the client did not, and keeps exactly one when it did', () => {
    const room = room3();
    expect(room.privately('bob', 'Alice', 'a').messagesTo('alice')[0]!.getChildren('x', NS.mucUser)).to.have.length(1);
    const withX = room.send(privateIn('bob', 'Alice', 'b', 'chat', xml('x', { xmlns: NS.mucUser })));
    expect(withX.messagesTo('alice')[0]!.getChildren('x', NS.mucUser)).to.have.length(1);
  });

  it('a normal message (no type) stays normal', () => {
    const sent = room3().send(privateIn('bob', 'Alice', 'hi', null));
    expect(sent.messagesTo('alice')[0]!.attrs.type).to.equal('normal');
  });

  it('carries the sender\'s occupant-id (XEP-0421)', () => {
    const [message] = room3().privately('bob', 'Alice', 'hi').messagesTo('alice');
    expect(message!.getChild('occupant-id', NS.occupantId)?.attrs.id).to.equal('occ:bob@example.org');
  });

  it('is not recorded for history or archived', () => {
    const room = room3();
    expect(room.privately('bob', 'Alice', 'secret').changes).to.deep.equal([]);
    expect(room.state.history).to.deep.equal([]);
  });

  it('a private message of type groupchat is refused with bad-request (modify), and not delivered', () => {
    const sent = room3().privately('bob', 'Alice', 'to all?', 'groupchat');
    expect(sent.error).to.equal('bad-request');
    expect(errorType(sent.errorReply)).to.equal('modify');
    expect(sent.errorReply!.attrs.from).to.equal(occupantJid('Alice'));
    expect(sent.recipients).to.deep.equal([full('bob')]);
  });

  it('to an occupant JID nobody uses: item-not-found', () => {
    expect(room3().privately('bob', 'Nobody', 'hello?').error).to.equal('item-not-found');
  });

  it('from someone not in the room: not-acceptable', () => {
    const sent = room3().privately('dave', 'Alice', 'psst');
    expect(sent.error).to.equal('not-acceptable');
    expect(sent.recipients).to.deep.equal([full('dave')]);
  });

  describe('muc#roomconfig_allowpm', () => {
    const cases: { policy: 'anyone' | 'participants' | 'moderators' | 'none'; visitor: boolean; participant: boolean; moderator: boolean }[] = [
      { policy: 'anyone', visitor: true, participant: true, moderator: true },
      { policy: 'participants', visitor: false, participant: true, moderator: true },
      { policy: 'moderators', visitor: false, participant: false, moderator: true },
      { policy: 'none', visitor: false, participant: false, moderator: false },
    ];
    for (const { policy, ...allowed } of cases) {
      it(`allowpm=${policy}: ${Object.entries(allowed).map(([role, is]) => `${role} ${is ? 'may' : 'may not (forbidden)'}`).join(', ')}`, () => {
        const room = new TestRoom({ config: { isModerated: true, allowPrivateMessages: policy }, affiliations: { alice: 'owner', bob: 'member' } })
          .enterAll({ alice: 'Alice', bob: 'Bob', carol: 'Carol' });
        expect(room.roleOf('Carol')).to.equal('visitor');
        const outcome = (who: string) => room.privately(who, 'Alice', 'hi').error;
        expect(outcome('carol'), 'visitor').to.equal(allowed.visitor ? undefined : 'forbidden');
        expect(outcome('bob'), 'participant').to.equal(allowed.participant ? undefined : 'forbidden');
        expect(room.privately('alice', 'Bob', 'hi').error, 'moderator').to.equal(allowed.moderator ? undefined : 'forbidden');
      });
    }
  });

  it('a message longer than the operator allows is refused with not-acceptable', () => {
    const room = new TestRoom({ policy: { maxMessageBytes: 4 } }).enterAll({ alice: 'Alice', bob: 'Bob' });
    expect(room.privately('bob', 'Alice', 'four').error).to.equal(undefined);
    expect(room.privately('bob', 'Alice', 'fiver').error).to.equal('not-acceptable');
  });

  it('a forged occupant-id is replaced by the room\'s (XEP-0421 §4)', () => {
    const sent = room3().send(privateIn('bob', 'Alice', 'I am carol', 'chat', xml('occupant-id', { xmlns: NS.occupantId, id: 'occ:carol@example.org' })));
    const ids = sent.messagesTo('alice')[0]!.getChildren('occupant-id', NS.occupantId).map((id) => attr(id, 'id'));
    expect(ids).to.deep.equal(['occ:bob@example.org']);
  });

  // XEP-0359 §3 rule 2: "Stanza ID generating entities, which encounter a <stanza-id/> element
  // where the 'by' attribute matches the 'by' attribute they would otherwise set, MUST delete that
  // element even if they are not adding their own stanza ID." The room stamps stanza-ids by its JID,
  // and the rule holds for private messages too.
  it('a stanza-id claiming to be by the room is removed (XEP-0359 §3 rule 2)', () => {
    const sent = room3().send(privateIn('bob', 'Alice', 'archived?', 'chat', xml('stanza-id', { xmlns: NS.stanzaId, id: 'forged', by: ROOM })));
    expect(sent.messagesTo('alice')[0]!.getChildren('stanza-id', NS.stanzaId)).to.deep.equal([]);
  });
});
