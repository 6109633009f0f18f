// Replies from the room: error replies (RFC 6120 §8.2 via stanza-errors.ts) addressed to the
// sender's full JID, and IQ results from the address the IQ was sent to.
import { expect } from 'chai';
import { answer, errorTo, iqResult, refuse } from '../../../../src/xep0045-muc/room/replies.js';
import { xml } from '../../../../src/xmpp/element.js';
import { NS } from '../../../../src/xmpp/namespaces.js';
import { ROOM, errorCondition, errorType, full, groupchatIn, iqIn, occupantJid, privateIn } from '../../../helpers/room-fixtures.js';

describe('room replies', () => {
  it('errorTo answers the sender alone with the error, the original payload kept for a message', () => {
    const reply = errorTo(groupchatIn('bob', 'hello'), { condition: 'forbidden', text: 'no voice' });
    expect(reply.to).to.deep.equal([full('bob')]);
    expect(reply.stanza.attrs).to.include({ type: 'error', from: ROOM, to: full('bob'), id: 'm-5' });
    expect(reply.stanza.getChildText('body')).to.equal('hello');
    expect(errorCondition(reply.stanza)).to.equal('forbidden');
    expect(errorType(reply.stanza)).to.equal('auth');
    expect(reply.stanza.getChild('error')?.getChildText('text', NS.stanzas)).to.equal('no voice');
  });

  it('an error to a stanza sent to an occupant JID comes from that occupant JID', () => {
    expect(errorTo(privateIn('bob', 'Alice', 'hi'), { condition: 'item-not-found' }).stanza.attrs.from).to.equal(occupantJid('Alice'));
  });

  it('an explicit error type wins over the condition\'s default', () => {
    expect(errorType(errorTo(groupchatIn('bob', 'x'), { condition: 'policy-violation', type: 'wait' }).stanza)).to.equal('wait');
  });

  it('refuse is an outcome with the error alone and no changes', () => {
    const outcome = refuse(groupchatIn('bob', 'x'), { condition: 'not-acceptable' });
    expect(outcome.changes).to.deep.equal([]);
    expect(outcome.out).to.have.length(1);
    expect(outcome.onStorageFailure).to.equal(undefined);
  });

  it('iqResult answers from the address asked, with the request\'s id and the payload', () => {
    const result = iqResult(iqIn('bob', 'get', xml('ping', { xmlns: NS.ping }), 'Bob', 'p-7'), xml('query', { xmlns: 'urn:example' }));
    expect(result.to).to.deep.equal([full('bob')]);
    expect(result.stanza.attrs).to.include({ type: 'result', id: 'p-7', from: occupantJid('Bob'), xmlns: NS.client });
    expect(result.stanza.getChild('query', 'urn:example')).to.not.equal(undefined);
  });

  it('answer puts the IQ result after the other stanzas, and keeps the changes', () => {
    const other = { stanza: xml('presence'), to: [full('carol')] };
    const outcome = answer(iqIn('bob', 'set', xml('query')), undefined, [{ kind: 'unlocked' }], [other]);
    expect(outcome.changes).to.deep.equal([{ kind: 'unlocked' }]);
    expect(outcome.out.map((one) => one.stanza.name)).to.deep.equal(['presence', 'iq']);
    expect(outcome.out[1]!.stanza.children).to.deep.equal([]);
  });
});
