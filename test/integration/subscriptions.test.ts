// Presence subscriptions and presence (RFC 6121 §3, §4) through xmpp.js: the whole dance between
// two users, pending requests kept for an offline user, pre-approval, broadcast to two
// resources, probes at login, directed presence, and unavailable when a session ends.
import { expect } from 'chai';
import { xml } from '@xmpp/client';
import type { Element } from 'ltx';
import { connect, type TestClient } from '../helpers/clients.js';
import { RawClient } from '../helpers/raw-client.js';
import { PASSWORD, useTestServer } from '../helpers/server.js';

const rosterGet = (): Element => xml('iq', { type: 'get' }, xml('query', { xmlns: 'jabber:iq:roster' }));

function isPresence(type: string | undefined, from: string): (stanza: Element) => boolean {
  return (stanza) => stanza.is('presence') && stanza.attrs.type === type && String(stanza.attrs.from).startsWith(from);
}

function isPush(jid: string, subscription: string, ask?: string): (stanza: Element) => boolean {
  return (stanza) => {
    const item = stanza.is('iq') && stanza.attrs.type === 'set' ? stanza.getChild('query', 'jabber:iq:roster')?.getChild('item') : undefined;
    return item?.attrs.jid === jid && item.attrs.subscription === subscription && item.attrs.ask === ask;
  };
}

