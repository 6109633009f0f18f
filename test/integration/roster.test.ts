// Roster management (RFC 6121 §2) through xmpp.js: get, versioning, set, pushes, remove, errors.
import { expect } from 'chai';
import { xml } from '@xmpp/client';
import type { Element } from 'ltx';
import { connect, type TestClient } from '../helpers/clients.js';
import { useTestServer } from '../helpers/server.js';

const rosterGet = (ver?: string): Element => xml('iq', { type: 'get' }, xml('query', { xmlns: 'jabber:iq:roster', ver }));
const rosterSet = (item: Element): Element => xml('iq', { type: 'set' }, xml('query', { xmlns: 'jabber:iq:roster' }, item));

async function errorCondition(client: TestClient, iq: Element): Promise<string> {
  try {
    await client.request(iq);
  } catch (error) {
    return String((error as { condition?: string }).condition);
  }
  return 'no error';
}

describe('roster (RFC 6121 §2)', function () {
  const node = useTestServer({ roster: { maxItems: 2 } }, ['alice', 'bob']);
  const clients: TestClient[] = [];

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.stop()));
  });

  async function alice(resource: string): Promise<TestClient> {
    const client = await connect({ service: `xmpp://localhost:${node().server.ports.c2s}`, username: 'alice', resource });
    clients.push(client);
    return client;
  }

  it('alice adds, renames and removes a contact; both her interested resources get every push', async () => {
    const laptop = await alice('laptop');
    const phone = await alice('phone');
    const empty = await laptop.request(rosterGet(''));
    expect(empty.getChild('query')?.attrs.ver).to.equal('0');
    expect(empty.getChild('query')?.getChildElements()).to.have.length(0);
    await phone.request(rosterGet());

    await laptop.request(rosterSet(xml('item', { jid: 'Bob@LocalHost', name: 'Bob' }, xml('group', {}, 'Friends'), xml('group', {}, 'Équipe'))));
    const pushed = await phone.receive((stanza) => stanza.is('iq') && stanza.attrs.type === 'set' && stanza.getChild('query')?.attrs.ver === '1');
    expect(String(pushed.getChild('query')?.getChild('item'))).to.equal(
      '<item jid="bob@localhost" name="Bob" subscription="none"><group>Friends</group><group>Équipe</group></item>');
    await laptop.receive((stanza) => stanza.is('iq') && stanza.getChild('query')?.attrs.ver === '1');

    const cached = await laptop.request(rosterGet('1'));
    expect(cached.getChild('query')).to.equal(undefined);
    const stale = await laptop.request(rosterGet('0'));
    expect(stale.getChild('query')?.getChildren('item').map((item) => String(item.attrs.jid))).to.deep.equal(['bob@localhost']);

    await laptop.request(rosterSet(xml('item', { jid: 'bob@localhost' })));
    const renamed = await phone.receive((stanza) => stanza.getChild('query')?.attrs.ver === '2');
    expect(String(renamed.getChild('query')?.getChild('item'))).to.equal('<item jid="bob@localhost" subscription="none"/>');

    await laptop.request(rosterSet(xml('item', { jid: 'bob@localhost', subscription: 'remove' })));
    const removed = await phone.receive((stanza) => stanza.getChild('query')?.attrs.ver === '3');
    expect(removed.getChild('query')?.getChild('item')?.attrs.subscription).to.equal('remove');
    const after = await laptop.request(rosterGet());
    expect(after.getChild('query')?.getChildElements()).to.have.length(0);
  });

  it('refuses bad roster sets with the RFC conditions', async () => {
    const client = await alice('errors');
    expect(await errorCondition(client, rosterSet(xml('item', { jid: 'nobody@localhost', subscription: 'remove' })))).to.equal('item-not-found');
    expect(await errorCondition(client, rosterSet(xml('item', { jid: 'carol@localhost/res' })))).to.equal('bad-request');
    expect(await errorCondition(client, rosterSet(xml('item', { jid: 'carol@localhost', subscription: 'both' })))).to.equal('bad-request');
    expect(await errorCondition(client, rosterSet(xml('item', { jid: 'carol@localhost' }, xml('group', {}, 'A'), xml('group', {}, 'A'))))).to.equal('bad-request');
    expect(await errorCondition(client, rosterSet(xml('item', { jid: 'carol@localhost' }, xml('group'))))).to.equal('not-acceptable');
    expect(await errorCondition(client, xml('iq', { type: 'get', to: 'bob@localhost' }, xml('query', { xmlns: 'jabber:iq:roster' })))).to.equal('forbidden');
  });

  it('enforces the roster size limit with not-allowed', async () => {
    const client = await alice('limit');
    await client.request(rosterSet(xml('item', { jid: 'one@localhost' })));
    await client.request(rosterSet(xml('item', { jid: 'two@localhost' })));
    expect(await errorCondition(client, rosterSet(xml('item', { jid: 'three@localhost' })))).to.equal('not-allowed');
    await client.request(rosterSet(xml('item', { jid: 'two@localhost', name: 'Two' })));
  });
});
