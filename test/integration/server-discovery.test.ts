// What a client learns about the server: disco#info features for everything it offers, and the
// XEP-0115 caps in stream features that name exactly that answer.
import { expect } from 'chai';
import { xml } from '@xmpp/client';
import { capsVerification } from '../../src/im/entity-caps.js';
import { connect } from '../helpers/clients.js';
import { RawClient, STREAM_HEADER } from '../helpers/raw-client.js';
import { useTestServer } from '../helpers/server.js';

describe('server discovery (XEP-0030, XEP-0115)', function () {
  const node = useTestServer({}, ['alice']);

  it('advertises caps in stream features whose node answers with the disco#info they hash', async () => {
    const raw = await RawClient.connect(node().server.ports.c2s);
    await raw.startTls();
    raw.send(STREAM_HEADER);
    const features = await raw.waitFor(/<\/stream:features>/);
    raw.destroy();
    const caps = /<c xmlns="http:\/\/jabber.org\/protocol\/caps" hash="sha-1" node="([^"]+)" ver="([^"]+)"\/>/.exec(features);
    expect(caps, features).to.not.equal(null);
    const [, capsNode, ver] = caps ?? [];

    const alice = await connect({ service: `xmpp://localhost:${node().server.ports.c2s}`, username: 'alice' });
    try {
      const plain = await alice.request(xml('iq', { type: 'get', to: 'localhost' }, xml('query', { xmlns: 'http://jabber.org/protocol/disco#info' })));
      const advertised = plain.getChild('query')?.getChildren('feature').map((feature) => String(feature.attrs.var)) ?? [];
      for (const feature of ['urn:xmpp:ping', 'jabber:iq:roster', 'urn:xmpp:carbons:2', 'urn:xmpp:blocking', 'vcard-temp', 'msgoffline', 'jabber:iq:version']) {
        expect(advertised).to.include(feature);
      }
      const answer = await alice.request(xml('iq', { type: 'get', to: 'localhost' },
        xml('query', { xmlns: 'http://jabber.org/protocol/disco#info', node: `${capsNode}#${ver}` })));
      const query = answer.getChild('query');
      expect(query?.attrs.node).to.equal(`${capsNode}#${ver}`);
      const identities = query?.getChildren('identity').map((identity) => ({
        category: String(identity.attrs.category), type: String(identity.attrs.type), name: identity.attrs.name as string | undefined,
      })) ?? [];
      expect(capsVerification(identities, query?.getChildren('feature').map((feature) => String(feature.attrs.var)) ?? [])).to.equal(ver);

      const unknown = await alice.request(xml('iq', { type: 'get', to: 'localhost' },
        xml('query', { xmlns: 'http://jabber.org/protocol/disco#info', node: `${capsNode}#stale` }))).then(() => 'result', () => 'error');
      expect(unknown).to.equal('error');
    } finally {
      await alice.stop();
    }
  });
});
