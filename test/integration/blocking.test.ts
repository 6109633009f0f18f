// Blocking Command (XEP-0191) through xmpp.js: alice blocks bob and neither gets through to the
// other, pushes reach her interested resources, lists are kept, errors, domain blocks, presence.
import { expect } from 'chai';
import { xml } from '@xmpp/client';
import type { Element } from 'ltx';
import { connect, type TestClient } from '../helpers/clients.js';
import { errorCondition } from '../helpers/requests.js';
import { useTestServer } from '../helpers/server.js';

const BLOCKING = 'urn:xmpp:blocking';
const blocklistGet = (): Element => xml('iq', { type: 'get' }, xml('blocklist', { xmlns: BLOCKING }));
const command = (name: 'block' | 'unblock', ...jids: string[]): Element =>
  xml('iq', { type: 'set' }, xml(name, { xmlns: BLOCKING }, ...jids.map((jid) => xml('item', { jid }))));

function blocklistOf(result: Element): string[] {
  return result.getChild('blocklist', BLOCKING)?.getChildren('item').map((item) => String(item.attrs.jid)) ?? [];
}

function isPush(name: 'block' | 'unblock', jids: string[]): (stanza: Element) => boolean {
  return (stanza) => {
    const payload = stanza.is('iq') && stanza.attrs.type === 'set' ? stanza.getChild(name, BLOCKING) : undefined;
    return payload !== undefined && payload.getChildren('item').map((item) => String(item.attrs.jid)).join() === jids.join();
  };
}

const isErrorReply = (id: string) => (stanza: Element): boolean => stanza.attrs.id === id && stanza.attrs.type === 'error';
const fromUser = (stanzas: Element[], user: string): Element[] => stanzas.filter((stanza) => String(stanza.attrs.from).startsWith(user));

