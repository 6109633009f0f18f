// What a bound client may send (RFC 6120 §8.1.2, §8.2.3): stamping, spoofing, malformed JIDs.
import { expect } from 'chai';
import { intakeStanza } from '../../../src/c2s/stanza-intake.js';
import { xml } from '../../../src/xmpp/element.js';
import { Jid } from '../../../src/xmpp/jid.js';

const alice = Jid.parse('alice@localhost/desk');
const stanza = (name: string, attrs: Record<string, string>, ...children: ReturnType<typeof xml>[]): ReturnType<typeof xml> =>
  xml(name, { xmlns: 'jabber:client', ...attrs }, ...children);

describe('intakeStanza', () => {
  it('stamps the full JID and normalises the to address', () => {
    const result = intakeStanza(stanza('message', { to: 'Bob@LocalHost' }), alice);
    expect(result.kind).to.equal('route');
    if (result.kind === 'route') expect(result.stanza.attrs).to.include({ from: 'alice@localhost/desk', to: 'bob@localhost' });
  });

  it('accepts the bare or full JID as from, and nothing else', () => {
    expect(intakeStanza(stanza('presence', { from: 'alice@localhost' }), alice).kind).to.equal('route');
    expect(intakeStanza(stanza('presence', { from: 'alice@localhost/desk' }), alice).kind).to.equal('route');
    const spoofed = intakeStanza(stanza('presence', { from: 'alice@localhost/other' }), alice);
    expect(spoofed).to.deep.include({ kind: 'stream-error' });
    if (spoofed.kind === 'stream-error') expect(spoofed.error.condition).to.equal('invalid-from');
  });

  it('bounces a malformed to with jid-malformed', () => {
    const result = intakeStanza(stanza('message', { to: 'a@b@c d' }), alice);
    expect(result.kind === 'bounce' && result.error.condition).to.equal('jid-malformed');
  });

  it('requires an id, a known type and exactly one payload on iq get/set', () => {
    expect(intakeStanza(stanza('iq', { type: 'get' }, xml('ping', { xmlns: 'urn:xmpp:ping' })), alice).kind).to.equal('bounce');
    expect(intakeStanza(stanza('iq', { type: 'fetch', id: '1' }, xml('ping', { xmlns: 'urn:xmpp:ping' })), alice).kind).to.equal('bounce');
    expect(intakeStanza(stanza('iq', { type: 'get', id: '1' }), alice).kind).to.equal('bounce');
    expect(intakeStanza(stanza('iq', { type: 'get', id: '1' }, xml('a'), xml('b')), alice).kind).to.equal('bounce');
    expect(intakeStanza(stanza('iq', { type: 'result', id: '1' }), alice).kind).to.equal('route');
  });

  it('refuses unknown presence types and unknown top-level elements', () => {
    expect(intakeStanza(stanza('presence', { type: 'invisible' }), alice).kind).to.equal('bounce');
    expect(intakeStanza(stanza('foo', {}), alice).kind).to.equal('stream-error');
    expect(intakeStanza(xml('message', { xmlns: 'jabber:server' }), alice).kind).to.equal('stream-error');
  });
});
