// Server-to-client pings for dead-connection detection (XEP-0199 §4.3; an XEP-0198 request
// when the client acknowledges stanzas): a silent client is pinged, and closed if it stays silent.
import { expect } from 'chai';
import { RawClient } from '../helpers/raw-client.js';
import { PASSWORD, useTestServer } from '../helpers/server.js';

describe('keepalive pings', function () {
  const node = useTestServer({ keepalive: { pingIntervalMs: 300, pingTimeoutMs: 300 } }, ['alice']);

  it('pings a silent client and closes its stream with connection-timeout when it does not answer', async () => {
    const raw = await RawClient.connect(node().server.ports.c2s);
    await raw.login('alice', PASSWORD, 'silent');
    const ping = await raw.waitFor(/<ping xmlns="urn:xmpp:ping"\/><\/iq>/, 2000);
    expect(ping).to.match(/<iq type="get" id="ping-[^"]+" from="localhost" to="alice@localhost\/silent"/);
    await raw.waitFor(/<connection-timeout/, 2000);
    await raw.closed;
  });

  it('keeps a client that answers its pings', async () => {
    const raw = await RawClient.connect(node().server.ports.c2s);
    await raw.login('alice', PASSWORD, 'lively');
    for (let round = 0; round < 3; round += 1) {
      const text = await raw.waitFor(/<ping xmlns="urn:xmpp:ping"\/><\/iq>/, 2000);
      const id = /id="(ping-[^"]+)"/.exec(text)?.[1] ?? '';
      raw.clear();
      raw.send(`<iq type='result' id='${id}' to='localhost'/>`);
    }
    expect(raw.isOpen).to.equal(true);
    raw.destroy();
  });

  it('asks a client that acknowledges stanzas with an XEP-0198 request instead', async () => {
    const raw = await RawClient.connect(node().server.ports.c2s);
    await raw.login('alice', PASSWORD, 'managed');
    raw.send("<enable xmlns='urn:xmpp:sm:3'/>");
    await raw.waitFor(/<enabled/);
    raw.clear();
    await raw.waitFor(/<r xmlns="urn:xmpp:sm:3"\/>/, 2000);
    raw.send("<a xmlns='urn:xmpp:sm:3' h='0'/>");
    raw.clear();
    await raw.waitFor(/<r xmlns="urn:xmpp:sm:3"\/>/, 2000);
    expect(raw.received).to.not.match(/<ping/);
    raw.destroy();
  });
});
