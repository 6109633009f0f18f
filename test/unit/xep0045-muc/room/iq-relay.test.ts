// IQs to an occupant JID (XEP-0045 §17.4 rules 2–3, §6.6) and XEP-0410 self-ping: the room
// answers a ping to one's own occupant JID, and relays other IQs to the occupant's real JID with
// the asker's occupant JID as the sender, carrying the answer back the same way.
import { expect } from 'chai';
import { xml } from '../../../../src/xmpp/element.js';
import { NS } from '../../../../src/xmpp/namespaces.js';
import { ROOM, TestRoom, full, incoming, iqIn } from '../../../helpers/room-fixtures.js';

const ping = () => xml('ping', { xmlns: NS.ping });

describe('IQs to an occupant JID', () => {
  it('XEP-0410: bob pinging his own occupant JID learns he is joined', () => {
    const room = new TestRoom().enterAll({ bob: 'Bob' });
    const answered = room.send(iqIn('bob', 'get', ping(), 'Bob'));
    expect(answered.result?.attrs).to.include({ type: 'result', from: `${ROOM}/Bob` });
    expect(answered.recipients).to.deep.equal([full('bob')]);
  });

  it('XEP-0410: a session that is not joined gets not-acceptable', () => {
    const room = new TestRoom().enterAll({ bob: 'Bob' });
    expect(room.send(iqIn('bob/phone', 'get', ping(), 'Bob')).error).to.equal('not-acceptable');
    expect(room.send(iqIn('carol', 'get', ping(), 'Bob')).error).to.equal('not-acceptable');
  });

  it('XEP-0410: after a nick change made elsewhere, pinging the old nick is item-not-found', () => {
    const room = new TestRoom().enterAll({ bob: 'Bob' });
    room.send(incoming('bob', xml('presence'), 'Robert'));
    expect(room.send(iqIn('bob', 'get', ping(), 'Bob')).error).to.equal('item-not-found');
  });

  it('§17.4 rule 3: other IQs to an occupant are relayed to one of its sessions, from the asker\'s occupant JID', () => {
    const room = new TestRoom().enterAll({ alice: 'Alice', bob: 'Bob' });
    const asked = room.send(iqIn('bob', 'get', xml('vCard', { xmlns: NS.vcard }), 'Alice', 'v1'));
    expect(asked.recipients).to.deep.equal([full('alice')]);
    const [relayed] = asked.to('alice');
    expect(relayed!.attrs).to.include({ type: 'get', from: `${ROOM}/Bob` });
    expect(relayed!.getChild('vCard', NS.vcard)).to.not.equal(undefined);
  });

  it('§17.4 rule 3: the answer goes back to the asker, from the answerer\'s occupant JID, with the asker\'s id', () => {
    const room = new TestRoom().enterAll({ alice: 'Alice', bob: 'Bob' });
    const [relayed] = room.send(iqIn('bob', 'get', xml('vCard', { xmlns: NS.vcard }), 'Alice', 'v1')).to('alice');
    const answered = room.send(incoming('alice', xml('iq', { type: 'result', id: relayed!.attrs.id as string }, xml('vCard', { xmlns: NS.vcard }, xml('FN', {}, 'Alice'))), 'Bob'));
    expect(answered.recipients).to.deep.equal([full('bob')]);
    const [back] = answered.to('bob');
    expect(back!.attrs).to.include({ type: 'result', id: 'v1', from: `${ROOM}/Alice` });
    expect(back!.getChild('vCard', NS.vcard)?.getChildText('FN')).to.equal('Alice');
  });

  it('an IQ to a nick nobody uses is item-not-found', () => {
    const room = new TestRoom().enterAll({ bob: 'Bob' });
    expect(room.send(iqIn('bob', 'get', xml('vCard', { xmlns: NS.vcard }), 'Ghost')).error).to.equal('item-not-found');
  });

  it('an answer that does not match a relayed request, or comes from outside the room, is dropped', () => {
    const room = new TestRoom().enterAll({ alice: 'Alice', bob: 'Bob' });
    expect(room.send(incoming('alice', xml('iq', { type: 'result', id: 'plain-id' }), 'Bob')).isIgnored).to.equal(true);
    expect(room.send(incoming('eve', xml('iq', { type: 'result', id: 'x.y' }), 'Bob')).isIgnored).to.equal(true);
  });

  // §17.4 (bizrules-iq) rule 3: the service SHOULD forward an IQ to an occupant JID to the real
  // JID, "However, the MUC service MUST NOT reveal the sender's real JID to the recipient at any
  // time" — not even in a form the recipient could decode from the relayed IQ's id.
  it('§17.4 rule 3: the relayed IQ does not reveal the asker\'s real JID, not even encoded in its id', () => {
    const room = new TestRoom().enterAll({ alice: 'Alice', bob: 'Bob' });
    const [relayed] = room.send(iqIn('bob', 'get', xml('vCard', { xmlns: NS.vcard }), 'Alice', 'v1')).to('alice');
    const id = String(relayed!.attrs.id);
    const decodings = id.split(/[^A-Za-z0-9_-]/).flatMap((part) => [Buffer.from(part, 'base64url').toString('utf8'), Buffer.from(part, 'base64').toString('utf8')]);
    for (const text of [relayed!.toString(), ...decodings]) expect(text).to.not.contain('bob@example.org');
  });

  // §6.6 (disco-occupant): "If a non-occupant attempts to send a disco request to an address of the
  // form <room@service/nick>, a MUC service MUST return a bad-request error."
  it('a non-occupant\'s disco request to an occupant JID is a bad-request (§6.6)', () => {
    const room = new TestRoom().enterAll({ alice: 'Alice' });
    expect(room.send(iqIn('eve', 'get', xml('query', { xmlns: NS.discoInfo }), 'Alice')).error).to.equal('bad-request');
  });

  it('XEP-0410: a ping to someone else\'s occupant JID is relayed to them, not answered by the room', () => {
    const room = new TestRoom().enterAll({ alice: 'Alice', bob: 'Bob' });
    const asked = room.send(iqIn('bob', 'get', ping(), 'Alice'));
    expect(asked.result).to.equal(undefined);
    expect(asked.to('alice')[0]?.getChild('ping', NS.ping)).to.not.equal(undefined);
  });

  it('an occupant with two sessions gets the relayed IQ at the session that spoke last', () => {
    const room = new TestRoom().enterAll({ 'alice/desk': 'Alice', 'alice/phone': 'Alice', bob: 'Bob' });
    expect(room.send(iqIn('bob', 'get', xml('query', { xmlns: NS.version }), 'Alice')).recipients).to.deep.equal([full('alice/phone')]);
  });

  it('an IQ set is relayed as a set', () => {
    const room = new TestRoom().enterAll({ alice: 'Alice', bob: 'Bob' });
    expect(room.send(iqIn('bob', 'set', xml('query', { xmlns: 'urn:example' }), 'Alice')).to('alice')[0]?.attrs.type).to.equal('set');
  });

  it('an error answer is carried back as an error, with its condition', () => {
    const room = new TestRoom().enterAll({ alice: 'Alice', bob: 'Bob' });
    const [relayed] = room.send(iqIn('bob', 'get', xml('query', { xmlns: NS.version }), 'Alice', 'v2')).to('alice');
    const answered = room.send(incoming('alice', xml('iq', { type: 'error', id: relayed!.attrs.id as string },
      xml('error', { type: 'cancel' }, xml('service-unavailable', { xmlns: NS.stanzas }))), 'Bob'));
    const [back] = answered.to('bob');
    expect(back?.attrs).to.include({ type: 'error', id: 'v2' });
    expect(back?.getChild('error')?.getChild('service-unavailable', NS.stanzas)).to.not.equal(undefined);
  });
});
