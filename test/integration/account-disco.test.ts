// Service discovery of accounts (XEP-0030 §3.1, §4.1, §8) through xmpp.js: what alice learns of
// her own account, what bob learns of it before and after she shares her presence with him.
import { expect } from 'chai';
import { xml } from '@xmpp/client';
import type { Element } from 'ltx';
import { connect, type TestClient } from '../helpers/clients.js';
import { errorCondition } from '../helpers/requests.js';
import { useTestServer } from '../helpers/server.js';

const DISCO_INFO = 'http://jabber.org/protocol/disco#info';
const DISCO_ITEMS = 'http://jabber.org/protocol/disco#items';

const infoGet = (to: string, node?: string): Element => xml('iq', { type: 'get', to }, xml('query', { xmlns: DISCO_INFO, node }));
const itemsGet = (to: string, node?: string): Element => xml('iq', { type: 'get', to }, xml('query', { xmlns: DISCO_ITEMS, node }));

function describeInfo(result: Element): { identities: string[]; features: string[] } {
  const query = result.getChild('query', DISCO_INFO);
  return {
    identities: query?.getChildren('identity').map((identity) => `${identity.attrs.category}/${identity.attrs.type}`) ?? [],
    features: query?.getChildren('feature').map((feature) => String(feature.attrs.var)) ?? [],
  };
}

describe('service discovery of accounts (XEP-0030)', function () {
  const node = useTestServer({}, ['alice', 'bob', 'carol']);
  const clients: TestClient[] = [];

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.stop()));
  });

  async function online(username: string): Promise<TestClient> {
    const client = await connect({ service: `xmpp://localhost:${node().server.ports.c2s}`, username, resource: 'desk' });
    clients.push(client);
    await client.request(xml('iq', { type: 'get' }, xml('query', { xmlns: 'jabber:iq:roster' })));
    await client.send(xml('presence'));
    return client;
  }

  it('alice discovers her own account: a registered account and what the server does for it', async () => {
    const alice = await online('alice');
    const { identities, features } = describeInfo(await alice.request(infoGet('alice@localhost')));
    expect(identities).to.deep.equal(['account/registered']);
    expect(features).to.include.members([DISCO_INFO, DISCO_ITEMS, 'jabber:iq:roster', 'vcard-temp', 'urn:xmpp:blocking', 'jabber:iq:register']);
    expect([...features].sort()).to.deep.equal(features);
    const items = await alice.request(itemsGet('alice@localhost'));
    expect(items.getChild('query', DISCO_ITEMS)?.getChildElements()).to.have.length(0);
  });

  it('bob, who alice does not share her presence with, learns nothing, as for an account that does not exist', async () => {
    const bob = await online('bob');
    expect(await errorCondition(bob, infoGet('alice@localhost'))).to.equal('service-unavailable');
    expect(await errorCondition(bob, infoGet('nobody@localhost'))).to.equal('service-unavailable');
    expect(await errorCondition(bob, infoGet('alice@localhost', 'some-node'))).to.equal('service-unavailable');
    const items = await bob.request(itemsGet('alice@localhost'));
    expect(items.getChild('query', DISCO_ITEMS)?.getChildElements()).to.have.length(0);
  });

  it('once carol lets bob see her presence, bob sees her account identity but not her feature list', async () => {
    const carol = await online('carol');
    const bob = await online('bob');
    await bob.send(xml('presence', { type: 'subscribe', to: 'carol@localhost' }));
    await carol.receive((stanza) => stanza.is('presence') && stanza.attrs.type === 'subscribe');
    await carol.send(xml('presence', { type: 'subscribed', to: 'bob@localhost' }));
    await carol.receive((stanza) => stanza.getChild('query', 'jabber:iq:roster')?.getChild('item')?.attrs.subscription === 'from');

    const { identities, features } = describeInfo(await bob.request(infoGet('carol@localhost')));
    expect(identities).to.deep.equal(['account/registered']);
    expect(features).to.deep.equal([DISCO_INFO, DISCO_ITEMS]);
    expect(await errorCondition(bob, infoGet('carol@localhost', 'some-node'))).to.equal('item-not-found');
    // Sharing is one way: carol has not subscribed to bob, so bob's account stays closed to her.
    expect(await errorCondition(carol, infoGet('bob@localhost'))).to.equal('service-unavailable');
  });
});
