// Bad input gets a precise stream or stanza error and never hurts the server (RFC 6120 §4.9,
// §8.3, §11). Driven over raw sockets so the bytes are exactly what a hostile client sends.
import { expect } from 'chai';
import { RawClient, STREAM_HEADER } from '../helpers/raw-client.js';
import { PASSWORD, useTestServer } from '../helpers/server.js';

const CLOSED = /<\/stream:stream>/;

describe('bad input', function () {
  const node = useTestServer({ auth: { maxFailuresPerAddress: 1000, maxFailuresPerAccount: 1000 } }, ['alice', 'bob']);
  const clients: RawClient[] = [];

  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy();
  });

  async function open(): Promise<RawClient> {
    const client = await RawClient.connect(node().server.ports.c2s);
    clients.push(client);
    return client;
  }

  async function expectStreamError(client: RawClient, condition: string): Promise<void> {
    const text = await client.waitFor(CLOSED);
    expect(text).to.include(`<${condition} xmlns="urn:ietf:params:xml:ns:xmpp-streams"/>`);
    await client.closed;
  }

  describe('restricted XML (RFC 6120 §11.1)', () => {
    for (const [what, payload] of [
      ['a DOCTYPE with an entity declaration', "<?xml version='1.0'?><!DOCTYPE lol [<!ENTITY lol 'lol'>]>"],
      ['a comment', `${STREAM_HEADER}<!-- hi -->`],
      ['a processing instruction', `${STREAM_HEADER}<?php echo 1; ?>`],
    ] as const) {
      it(`${what} gets <restricted-xml/> and the stream is closed`, async () => {
        const client = await open();
        client.send(payload);
        await expectStreamError(client, 'restricted-xml');
      });
    }

    it('a billion-laughs style entity reference gets <not-well-formed/>', async () => {
      const client = await open();
      client.send(`${STREAM_HEADER}<message><body>&lol9;</body></message>`);
      await expectStreamError(client, 'not-well-formed');
    });
  });

  it('malformed XML gets <not-well-formed/>', async () => {
    const client = await open();
    client.send(`${STREAM_HEADER}<message><body></message>`);
    await expectStreamError(client, 'not-well-formed');
  });

  it('invalid UTF-8 gets <unsupported-encoding/>', async () => {
    const client = await open();
    client.send(STREAM_HEADER);
    client.send(Buffer.from([0x3c, 0x61, 0x20, 0xc3, 0x28, 0x3e]));
    await expectStreamError(client, 'unsupported-encoding');
  });

  it('a wrong stream namespace gets <invalid-namespace/>', async () => {
    const client = await open();
    client.send("<stream:stream xmlns='jabber:client' xmlns:stream='urn:wrong' to='localhost' version='1.0'>");
    await expectStreamError(client, 'invalid-namespace');
  });

  it('an unknown host gets <host-unknown/>, after a stream header from the server', async () => {
    const client = await open();
    client.send("<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' to='elsewhere.example' version='1.0'>");
    const text = await client.waitFor(CLOSED);
    expect(text).to.match(/^<\?xml version='1.0'\?><stream:stream [^>]*id='[^']+'[^>]*from='localhost'[^>]*version='1.0'[^>]*xml:lang='en'>/);
    await expectStreamError(client, 'host-unknown');
  });

  it('a pre-1.0 stream gets <unsupported-version/>', async () => {
    const client = await open();
    client.send("<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' to='localhost'>");
    await expectStreamError(client, 'unsupported-version');
  });

  it('a stanza over the unauthenticated size limit gets <policy-violation/>', async () => {
    const client = await open();
    client.send(`${STREAM_HEADER}<message><body>${'x'.repeat(20_000)}</body></message>`);
    await expectStreamError(client, 'policy-violation');
  });

  it('a stanza over the authenticated size limit gets <policy-violation/>', async () => {
    const client = await open();
    await client.login('alice', PASSWORD);
    client.send(`<message to='bob@localhost'><body>${'x'.repeat(300 * 1024)}</body></message>`);
    await expectStreamError(client, 'policy-violation');
  });

  it('authentication before STARTTLS is refused with <encryption-required/>, and no mechanism is offered', async () => {
    const client = await open();
    client.send(STREAM_HEADER);
    const features = await client.waitFor(/<\/stream:features>/);
    expect(features).to.include('<required/>');
    expect(features).not.to.include('<mechanisms');
    client.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>AGFsaWNlAHg=</auth>");
    await client.waitFor(/<failure xmlns="urn:ietf:params:xml:ns:xmpp-sasl"><encryption-required\/><\/failure>/);
  });

  it('a stanza before authentication closes the stream', async () => {
    const client = await open();
    await client.startTls();
    client.send(`${STREAM_HEADER}<message to='bob@localhost'><body>hi</body></message>`);
    await expectStreamError(client, 'not-authorized');
  });

  it('a wrong password gets <not-authorized/> and the client may try again', async () => {
    const client = await open();
    await client.startTls();
    client.send(STREAM_HEADER);
    await client.waitFor(/<\/stream:features>/);
    client.send(`<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>${Buffer.from('\0alice\0nope').toString('base64')}</auth>`);
    await client.waitFor(/<failure xmlns="urn:ietf:params:xml:ns:xmpp-sasl"><not-authorized\/><\/failure>/);
    client.send(`<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>${Buffer.from(`\0alice\0${PASSWORD}`).toString('base64')}</auth>`);
    await client.waitFor(/<success/);
  });

  it('a spoofed from address gets <invalid-from/>', async () => {
    const client = await open();
    await client.login('alice', PASSWORD);
    client.send("<message from='bob@localhost/x' to='alice@localhost'><body>I am Bob</body></message>");
    await expectStreamError(client, 'invalid-from');
  });

  it('a malformed JID gets a jid-malformed stanza error and the stream stays open', async () => {
    const client = await open();
    await client.login('alice', PASSWORD);
    client.send("<message id='bad1' to='bob@@local host'><body>x</body></message>");
    const text = await client.waitFor(/<\/message>/);
    expect(text).to.match(/<message[^>]*type="error"[^>]*id="bad1"|<message[^>]*id="bad1"[^>]*type="error"/);
    expect(text).to.include('<jid-malformed xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/>');
    client.clear();
    client.send("<iq type='get' id='p1' to='localhost'><ping xmlns='urn:xmpp:ping'/></iq>");
    await client.waitFor(/id="p1"/);
    expect(client.isOpen).to.equal(true);
  });

  it('an iq without a payload gets bad-request; an unknown namespace service-unavailable', async () => {
    const client = await open();
    await client.login('alice', PASSWORD);
    client.send("<iq type='get' id='e1' to='localhost'/>");
    await client.waitFor(/id="e1"[\s\S]*<bad-request/);
    client.send("<iq type='get' id='e2' to='localhost'><query xmlns='urn:example:nothing'/></iq>");
    await client.waitFor(/id="e2"[\s\S]*<service-unavailable/);
  });

  it('an unknown top-level element gets <unsupported-stanza-type/>', async () => {
    const client = await open();
    await client.login('alice', PASSWORD);
    client.send('<foo/>');
    await expectStreamError(client, 'unsupported-stanza-type');
  });

  it('a message to a user that does not exist bounces with service-unavailable', async () => {
    const client = await open();
    await client.login('alice', PASSWORD);
    client.send("<message id='nobody' to='nobody@localhost' type='chat'><body>hello?</body></message>");
    await client.waitFor(/id="nobody"[\s\S]*<service-unavailable/);
  });

  it('after all of this the server still serves a normal login', async () => {
    const client = await open();
    await client.login('bob', PASSWORD);
    client.send("<iq type='get' id='alive' to='localhost'><ping xmlns='urn:xmpp:ping'/></iq>");
    await client.waitFor(/id="alive"/);
  });
});

