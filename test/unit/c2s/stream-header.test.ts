// Stream header checks (RFC 6120 §4.7, §4.9.3; RFC 7395 §3.3.1).
import { expect } from 'chai';
import { openingTag, validateOpening } from '../../../src/c2s/stream-header.js';

const STREAM = { localName: 'stream', uri: 'http://etherx.jabber.org/streams', defaultNs: 'jabber:client' };
const served = (domain: string): boolean => domain === 'localhost';

describe('stream headers', () => {
  it('accepts a correct header, with or without to', () => {
    expect(validateOpening(STREAM, { to: 'LocalHost', version: '1.0' }, 'stream', served)).to.equal(undefined);
    expect(validateOpening(STREAM, { version: '1.0' }, 'stream', served)).to.equal(undefined);
  });

  it('names the condition for each kind of wrong header', () => {
    const condition = (header: typeof STREAM, attrs: { to?: string; version?: string }, framing: 'stream' | 'framed' = 'stream'): string | undefined =>
      validateOpening(header, attrs, framing, served)?.condition;
    expect(condition({ ...STREAM, uri: 'urn:x' }, { version: '1.0' })).to.equal('invalid-namespace');
    expect(condition({ ...STREAM, defaultNs: 'jabber:server' }, { version: '1.0' })).to.equal('invalid-namespace');
    expect(condition(STREAM, { to: 'example.org', version: '1.0' })).to.equal('host-unknown');
    expect(condition(STREAM, {})).to.equal('unsupported-version');
    expect(condition(STREAM, { version: '0.9' })).to.equal('unsupported-version');
    expect(condition(STREAM, { version: '2.0' })).to.equal(undefined);
    expect(condition(STREAM, { version: '1.0' }, 'framed')).to.equal('invalid-namespace');
  });

  it('opens with id, from, version and xml:lang', () => {
    expect(openingTag('stream', 'abc', 'localhost', 'en')).to.equal(
      "<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' id='abc' from='localhost' version='1.0' xml:lang='en'>");
    expect(openingTag('framed', 'abc', 'localhost', 'en')).to.equal(
      "<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' id='abc' from='localhost' version='1.0' xml:lang='en'/>");
  });
});
