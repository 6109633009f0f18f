// Stream error elements (RFC 6120 §4.9), including the redirect the router can hand a session.
import { expect } from 'chai';
import { streamErrorElement } from '../../../src/xmpp/stream-errors.js';

describe('streamErrorElement', () => {
  it('carries the condition and an optional text', () => {
    expect(String(streamErrorElement({ condition: 'conflict', text: 'replaced' }))).to.equal(
      '<stream:error><conflict xmlns="urn:ietf:params:xml:ns:xmpp-streams"/><text xmlns="urn:ietf:params:xml:ns:xmpp-streams" xml:lang="en">replaced</text></stream:error>');
  });

  it('names the other host in see-other-host (RFC 6120 §4.9.3.19)', () => {
    expect(String(streamErrorElement({ condition: 'see-other-host', otherHost: 'node2.example.com:5222' }))).to.equal(
      '<stream:error><see-other-host xmlns="urn:ietf:params:xml:ns:xmpp-streams">node2.example.com:5222</see-other-host></stream:error>');
  });
});
