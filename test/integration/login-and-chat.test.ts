// Alice and Bob log in with a real client (xmpp.js) over every transport and talk.
import { expect } from 'chai';
import { xml } from '@xmpp/client';
import type { Element } from 'ltx';
import { connect, type Mechanism, type TestClient } from '../helpers/clients.js';
import { useTestServer } from '../helpers/server.js';

describe('login and chat through xmpp.js', function () {
  const node = useTestServer({}, ['alice', 'bob']);
  const clients: TestClient[] = [];

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.stop()));
  });

  async function login(username: string, service: string, mechanism: Mechanism, resource?: string): Promise<TestClient> {
    const client = await connect({ service, username, mechanism, ...(resource === undefined ? {} : { resource }) });
    clients.push(client);
    return client;
  }

  const starttls = (): string => `xmpp://localhost:${node().server.ports.c2s}`;
  const directTls = (): string => `xmpps://localhost:${node().server.ports.c2sDirectTls}`;
  const wss = (): string => `wss://localhost:${node().server.ports.https}/xmpp-websocket`;

  for (const [transport, service] of [['STARTTLS', starttls], ['direct TLS', directTls], ['secure WebSocket', wss]] as const) {
    for (const mechanism of ['SCRAM-SHA-256', 'SCRAM-SHA-256-PLUS'] as const) {
      it(`alice logs in over ${transport} with ${mechanism}, binds, and pings the server`, async () => {
        const alice = await login('alice', service(), mechanism);
        expect(alice.mechanism).to.equal(mechanism);
        expect(alice.jid).to.match(/^alice@localhost\/.+/);
        const pong = await alice.request(xml('iq', { type: 'get', to: 'localhost' }, xml('ping', { xmlns: 'urn:xmpp:ping' })));
        expect(pong.attrs.type).to.equal('result');
        expect(pong.attrs.from).to.equal('localhost');
      });
    }
  }

  it('channel binding works with tls-server-end-point too', async () => {
    const client = await connect({ service: starttls(), username: 'alice', mechanism: 'SCRAM-SHA-256-PLUS', bindingType: 'tls-server-end-point' });
    clients.push(client);
    expect(client.jid).to.match(/^alice@localhost\//);
  });

  it('SCRAM-SHA-1 and PLAIN work over TLS', async () => {
    const sha1 = await login('alice', starttls(), 'SCRAM-SHA-1');
    const plain = await login('bob', directTls(), 'PLAIN');
    expect(sha1.jid).to.match(/^alice@/);
    expect(plain.jid).to.match(/^bob@/);
  });

  it('alice sends bob a chat message, bob receives it stamped with her full JID', async () => {
    const alice = await login('alice', starttls(), 'SCRAM-SHA-256', 'laptop');
    const bob = await login('bob', wss(), 'SCRAM-SHA-256', 'phone');
    await bob.send(xml('presence'));
    await alice.send(xml('message', { to: 'bob@localhost', type: 'chat', id: 'm1' }, xml('body', {}, 'Hello Bob')));
    const message = await bob.receive((stanza) => stanza.is('message') && stanza.attrs.id === 'm1');
    expect(message.getChildText('body')).to.equal('Hello Bob');
    expect(message.attrs.from).to.equal('alice@localhost/laptop');
    expect(message.attrs.to).to.equal('bob@localhost');
  });

  it('a message to a full JID reaches that resource only', async () => {
    const alice = await login('alice', starttls(), 'SCRAM-SHA-256', 'desk');
    const bob1 = await login('bob', starttls(), 'SCRAM-SHA-256', 'one');
    const bob2 = await login('bob', starttls(), 'SCRAM-SHA-256', 'two');
    await alice.send(xml('message', { to: 'bob@localhost/two', type: 'chat', id: 'm2' }, xml('body', {}, 'only two')));
    await bob2.receive((stanza) => stanza.attrs.id === 'm2');
    await alice.request(xml('iq', { type: 'get', to: 'localhost' }, xml('ping', { xmlns: 'urn:xmpp:ping' })));
    expect(bob1.received.some((stanza) => stanza.attrs.id === 'm2')).to.equal(false);
  });

  it('an iq between two clients goes there and back', async () => {
    const alice = await login('alice', starttls(), 'SCRAM-SHA-256', 'a');
    const bob = await login('bob', starttls(), 'SCRAM-SHA-256', 'b');
    bob.xmpp.on('stanza', (stanza: Element) => {
      if (stanza.is('iq') && stanza.attrs.type === 'get') {
        void bob.send(xml('iq', { type: 'result', id: stanza.attrs.id as string, to: stanza.attrs.from as string },
          xml('query', { xmlns: 'jabber:iq:version' }, xml('name', {}, 'bob-bot'), xml('version', {}, '1'))));
      }
    });
    const reply = await alice.request(xml('iq', { type: 'get', to: 'bob@localhost/b' }, xml('query', { xmlns: 'jabber:iq:version' })));
    expect(reply.getChild('query')?.getChildText('name')).to.equal('bob-bot');
    expect(reply.attrs.from).to.equal('bob@localhost/b');
  });

  it('a wrong password is refused with not-authorized', async () => {
    let failure: unknown;
    try {
      await connect({ service: starttls(), username: 'alice', password: 'wrong', mechanism: 'SCRAM-SHA-256' });
    } catch (error) {
      failure = error;
    }
    expect(String(failure)).to.match(/not-authorized/);
  });
});
