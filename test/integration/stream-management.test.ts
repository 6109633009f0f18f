// Stream management (XEP-0198): acks both ways, resumption after the TCP connection is cut
// mid-conversation without loss or duplicates, <failed/> conditions, and re-routing of what
// was never acknowledged when a session ends for good.
import { expect } from 'chai';
import { xml } from '@xmpp/client';
import { connect, type TestClient } from '../helpers/clients.js';
import { RawClient } from '../helpers/raw-client.js';
import { PASSWORD, useTestServer } from '../helpers/server.js';
import { until } from '../helpers/wait.js';

const SM = 'urn:xmpp:sm:3';

function bodies(client: TestClient): string[] {
  return client.received.filter((stanza) => stanza.is('message')).map((stanza) => stanza.getChildText('body') ?? '');
}

describe('stream management (XEP-0198)', function () {
  const node = useTestServer({ streamManagement: { resumeTimeoutMs: 1500, ackRequestDelayMs: 200 } }, ['alice', 'bob', 'carol']);
  const clients: TestClient[] = [];

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.stop()));
  });

  async function login(username: string, resource: string, reconnect = false): Promise<TestClient> {
    const client = await connect({ service: `xmpp://localhost:${node().server.ports.c2s}`, username, resource, reconnect });
    clients.push(client);
    await client.send(xml('presence'));
    return client;
  }

  it('alice\'s connection is cut mid-conversation; xmpp.js resumes and nothing is lost or duplicated, either way', async () => {
    const alice = await login('alice', 'phone', true);
    const bob = await login('bob', 'desk');
    await until(() => alice.xmpp.streamManagement.enabled, 'stream management to be enabled');
    const resumed = new Promise<void>((resolve) => alice.xmpp.streamManagement.once('resumed', () => resolve()));

    const expected: string[] = [];
    for (let i = 0; i < 40; i += 1) {
      if (i === 15) alice.cut();
      expected.push(`m${i}`);
      await bob.send(xml('message', { type: 'chat', to: 'alice@localhost/phone' }, xml('body', {}, `m${i}`)));
      if (i % 5 === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await resumed;
    await alice.send(xml('message', { type: 'chat', to: 'bob@localhost/desk' }, xml('body', {}, 'back')));
    await bob.receive((stanza) => stanza.getChildText('body') === 'back');
    await until(() => bodies(alice).length >= expected.length, 'every message at alice');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(bodies(alice)).to.deep.equal(expected);
    // Bob never saw alice go offline: the session lived on while she was away.
    expect(bob.received.some((stanza) => stanza.is('presence') && stanza.attrs.type === 'unavailable')).to.equal(false);
  });

  it('answers <r/> with the count of stanzas handled and accepts the client\'s acks', async () => {
    const raw = await RawClient.connect(node().server.ports.c2s);
    await raw.login('carol', PASSWORD, 'raw');
    raw.send(`<enable xmlns='${SM}' resume='true'/>`);
    const enabled = await raw.waitFor(/<enabled[^>]*>/);
    expect(enabled).to.match(/resume="true"/);
    expect(enabled).to.match(/max="2"/);
    raw.send("<presence/><iq type='get' id='p1' to='localhost'><ping xmlns='urn:xmpp:ping'/></iq>");
    await raw.waitFor(/id="p1"/);
    raw.send(`<r xmlns='${SM}'/>`);
    await raw.waitFor(/<a xmlns="urn:xmpp:sm:3" h="2"\/>/);
    raw.send(`<a xmlns='${SM}' h='2'/>`);
    // More than was sent is a stream error with handled-count-too-high.
    raw.send(`<a xmlns='${SM}' h='99'/>`);
    const error = await raw.waitFor(/<\/stream:stream>/);
    expect(error).to.match(/<undefined-condition/);
    expect(error).to.match(/<handled-count-too-high xmlns="urn:xmpp:sm:3" h="99" send-count="\d+"\/>/);
  });

  it('refuses to resume an unknown or foreign session with item-not-found, and enable before bind', async () => {
    const alice = await RawClient.connect(node().server.ports.c2s);
    await alice.login('alice', PASSWORD, 'first');
    alice.send(`<enable xmlns='${SM}' resume='true'/>`);
    const previd = /id="([^"]+)"/.exec(await alice.waitFor(/<enabled[^>]*>/))?.[1] ?? '';

    const carol = await RawClient.connect(node().server.ports.c2s);
    await carol.startTls();
    carol.send("<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' to='localhost' version='1.0'>");
    await carol.waitFor(/<\/stream:features>/);
    carol.send(`<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>${Buffer.from(`\0carol\0${PASSWORD}`).toString('base64')}</auth>`);
    await carol.waitFor(/<success/);
    carol.clear();
    carol.send("<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' to='localhost' version='1.0'>");
    const features = await carol.waitFor(/<\/stream:features>/);
    expect(features).to.match(/<sm xmlns="urn:xmpp:sm:3"\/>/);
    carol.send(`<enable xmlns='${SM}'/>`);
    await carol.waitFor(/<failed xmlns="urn:xmpp:sm:3"><unexpected-request/);
    carol.send(`<resume xmlns='${SM}' previd='${previd}' h='0'/>`);
    await carol.waitFor(/<failed xmlns="urn:xmpp:sm:3"><item-not-found/);
    carol.send(`<resume xmlns='${SM}' previd='nonsense' h='0'/>`);
    await carol.waitFor(/<failed xmlns="urn:xmpp:sm:3"><item-not-found[^]*<failed xmlns="urn:xmpp:sm:3"><item-not-found/);
    carol.destroy();
    alice.destroy();
  });

  it('what a session never acknowledged goes to offline storage when it is not resumed, stamped with delay', async () => {
    const raw = await RawClient.connect(node().server.ports.c2s);
    await raw.login('alice', PASSWORD, 'flaky');
    raw.send(`<enable xmlns='${SM}' resume='true'/><presence/>`);
    await raw.waitFor(/<enabled/);
    const bob = await login('bob', 'sender');
    for (const body of ['u1', 'u2']) await bob.send(xml('message', { type: 'chat', to: 'alice@localhost/flaky' }, xml('body', {}, body)));
    await raw.waitFor(/u2/);
    raw.destroy();
    // After the 1.5 s resumption window the session ends and both messages are re-routed.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const alice = await login('alice', 'again');
    await alice.receive((stanza) => stanza.getChildText('body') === 'u2');
    const messages = alice.received.filter((stanza) => stanza.is('message'));
    expect(messages.map((message) => message.getChildText('body'))).to.deep.equal(['u1', 'u2']);
    expect(messages.every((message) => message.getChild('delay', 'urn:xmpp:delay') !== undefined)).to.equal(true);
  });
});
