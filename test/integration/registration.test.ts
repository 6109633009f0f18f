// XEP-0077 in-band registration: off by default; when on, only over TLS, and the new account
// logs in with a real client.
import { expect } from 'chai';
import { xml } from '@xmpp/client';
import { connect } from '../helpers/clients.js';
import { RawClient, STREAM_HEADER } from '../helpers/raw-client.js';
import { useTestServer, type TestServer } from '../helpers/server.js';

async function registrationStream(node: TestServer): Promise<{ client: RawClient; features: string }> {
  const client = await RawClient.connect(node.server.ports.c2s);
  await client.startTls();
  client.send(STREAM_HEADER);
  const features = await client.waitFor(/<\/stream:features>/);
  client.clear();
  return { client, features };
}

describe('in-band registration (XEP-0077)', function () {
  describe('when enabled', () => {
    const node = useTestServer({ registration: { enabled: true } }, ['taken']);

    it('offers the feature after STARTTLS, gives the form, creates the account, refuses a taken name', async () => {
      const { client, features } = await registrationStream(node());
      try {
        expect(features).to.include('<register xmlns="http://jabber.org/features/iq-register"/>');
        client.send("<iq type='get' id='r1'><query xmlns='jabber:iq:register'/></iq>");
        const form = await client.waitFor(/id="r1"[\s\S]*<\/iq>/);
        expect(form).to.include('<username/>').and.include('<password/>');
        client.send("<iq type='set' id='r2'><query xmlns='jabber:iq:register'><username>Newbie</username><password>fresh-pass</password></query></iq>");
        expect(await client.waitFor(/id="r2"/)).to.match(/<iq type="result" id="r2"/);
        client.send("<iq type='set' id='r3'><query xmlns='jabber:iq:register'><username>taken</username><password>x</password></query></iq>");
        expect(await client.waitFor(/id="r3"[\s\S]*<\/iq>/)).to.include('<conflict xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/>');
        client.send("<iq type='set' id='r4'><query xmlns='jabber:iq:register'><username>a b</username><password>x</password></query></iq>");
        expect(await client.waitFor(/id="r4"[\s\S]*<\/iq>/)).to.include('<not-acceptable xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/>');
      } finally {
        client.destroy();
      }
      const newbie = await connect({ service: `xmpp://localhost:${node().server.ports.c2s}`, username: 'newbie', password: 'fresh-pass' });
      const pong = await newbie.request(xml('iq', { type: 'get', to: 'localhost' }, xml('ping', { xmlns: 'urn:xmpp:ping' })));
      expect(pong.attrs.type).to.equal('result');
      await newbie.stop();
    });
  });

  describe('by default', () => {
    const node = useTestServer();

    it('is neither offered nor accepted', async () => {
      const { client, features } = await registrationStream(node());
      try {
        expect(features).to.not.include('iq-register');
        client.send("<iq type='set' id='r1'><query xmlns='jabber:iq:register'><username>x</username><password>y</password></query></iq>");
        expect(await client.waitFor(/<\/stream:stream>/)).to.include('<not-authorized');
        expect(await node().server.storage.accounts.get('x', 'localhost')).to.equal(undefined);
      } finally {
        client.destroy();
      }
    });
  });
});
