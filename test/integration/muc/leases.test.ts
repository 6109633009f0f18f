// The alias lease (DESIGN §5) as a client sees it: while another node holds the primary alias,
// this node neither creates nor serves rooms there (a wait error), its own alias works; once the
// other node lets the lease go, this node takes it within a renewal period and serves the rooms.
import { expect } from 'chai';
import { xml } from '@xmpp/client';
import { connect, type TestClient } from '../../helpers/clients.js';
import { createRoom, errorConditionOf, joinPresence } from '../../helpers/muc.js';
import { startPostgres, type ThrowawayPostgres } from '../../helpers/postgres.js';
import { startTestServer, type TestServer } from '../../helpers/server.js';
import { createLogger } from '../../../src/logging.js';
import { openTextConferenceDatabase } from '../../../src/persistence/open-storage.js';
import type { Fence, TextConferenceDatabase } from '../../../src/persistence/ports.js';
import { configSchema, type StorageConfig } from '../../../src/config/schema.js';

function storageSchemaDefaults(storage: Record<string, unknown>): StorageConfig {
  return configSchema.parse({ storage }).storage;
}

describe('MUC: the alias lease decides which node serves an alias', function () {
  this.timeout(60_000);
  let postgres: ThrowawayPostgres;
  let node: TestServer | undefined;
  let otherNode: TextConferenceDatabase | undefined;
  const clients: TestClient[] = [];

  before(async () => {
    postgres = await startPostgres();
  });

  after(async () => {
    await Promise.all(clients.splice(0).map((client) => client.stop()));
    await node?.stop();
    await otherNode?.close();
    await postgres.stop();
  });

  it('node2 holds conference.localhost: node1 refuses its rooms with a wait error until node2 releases it', async () => {
    const { host, port, user, database } = postgres;
    const storage = { type: 'postgres' as const, host, port, user, database };
    otherNode = await openTextConferenceDatabase(storageSchemaDefaults(storage), createLogger('silent'));
    const lease = await otherNode.textConference.leases.acquire('conference.localhost', 'node2', 600_000);
    expect(lease).to.not.equal(undefined);

    node = await startTestServer({ storage, node: { name: 'node1' }, muc: { leaseTtlMs: 1500 } });
    await node.addUser('alice');
    const alice = await connect({ service: `xmpp://localhost:${node.server.ports.c2s}`, username: 'alice', resource: 'desk' });
    clients.push(alice);

    await alice.send(joinPresence('hall@conference.localhost', 'Alice'));
    const refused = await alice.receive((stanza) => stanza.is('presence') && stanza.attrs.type === 'error');
    expect(errorConditionOf(refused)).to.equal('service-unavailable');
    expect(refused.getChild('error')?.attrs.type).to.equal('wait');
    await createRoom(alice, 'hall@conference-node1-standalonecluster.localhost', 'Alice');

    const fence: Fence = { alias: 'conference.localhost', node: 'node2', epoch: lease!.epoch };
    await otherNode.textConference.leases.release(fence);
    for (let attempt = 0; ; attempt += 1) {
      expect(attempt, 'node1 never took the lease').to.be.below(20);
      const current = await otherNode.textConference.leases.get('conference.localhost');
      if (current?.ownerNode === 'node1') {
        expect(current.epoch).to.be.above(lease!.epoch);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await createRoom(alice, 'hall@conference.localhost', 'Alice');
    const info = await alice.request(xml('iq', { type: 'get', to: 'hall@conference.localhost' }, xml('query', { xmlns: 'http://jabber.org/protocol/disco#info' })));
    expect(info.getChild('query')?.getChild('identity')?.attrs.category).to.equal('conference');
  });
});
