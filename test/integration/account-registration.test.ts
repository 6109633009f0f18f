// In-band registration after login (XEP-0077 §3.1–§3.3) through xmpp.js: alice checks her
// registration and changes her password; carol cancels hers and every session of hers ends.
import { expect } from 'chai';
import { xml } from '@xmpp/client';
import type { Element } from 'ltx';
import { Jid } from '../../src/xmpp/jid.js';
import { connect, type TestClient } from '../helpers/clients.js';
import { errorCondition } from '../helpers/requests.js';
import { PASSWORD, useTestServer } from '../helpers/server.js';

const REGISTER = 'jabber:iq:register';
const rosterPush = (jid: string, subscription: string) => (stanza: Element): boolean =>
  stanza.getChild('query', 'jabber:iq:roster')?.getChild('item')?.attrs.jid === jid
  && stanza.getChild('query', 'jabber:iq:roster')?.getChild('item')?.attrs.subscription === subscription;
const register = (type: 'get' | 'set', to: string | undefined, ...children: Element[]): Element =>
  xml('iq', { type, to }, xml('query', { xmlns: REGISTER }, ...children));

describe('in-band registration after login (XEP-0077)', function () {
  const node = useTestServer({}, ['alice', 'bob', 'carol', 'dave']);
  const clients: TestClient[] = [];

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.stop()));
  });

  async function login(username: string, resource = 'desk', password = PASSWORD): Promise<TestClient> {
    const client = await connect({ service: `xmpp://localhost:${node().server.ports.c2s}`, username, resource, password });
    clients.push(client);
    return client;
  }

  it('alice asks her server and her own account whether she is registered, and as whom', async () => {
    const alice = await login('alice');
    for (const to of ['localhost', 'alice@localhost', undefined]) {
      const result = await alice.request(register('get', to));
      expect(String(result.getChild('query', REGISTER)), String(to)).to.equal(
        '<query xmlns="jabber:iq:register"><registered/><username>alice</username></query>');
    }
  });

  it('alice changes her password: the old one stops working, the new one works', async () => {
    const alice = await login('alice');
    const changed = await alice.request(register('set', 'localhost', xml('username', {}, 'Alice'), xml('password', {}, 'new secret')));
    expect(changed.attrs.type).to.equal('result');
    let error: unknown;
    try {
      await connect({ service: `xmpp://localhost:${node().server.ports.c2s}`, username: 'alice', resource: 'old' });
    } catch (caught) {
      error = caught;
    }
    expect((error as { condition?: string } | undefined)?.condition).to.equal('not-authorized');
    const again = await login('alice', 'new', 'new secret');
    expect(again.jid).to.equal('alice@localhost/new');
    await again.request(register('set', undefined, xml('username', {}, 'alice'), xml('password', {}, PASSWORD)));
  });

  it('refuses password changes for someone else or without a password, and registration requests at another account', async () => {
    const bob = await login('bob');
    expect(await errorCondition(bob, register('set', 'localhost', xml('username', {}, 'alice'), xml('password', {}, 'stolen')))).to.equal('bad-request');
    expect(await errorCondition(bob, register('set', 'localhost', xml('username', {}, 'bob'), xml('password')))).to.equal('bad-request');
    expect(await errorCondition(bob, register('set', 'localhost', xml('username', {}, 'bob')))).to.equal('bad-request');
    expect(await errorCondition(bob, register('set', undefined, xml('remove'), xml('username', {}, 'bob')))).to.equal('bad-request');
    expect(await errorCondition(bob, xml('iq', { type: 'set' }, xml('remove', { xmlns: REGISTER })))).to.equal('bad-request');
    expect(await errorCondition(bob, register('get', 'alice@localhost'))).to.equal('forbidden');
    expect(await errorCondition(bob, register('set', 'alice@localhost', xml('remove')))).to.equal('forbidden');
    expect(await node().server.storage.accounts.get('alice', 'localhost')).to.not.equal(undefined);
    await login('alice', 'still-here');
  });

  it('carol cancels her registration: she gets the result, then each of her sessions ends with <not-authorized/>', async () => {
    const phone = await login('carol', 'phone');
    const laptop = await login('carol', 'laptop');
    const dave = await login('dave');
    await dave.request(xml('iq', { type: 'get' }, xml('query', { xmlns: 'jabber:iq:roster' })));
    await dave.send(xml('presence'));
    await dave.send(xml('presence', { type: 'subscribe', to: 'carol@localhost' }));
    await phone.send(xml('presence'));
    await phone.receive((stanza) => stanza.is('presence') && stanza.attrs.type === 'subscribe');
    await phone.send(xml('presence', { type: 'subscribed', to: 'dave@localhost' }));
    await dave.receive(rosterPush('carol@localhost', 'to'));
    await phone.request(xml('iq', { type: 'set' }, xml('vCard', { xmlns: 'vcard-temp' }, xml('FN', {}, 'Carol'))));
    await phone.request(xml('iq', { type: 'set' }, xml('block', { xmlns: 'urn:xmpp:blocking' }, xml('item', { jid: 'dave@localhost' }))));
    const streamErrors = [phone, laptop].map((client) => new Promise<string>((resolve) => {
      client.xmpp.on('error', (error: { condition?: string }) => resolve(String(error.condition)));
    }));

    const result = await phone.request(register('set', undefined, xml('remove')));
    expect(result.attrs.type).to.equal('result');
    expect(await Promise.all(streamErrors)).to.deep.equal(['not-authorized', 'not-authorized']);
    expect(await node().server.storage.accounts.get('carol', 'localhost')).to.equal(undefined);
    expect(await node().server.storage.vcards.get('carol', 'localhost')).to.equal(undefined);
    expect(node().server.router.sessions.getAll(Jid.parse('carol@localhost'))).to.have.length(0);
    // §3.2: dave learns that his subscription to carol ended.
    await dave.receive((stanza) => stanza.is('presence') && stanza.attrs.type === 'unsubscribed' && stanza.attrs.from === 'carol@localhost');
    await dave.receive(rosterPush('carol@localhost', 'none'));

    // A new carol starts afresh: the old carol's blocklist does not follow her.
    await node().addUser('carol');
    const newCarol = await login('carol', 'new');
    await newCarol.send(xml('presence'));
    await dave.send(xml('message', { to: 'carol@localhost', type: 'chat', id: 'hello' }, xml('body', {}, 'hello, new carol')));
    const message = await newCarol.receive((stanza) => stanza.is('message') && stanza.attrs.id === 'hello');
    expect(message.attrs.from).to.equal('dave@localhost/desk');
  });
});