describe('bad input: timeouts and throttling', function () {
  const node = useTestServer({ limits: { unauthenticatedTimeoutMs: 400 }, auth: { maxFailuresPerAccount: 3, maxFailuresPerAddress: 100 } }, ['carol']);
  const clients: RawClient[] = [];

  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy();
  });

  it('a client that does not authenticate in time gets <connection-timeout/>', async () => {
    const client = await RawClient.connect(node().server.ports.c2s);
    clients.push(client);
    client.send(STREAM_HEADER);
    const text = await client.waitFor(CLOSED, 3000);
    expect(text).to.include('<connection-timeout');
  });

  it('repeated failures for one account throttle it, even with the right password', async () => {
    const client = await RawClient.connect(node().server.ports.c2s);
    clients.push(client);
    await client.startTls();
    client.send(STREAM_HEADER);
    await client.waitFor(/<\/stream:features>/);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      client.clear();
      client.send(`<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>${Buffer.from('\0carol\0guess').toString('base64')}</auth>`);
      await client.waitFor(/<not-authorized\/>/);
    }
    client.clear();
    client.send(`<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>${Buffer.from(`\0carol\0${PASSWORD}`).toString('base64')}</auth>`);
    await client.waitFor(/<temporary-auth-failure\/>/);
  });
});

describe('stream restarts and connection bookkeeping', function () {
  const node = useTestServer();

  it('every stream header after STARTTLS gets a new stream id', async () => {
    const client = await RawClient.connect(node().server.ports.c2s);
    try {
      await client.startTls();
      client.send(STREAM_HEADER);
      const second = /id='([^']+)'/.exec(await client.waitFor(/<\/stream:features>/))?.[1];
      expect(client.firstStreamId).to.be.a('string');
      expect(second).to.be.a('string').and.not.equal(client.firstStreamId);
    } finally {
      client.destroy();
    }
  });


  it('forgets STARTTLS connections once they are closed', async () => {
    for (let i = 0; i < 5; i += 1) {
      const client = await RawClient.connect(node().server.ports.c2s);
      await client.startTls();
      client.destroy();
      await client.closed;
    }
    const deadline = Date.now() + 2000;
    while (node().server.connectionCount() > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(node().server.connectionCount()).to.equal(0);
  });
});