describe('blocking command (XEP-0191)', function () {
  const node = useTestServer({}, ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'gina', 'hank']);
  const clients: TestClient[] = [];

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.stop()));
  });

  async function login(username: string, resource = 'desk', options: { available?: boolean } = {}): Promise<TestClient> {
    const client = await connect({ service: `xmpp://localhost:${node().server.ports.c2s}`, username, resource });
    clients.push(client);
    if (options.available === true) await client.send(xml('presence'));
    return client;
  }

  it('alice discovers blocking support at her server (§3.1)', async () => {
    const alice = await login('alice');
    const info = await alice.request(xml('iq', { type: 'get', to: 'localhost' }, xml('query', { xmlns: 'http://jabber.org/protocol/disco#info' })));
    expect(info.getChild('query')?.getChildren('feature').map((feature) => String(feature.attrs.var))).to.include(BLOCKING);
  });

  it('alice blocks bob: her interested resources get the push, nothing of bob reaches her, nothing of hers reaches him, until she unblocks', async () => {
    const laptop = await login('alice', 'laptop', { available: true });
    const phone = await login('alice', 'phone', { available: true });
    const tablet = await login('alice', 'tablet', { available: true });
    const bob = await login('bob', 'desk', { available: true });
    expect(blocklistOf(await laptop.request(blocklistGet()))).to.deep.equal([]);
    await phone.request(blocklistGet());

    await laptop.request(command('block', 'bob@localhost'));
    await phone.receive(isPush('block', ['bob@localhost']));
    await laptop.receive(isPush('block', ['bob@localhost']));
    expect(blocklistOf(await tablet.request(blocklistGet()))).to.deep.equal(['bob@localhost']);
    expect(tablet.received.filter((stanza) => stanza.getChild('block', BLOCKING) !== undefined)).to.have.length(0);

    // §3.3: bob's message and iq requests are refused as if alice were offline; his presence vanishes.
    await bob.send(xml('presence', { to: 'alice@localhost' }, xml('status', {}, 'hello?')));
    await bob.send(xml('message', { to: 'alice@localhost', type: 'chat', id: 'b1' }, xml('body', {}, 'hi alice')));
    const bounced = await bob.receive(isErrorReply('b1'));
    expect(bounced.getChild('error')?.getChild('service-unavailable')).to.not.equal(undefined);
    expect(await errorCondition(bob, xml('iq', { type: 'get', to: 'alice@localhost/laptop' }, xml('ping', { xmlns: 'urn:xmpp:ping' })))).to.equal('service-unavailable');
    expect(await errorCondition(bob, xml('iq', { type: 'get', to: 'alice@localhost' }, xml('vCard', { xmlns: 'vcard-temp' })))).to.equal('service-unavailable');
    expect(bob.received.filter((stanza) => stanza.is('presence') && stanza.attrs.type === 'error')).to.have.length(0);
    for (const resource of [laptop, phone, tablet]) expect(fromUser(resource.received, 'bob@')).to.have.length(0);

    // §3.3: what alice sends bob is refused with <not-acceptable/> and <blocked/>.
    for (const [id, to] of [['a1', 'bob@localhost'], ['a2', 'bob@localhost/desk']] as const) {
      await laptop.send(xml('message', { to, type: 'chat', id }, xml('body', {}, 'psst')));
      const refused = await laptop.receive(isErrorReply(id));
      expect(refused.attrs.from).to.equal(to);
      expect(refused.getChildText('body')).to.equal('psst');
      expect(refused.getChild('error')?.getChildElements().map(String)).to.deep.equal([
        '<not-acceptable xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/>', '<blocked xmlns="urn:xmpp:blocking:errors"/>']);
    }
    await laptop.send(xml('presence', { to: 'bob@localhost' }));
    await laptop.receive((stanza) => stanza.is('presence') && stanza.attrs.type === 'error');
    expect(fromUser(bob.received, 'alice@').filter((stanza) => stanza.attrs.type !== 'error')).to.have.length(0);

    await phone.request(command('unblock', 'bob@localhost'));
    await laptop.receive(isPush('unblock', ['bob@localhost']));
    await bob.send(xml('message', { to: 'alice@localhost/laptop', type: 'chat', id: 'b2' }, xml('body', {}, 'hi again')));
    expect((await laptop.receive((stanza) => stanza.attrs.id === 'b2')).getChildText('body')).to.equal('hi again');
  });

  it('a message from a blocked JID to an offline user bounces instead of being stored', async () => {
    const carol = await login('carol');
    await carol.request(command('block', 'dave@localhost'));
    await carol.stop();
    const dave = await login('dave');
    await dave.send(xml('message', { to: 'carol@localhost', type: 'chat', id: 'd1' }, xml('body', {}, 'are you there?')));
    await dave.receive(isErrorReply('d1'));
    expect(await node().server.storage.offline.count('carol', 'localhost')).to.equal(0);
    expect(await node().server.storage.blocking.list('carol', 'localhost')).to.deep.equal(['dave@localhost']);
  });

  it('carol manages a list of several JIDs: normalised, without duplicates, partly and fully unblocked', async () => {
    const carol = await login('carol');
    await carol.request(blocklistGet());
    await carol.request(command('block', 'Eve@EVIL.example', 'evil.example', 'mallory@evil.example/Phone', 'eve@evil.example'));
    await carol.receive(isPush('block', ['eve@evil.example', 'evil.example', 'mallory@evil.example/Phone']));
    expect(blocklistOf(await carol.request(blocklistGet()))).to.deep.equal(['dave@localhost', 'eve@evil.example', 'evil.example', 'mallory@evil.example/Phone']);

    await carol.request(command('unblock', 'evil.example', 'nobody@evil.example'));
    await carol.receive(isPush('unblock', ['evil.example', 'nobody@evil.example']));
    expect(blocklistOf(await carol.request(blocklistGet()))).to.deep.equal(['dave@localhost', 'eve@evil.example', 'mallory@evil.example/Phone']);

    // §3.5: an empty <unblock/> unblocks everyone, and so does its push.
    await carol.request(command('unblock'));
    await carol.receive(isPush('unblock', []));
    expect(blocklistOf(await carol.request(blocklistGet()))).to.deep.equal([]);
    expect(await node().server.storage.blocking.list('carol', 'localhost')).to.deep.equal([]);
  });

  it('refuses bad commands with the conditions of §3.3 and RFC 6120', async () => {
    const bob = await login('bob');
    expect(await errorCondition(bob, command('block'))).to.equal('bad-request');
    expect(await errorCondition(bob, command('block', 'carol@localhost', 'not a jid@localhost'))).to.equal('jid-malformed');
    expect(await errorCondition(bob, command('unblock', '@localhost'))).to.equal('jid-malformed');
    expect(await errorCondition(bob, xml('iq', { type: 'set' }, xml('blocklist', { xmlns: BLOCKING })))).to.equal('bad-request');
    expect(await errorCondition(bob, xml('iq', { type: 'get', to: 'dave@localhost' }, xml('blocklist', { xmlns: BLOCKING })))).to.equal('forbidden');
    const foreign = xml('iq', { type: 'set', to: 'dave@localhost' }, xml('block', { xmlns: BLOCKING }, xml('item', { jid: 'bob@localhost' })));
    expect(await errorCondition(bob, foreign)).to.equal('forbidden');
    expect(await node().server.storage.blocking.list('bob', 'localhost')).to.deep.equal([]);
    expect(await node().server.storage.blocking.list('dave', 'localhost')).to.deep.equal([]);
  });

  it('erin blocks her own domain and herself: other users are blocked, her server and her own resources are not', async () => {
    const desk = await login('erin', 'desk', { available: true });
    const phone = await login('erin', 'phone', { available: true });
    const frank = await login('frank', 'desk', { available: true });
    await desk.request(command('block', 'localhost', 'erin@localhost'));

    const pong = await desk.request(xml('iq', { type: 'get', to: 'localhost' }, xml('ping', { xmlns: 'urn:xmpp:ping' })));
    expect(pong.attrs.from).to.equal('localhost');
    await desk.send(xml('message', { to: 'erin@localhost/phone', type: 'chat', id: 'e1' }, xml('body', {}, 'note to self')));
    await phone.receive((stanza) => stanza.attrs.id === 'e1');

    await frank.send(xml('message', { to: 'erin@localhost', type: 'chat', id: 'f1' }, xml('body', {}, 'hi')));
    await frank.receive(isErrorReply('f1'));
    await desk.send(xml('message', { to: 'frank@localhost', type: 'chat', id: 'e2' }, xml('body', {}, 'hi')));
    const refused = await desk.receive(isErrorReply('e2'));
    expect(refused.getChild('error')?.getChild('blocked', 'urn:xmpp:blocking:errors')).to.not.equal(undefined);
    await desk.request(command('unblock'));
  });

  it('gina blocks frank, who sees her: he sees each of her resources go; when she unblocks, he sees them again (§3.3, §3.4)', async () => {
    const frank = await login('frank', 'desk', { available: true });
    const ginaA = await login('gina', 'a');
    const ginaB = await login('gina', 'b');
    const hank = await login('hank', 'desk', { available: true });
    await ginaA.request(xml('iq', { type: 'get' }, xml('query', { xmlns: 'jabber:iq:roster' })));
    await frank.send(xml('presence', { type: 'subscribe', to: 'gina@localhost' }));
    await ginaA.send(xml('presence', {}, xml('status', {}, 'in the garden')));
    await ginaB.send(xml('presence', {}, xml('status', {}, 'in the garden')));
    await ginaA.receive((stanza) => stanza.is('presence') && stanza.attrs.type === 'subscribe');
    await ginaA.send(xml('presence', { type: 'subscribed', to: 'frank@localhost' }));
    await frank.receive((stanza) => stanza.is('presence') && stanza.attrs.from === 'gina@localhost/b' && stanza.attrs.type === undefined);

    await ginaA.request(command('block', 'frank@localhost', 'hank@localhost'));
    for (const resource of ['gina@localhost/a', 'gina@localhost/b']) {
      await frank.receive((stanza) => stanza.is('presence') && stanza.attrs.from === resource && stanza.attrs.type === 'unavailable');
    }

    // While he is blocked, her presence changes do not reach him (§3.3).
    frank.received.length = 0;
    await ginaA.send(xml('presence', {}, xml('show', {}, 'away'), xml('status', {}, 'in the garden')));
    await ginaA.receive((stanza) => stanza.is('presence') && stanza.attrs.from === 'gina@localhost/a' && stanza.getChildText('show') === 'away');
    await frank.request(xml('iq', { type: 'get', to: 'localhost' }, xml('ping', { xmlns: 'urn:xmpp:ping' })));
    expect(fromUser(frank.received, 'gina@').filter((stanza) => stanza.is('presence'))).to.have.length(0);

    await ginaB.request(command('unblock', 'frank@localhost', 'hank@localhost'));
    for (const resource of ['gina@localhost/a', 'gina@localhost/b']) {
      const back = await frank.receive((stanza) => stanza.is('presence') && stanza.attrs.from === resource && stanza.attrs.type === undefined);
      expect(back.getChildText('status')).to.equal('in the garden');
    }
    // hank never saw gina's presence, so neither her going nor her coming back is his business.
    expect(fromUser(hank.received, 'gina@').filter((stanza) => stanza.is('presence'))).to.have.length(0);
  });
});
