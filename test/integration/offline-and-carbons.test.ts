// Messages for an offline user (XEP-0160 with XEP-0203 delay) and message carbons (XEP-0280)
// through xmpp.js.
import { expect } from 'chai';
import { xml } from '@xmpp/client';
import type { Element } from 'ltx';
import { connect, type TestClient } from '../helpers/clients.js';
import { useTestServer } from '../helpers/server.js';

const chat = (to: string, body: string, ...extra: Element[]): Element => xml('message', { type: 'chat', to }, xml('body', {}, body), ...extra);

describe('offline messages (XEP-0160) and carbons (XEP-0280)', function () {
  const node = useTestServer({ offline: { maxMessages: 3 } }, ['alice', 'bob', 'carol']);
  const clients: TestClient[] = [];

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.stop()));
  });

  async function login(username: string, resource: string): Promise<TestClient> {
    const client = await connect({ service: `xmpp://localhost:${node().server.ports.c2s}`, username, resource });
    clients.push(client);
    return client;
  }

  it('bob gets what alice sent while he was away, in order and stamped with delay; the fourth bounces', async () => {
    const alice = await login('alice', 'desk');
    const sentAt = Date.now();
    await alice.send(chat('bob@localhost', 'one'));
    await alice.send(xml('message', { type: 'chat', to: 'bob@localhost' }, xml('composing', { xmlns: 'http://jabber.org/protocol/chatstates' })));
    await alice.send(chat('bob@localhost/gone', 'two'));
    await alice.send(xml('message', { to: 'bob@localhost' }, xml('subject', {}, 'three'), xml('body', {}, 'three')));
    await alice.send(chat('bob@localhost', 'four'));
    const bounced = await alice.receive((stanza) => stanza.is('message') && stanza.attrs.type === 'error');
    expect(bounced.getChildText('body')).to.equal('four');
    expect(bounced.getChild('error')?.getChild('service-unavailable')).to.not.equal(undefined);
    // A message of type headline is not kept and not bounced either.
    await alice.send(xml('message', { type: 'headline', to: 'bob@localhost' }, xml('body', {}, 'news')));

    const bob = await login('bob', 'phone');
    await bob.send(xml('presence'));
    await bob.receive((stanza) => stanza.getChildText('body') === 'three');
    const messages = bob.received.filter((stanza) => stanza.is('message'));
    expect(messages.map((message) => message.getChildText('body'))).to.deep.equal(['one', 'two', 'three']);
    for (const message of messages) {
      expect(message.attrs.from).to.equal('alice@localhost/desk');
      const delay = message.getChild('delay', 'urn:xmpp:delay');
      expect(delay?.attrs.from).to.equal('localhost');
      expect(Date.parse(String(delay?.attrs.stamp))).to.be.within(sentAt - 1000, Date.now());
    }
    await bob.stop();

    // Delivered messages are gone from storage: the next login brings none.
    const again = await login('bob', 'tablet');
    await again.send(xml('presence'));
    await again.request(xml('iq', { type: 'get', to: 'localhost' }, xml('ping', { xmlns: 'urn:xmpp:ping' })));
    expect(again.received.filter((stanza) => stanza.is('message'))).to.have.length(0);
  });

  it('carbons copy what alice receives on her laptop and sends from it to her phone, not to a resource without carbons', async () => {
    const laptop = await login('alice', 'laptop');
    const phone = await login('alice', 'phone');
    const watch = await login('alice', 'watch');
    const bob = await login('bob', 'desk');
    for (const client of [laptop, phone, watch, bob]) await client.send(xml('presence'));
    for (const client of [laptop, phone]) await client.request(xml('iq', { type: 'set' }, xml('enable', { xmlns: 'urn:xmpp:carbons:2' })));

    await bob.send(chat('alice@localhost/laptop', 'hello laptop'));
    await laptop.receive((stanza) => stanza.getChildText('body') === 'hello laptop');
    const received = await phone.receive((stanza) => stanza.getChild('received', 'urn:xmpp:carbons:2') !== undefined);
    expect(received.attrs.from).to.equal('alice@localhost');
    const inner = received.getChild('received')?.getChild('forwarded', 'urn:xmpp:forward:0')?.getChild('message');
    expect(inner?.attrs.from).to.equal('bob@localhost/desk');
    expect(inner?.attrs.to).to.equal('alice@localhost/laptop');
    expect(inner?.getChildText('body')).to.equal('hello laptop');

    await laptop.send(chat('bob@localhost', 'hi bob'));
    await bob.receive((stanza) => stanza.getChildText('body') === 'hi bob');
    const sent = await phone.receive((stanza) => stanza.getChild('sent', 'urn:xmpp:carbons:2') !== undefined);
    const sentInner = sent.getChild('sent')?.getChild('forwarded')?.getChild('message');
    expect(sentInner?.attrs.from).to.equal('alice@localhost/laptop');
    expect(sentInner?.attrs.to).to.equal('bob@localhost');

    // <private/> keeps a message out of carbons; after disable the phone gets none.
    await laptop.send(chat('bob@localhost', 'secret', xml('private', { xmlns: 'urn:xmpp:carbons:2' })));
    await bob.receive((stanza) => stanza.getChildText('body') === 'secret');
    await phone.request(xml('iq', { type: 'set' }, xml('disable', { xmlns: 'urn:xmpp:carbons:2' })));
    await bob.send(chat('alice@localhost/laptop', 'after disable'));
    await laptop.receive((stanza) => stanza.getChildText('body') === 'after disable');
    await phone.request(xml('iq', { type: 'get', to: 'localhost' }, xml('ping', { xmlns: 'urn:xmpp:ping' })));
    const carbons = phone.received.filter((stanza) => stanza.is('message'));
    expect(carbons).to.have.length(2);
    expect(watch.received.filter((stanza) => stanza.is('message'))).to.have.length(0);
  });

  it('enabling carbons for someone else is forbidden', async () => {
    const carol = await login('carol', 'desk');
    const error = await carol.request(xml('iq', { type: 'set', to: 'alice@localhost' }, xml('enable', { xmlns: 'urn:xmpp:carbons:2' })))
      .then(() => 'no error', (caught: unknown) => String((caught as { condition?: string }).condition));
    expect(error).to.equal('forbidden');
  });
});