describe('presence subscriptions and presence (RFC 6121 §3, §4)', function () {
  const node = useTestServer({ streamManagement: { resumeTimeoutMs: 1500 } },
    ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'gina', 'hank', 'ivan', 'judy']);
  const clients: TestClient[] = [];

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.stop()));
  });

  /** Logs in, fetches the roster (to get pushes) and sends initial presence. */
  async function online(username: string, resource = 'desk', presence: Element = xml('presence')): Promise<TestClient> {
    const client = await connect({ service: `xmpp://localhost:${node().server.ports.c2s}`, username, resource });
    clients.push(client);
    await client.request(rosterGet());
    await client.send(presence);
    return client;
  }

  it('alice and bob subscribe to each other, see each other, and alice cancels', async () => {
    const alice = await online('alice');
    const bob = await online('bob');

    await alice.send(xml('presence', { type: 'subscribe', to: 'bob@localhost' }));
    await alice.receive(isPush('bob@localhost', 'none', 'subscribe'));
    const request = await bob.receive(isPresence('subscribe', 'alice@localhost'));
    expect(request.attrs.from).to.equal('alice@localhost');

    await bob.send(xml('presence', { type: 'subscribed', to: 'alice@localhost' }));
    await bob.receive(isPush('alice@localhost', 'from'));
    await alice.receive(isPresence('subscribed', 'bob@localhost'));
    await alice.receive(isPush('bob@localhost', 'to'));
    // §3.1.5: once approved, bob's server sends bob's current presence to alice.
    await alice.receive(isPresence(undefined, 'bob@localhost/desk'));

    await bob.send(xml('presence', { type: 'subscribe', to: 'alice@localhost' }));
    await alice.receive(isPresence('subscribe', 'bob@localhost'));
    await alice.send(xml('presence', { type: 'subscribed', to: 'bob@localhost' }));
    await alice.receive(isPush('bob@localhost', 'both'));
    await bob.receive(isPush('alice@localhost', 'both'));
    await bob.receive(isPresence(undefined, 'alice@localhost/desk'));

    const roster = await alice.request(rosterGet());
    expect(String(roster.getChild('query')?.getChild('item'))).to.equal('<item jid="bob@localhost" subscription="both"/>');

    await alice.send(xml('presence', {}, xml('show', {}, 'away'), xml('status', {}, 'lunch')));
    const away = await bob.receive((stanza) => stanza.is('presence') && stanza.getChildText('status') === 'lunch');
    expect(away.attrs.from).to.equal('alice@localhost/desk');
    expect(away.getChildText('show')).to.equal('away');

    bob.received.length = 0;
    await alice.send(xml('presence', { type: 'unsubscribe', to: 'bob@localhost' }));
    await alice.receive(isPush('bob@localhost', 'from'));
    await bob.receive(isPresence('unsubscribe', 'alice@localhost'));
    await bob.receive(isPush('alice@localhost', 'to'));
    // §3.3.3: bob stops sharing his presence with alice, who no longer sees it.
    await alice.receive(isPresence('unavailable', 'bob@localhost/desk'));

    // Bob still sees alice until he cancels too; then neither sees the other.
    await bob.send(xml('presence', { type: 'unsubscribe', to: 'alice@localhost' }));
    await bob.receive(isPush('alice@localhost', 'none'));
    await alice.receive(isPush('bob@localhost', 'none'));
    await bob.receive(isPresence('unavailable', 'alice@localhost/desk'));
  });

  it('a request to an offline user waits for her next login; her answer reaches the requester', async () => {
    const dave = await online('dave');
    await dave.send(xml('presence', { type: 'subscribe', to: 'carol@localhost' }));
    await dave.receive(isPush('carol@localhost', 'none', 'subscribe'));

    const carol = await online('carol');
    const request = await carol.receive(isPresence('subscribe', 'dave@localhost'));
    expect(request.attrs.to).to.equal('carol@localhost');
    // The requester is not in carol's roster until she answers (RFC 6121 §3.1.3).
    const before = await carol.request(rosterGet());
    expect(before.getChild('query')?.getChildElements()).to.have.length(0);

    await carol.send(xml('presence', { type: 'subscribed', to: 'dave@localhost' }));
    await dave.receive(isPush('carol@localhost', 'to'));
    await dave.receive(isPresence(undefined, 'carol@localhost/desk'));
    const after = await carol.request(rosterGet());
    expect(String(after.getChild('query')?.getChild('item'))).to.equal('<item jid="dave@localhost" subscription="from"/>');
  });

  it('a pre-approved subscription is granted without asking the user (§3.4)', async () => {
    const erin = await online('erin');
    const frank = await online('frank');
    await erin.send(xml('presence', { type: 'subscribed', to: 'frank@localhost' }));
    const preApproved = await erin.receive((stanza) => stanza.getChild('query')?.getChild('item')?.attrs.approved === 'true');
    expect(preApproved.getChild('query')?.getChild('item')?.attrs.subscription).to.equal('none');
    expect(frank.received.some(isPresence('subscribed', 'erin@localhost'))).to.equal(false);

    await frank.send(xml('presence', { type: 'subscribe', to: 'erin@localhost' }));
    await frank.receive(isPresence('subscribed', 'erin@localhost'));
    await frank.receive(isPush('erin@localhost', 'to'));
    await erin.receive(isPush('frank@localhost', 'from'));
    expect(erin.received.some(isPresence('subscribe', 'frank@localhost'))).to.equal(false);
  });

  it('presence reaches both of a subscriber\'s resources; a new resource is told by probe; a lost session sends unavailable', async () => {
    const gina = await online('gina', 'desk');
    const hankLaptop = await online('hank', 'laptop');
    await gina.send(xml('presence', { type: 'subscribe', to: 'hank@localhost' }));
    await hankLaptop.receive(isPresence('subscribe', 'gina@localhost'));
    await hankLaptop.send(xml('presence', { type: 'subscribed', to: 'gina@localhost' }));
    await hankLaptop.send(xml('presence', { type: 'subscribe', to: 'gina@localhost' }));
    await gina.receive(isPresence('subscribe', 'hank@localhost'));
    await gina.send(xml('presence', { type: 'subscribed', to: 'hank@localhost' }));
    await gina.receive(isPush('hank@localhost', 'both'));

    // The probe sent with hank's initial presence on his phone brings gina's current presence.
    const hankPhone = await online('hank', 'phone');
    await hankPhone.receive(isPresence(undefined, 'gina@localhost/desk'));
    await gina.receive(isPresence(undefined, 'hank@localhost/phone'));

    await gina.send(xml('presence', {}, xml('status', {}, 'in a meeting')));
    for (const hank of [hankLaptop, hankPhone]) {
      const seen = await hank.receive((stanza) => stanza.is('presence') && stanza.getChildText('status') === 'in a meeting');
      expect(seen.attrs.from).to.equal('gina@localhost/desk');
    }

    // A client without stream management whose TCP connection dies: unavailable right away.
    const raw = await RawClient.connect(node().server.ports.c2s);
    await raw.login('gina', PASSWORD, 'tablet');
    raw.send('<presence/>');
    await hankPhone.receive(isPresence(undefined, 'gina@localhost/tablet'));
    raw.destroy();
    await hankPhone.receive(isPresence('unavailable', 'gina@localhost/tablet'));
    await hankLaptop.receive(isPresence('unavailable', 'gina@localhost/tablet'));

    // xmpp.js enables resumable stream management: unavailable once the resumption window (1.5 s) has passed.
    const startedAt = Date.now();
    gina.cut();
    await hankPhone.receive(isPresence('unavailable', 'gina@localhost/desk'), 5000);
    expect(Date.now() - startedAt).to.be.greaterThan(1000);
  });

  it('a session replaced by a new login on the same resource (<conflict/>) is seen to go, then the new one to come', async () => {
    const ivan = await online('ivan', 'conflict');
    const judy = await online('judy', 'conflict');
    await ivan.send(xml('presence', { type: 'subscribe', to: 'judy@localhost' }));
    await judy.receive(isPresence('subscribe', 'ivan@localhost'));
    await judy.send(xml('presence', { type: 'subscribed', to: 'ivan@localhost' }));
    await ivan.receive(isPresence(undefined, 'judy@localhost/conflict'));
    judy.received.length = 0;
    await ivan.send(xml('presence', { type: 'subscribed', to: 'judy@localhost' }));
    await judy.send(xml('presence', { type: 'subscribe', to: 'ivan@localhost' }));
    await judy.receive(isPresence(undefined, 'ivan@localhost/conflict'));

    judy.received.length = 0;
    await online('ivan', 'conflict', xml('presence', {}, xml('status', {}, 'second login')));
    await judy.receive(isPresence('unavailable', 'ivan@localhost/conflict'));
    const back = await judy.receive((stanza) => stanza.is('presence') && stanza.getChildText('status') === 'second login');
    expect(back.attrs.from).to.equal('ivan@localhost/conflict');
  });

  it('directed presence is withdrawn with unavailable when the session ends', async () => {
    const alice = await online('alice', 'directed');
    const bob = await online('bob', 'directed');
    await alice.send(xml('presence', { to: 'bob@localhost/directed' }, xml('status', {}, 'just for you')));
    await bob.receive((stanza) => stanza.is('presence') && stanza.getChildText('status') === 'just for you');
    await alice.stop();
    await bob.receive(isPresence('unavailable', 'alice@localhost/directed'));
  });

  it('a request to an account that does not exist is answered with unsubscribed (§3.1.3)', async () => {
    const alice = await online('alice', 'ghost');
    await alice.send(xml('presence', { type: 'subscribe', to: 'nobody@localhost' }));
    await alice.receive(isPresence('unsubscribed', 'nobody@localhost'));
    // The roster keeps the contact she added, without a pending request.
    await alice.receive(isPush('nobody@localhost', 'none'));
    const roster = await alice.request(rosterGet());
    const item = roster.getChild('query')?.getChildren('item').find((candidate) => candidate.attrs.jid === 'nobody@localhost');
    expect(item?.attrs.ask).to.equal(undefined);
  });

  it('a probe from a non-subscriber reveals nothing', async () => {
    const carol = await online('carol', 'probe');
    const erin = await online('erin', 'probe');
    await erin.send(xml('presence', { type: 'probe', to: 'carol@localhost' }));
    await carol.request(rosterGet());
    await erin.request(xml('iq', { type: 'get', to: 'localhost' }, xml('ping', { xmlns: 'urn:xmpp:ping' })));
    expect(erin.received.some((stanza) => stanza.is('presence') && String(stanza.attrs.from).startsWith('carol@'))).to.equal(false);
  });
});
