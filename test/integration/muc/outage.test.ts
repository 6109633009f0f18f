// The external database goes away under a persistent room (issue 5, DESIGN §8): messages that
// cannot be archived are refused with a retryable error and reach nobody, nothing crashes, and
// once the database is back the room carries on with every acknowledged message in its archive.
import { expect } from 'chai';
import { xml } from '@xmpp/client';
import { connect, type TestClient } from '../../helpers/clients.js';
import { MAM, createRoom, errorConditionOf, groupchat, isGroupchat, joinFully, roomJid } from '../../helpers/muc.js';
import { startPostgres, type ThrowawayPostgres } from '../../helpers/postgres.js';
import { startTestServer, type TestServer } from '../../helpers/server.js';
import { sleep } from '../../helpers/wait.js';

describe('MUC: the external database goes away and comes back', function () {
  this.timeout(60_000);
  let postgres: ThrowawayPostgres;
  let node: TestServer;
  const clients: TestClient[] = [];

  before(async () => {
    postgres = await startPostgres();
    const { host, port, user, database } = postgres;
    node = await startTestServer({ storage: { type: 'postgres', host, port, user, database, connectTimeoutMs: 1000, statementTimeoutMs: 2000 } });
    for (const name of ['alice', 'bob']) await node.addUser(name);
  });

  after(async () => {
    await Promise.all(clients.splice(0).map((client) => client.stop()));
    await node.stop();
    await postgres.stop();
  });

  async function login(username: string): Promise<TestClient> {
    const client = await connect({ service: `xmpp://localhost:${node.server.ports.c2s}`, username, resource: 'desk' });
    clients.push(client);
    return client;
  }

  it('a message the archive cannot take is refused with a wait error; after recovery nothing acknowledged is missing', async () => {
    const room = roomJid('resilient');
    const alice = await login('alice');
    const bob = await login('bob');
    await createRoom(alice, room, 'Alice', { 'muc#roomconfig_persistentroom': '1' });
    await joinFully(bob, room, 'Bob');
    await alice.send(groupchat(room, 'before the outage'));
    await bob.receive(isGroupchat(room, 'before the outage'));

    await postgres.interrupt();
    await alice.send(groupchat(room, 'during the outage', 'lost-1'));
    const refused = await alice.receive((stanza) => stanza.attrs.id === 'lost-1' && stanza.attrs.type === 'error', 15_000);
    expect(errorConditionOf(refused)).to.equal('resource-constraint');
    expect(refused.getChild('error')?.attrs.type).to.equal('wait');

    await postgres.resume();
    // The first attempts may still meet connections the outage broke; a client retries a wait error.
    for (let attempt = 1; !alice.received.some(isGroupchat(room, 'after the outage')); attempt += 1) {
      expect(attempt, 'the room did not recover').to.be.below(40);
      const id = `retry-${attempt}`;
      await alice.send(groupchat(room, 'after the outage', id));
      await alice.receive((stanza) => stanza.attrs.id === id, 10_000);
      if (!alice.received.some(isGroupchat(room, 'after the outage'))) await sleep(500);
    }
    await bob.receive(isGroupchat(room, 'after the outage'));
    expect(bob.received.filter(isGroupchat(room, 'during the outage'))).to.have.length(0);

    const before = bob.received.length;
    await bob.request(xml('iq', { type: 'set', to: room }, xml('query', { xmlns: MAM, queryid: 'all' })));
    const archived = bob.received.slice(before).filter((stanza) => stanza.getChild('result', MAM) !== undefined)
      .map((stanza) => stanza.getChild('result', MAM)?.getChild('forwarded', 'urn:xmpp:forward:0')?.getChild('message')?.getChildText('body'));
    expect(archived[0]).to.equal('before the outage');
    expect(archived).to.not.include('during the outage');
    expect(archived).to.include('after the outage');
  });
});
