// vcard-temp (XEP-0054) through xmpp.js: alice publishes her vCard, reads it back, bob views it,
// and what neither may do.
import { expect } from 'chai';
import { xml } from '@xmpp/client';
import type { Element } from 'ltx';
import { useClients } from '../helpers/clients.js';
import { errorCondition } from '../helpers/requests.js';
import { useTestServer } from '../helpers/server.js';

const vcardGet = (to?: string): Element => xml('iq', { type: 'get', to }, xml('vCard', { xmlns: 'vcard-temp' }));
const vcardSet = (vcard: Element, to?: string): Element => xml('iq', { type: 'set', to }, vcard);

describe('vcard-temp (XEP-0054)', function () {
  const node = useTestServer({}, ['alice', 'bob', 'carol']);
  const login = useClients(node);

  it('the server advertises vcard-temp (§4)', async () => {
    const alice = await login('alice');
    const info = await alice.request(xml('iq', { type: 'get', to: 'localhost' }, xml('query', { xmlns: 'http://jabber.org/protocol/disco#info' })));
    const features = info.getChild('query')?.getChildren('feature').map((feature) => String(feature.attrs.var));
    expect(features).to.include('vcard-temp');
  });

  it('carol has no vCard yet: she gets an empty one, bob gets service-unavailable', async () => {
    const carol = await login('carol');
    const bob = await login('bob');
    const own = await carol.request(vcardGet());
    expect(String(own.getChild('vCard'))).to.equal('<vCard xmlns="vcard-temp"/>');
    expect(await errorCondition(bob, vcardGet('carol@localhost'))).to.equal('service-unavailable');
    expect(await errorCondition(bob, vcardGet('nobody@localhost'))).to.equal('service-unavailable');
  });

  it('alice publishes her vCard, reads it back as sent, bob views it at her bare JID, and a new one replaces it whole', async () => {
    const alice = await login('alice', 'laptop');
    const bob = await login('bob');
    const card = xml('vCard', { xmlns: 'vcard-temp' },
      xml('FN', {}, 'Alice Liddell'),
      xml('N', {}, xml('FAMILY', {}, 'Liddell'), xml('GIVEN', {}, 'Alice'), xml('MIDDLE')),
      xml('NICKNAME', {}, 'Ally & <co>'),
      xml('PHOTO', {}, xml('TYPE', {}, 'image/png'), xml('BINVAL', {}, 'iVBORw0KGgo=')));
    const stored = await alice.request(vcardSet(card));
    expect(stored.attrs.type).to.equal('result');

    const own = await alice.request(vcardGet());
    expect(String(own.getChild('vCard'))).to.equal(String(card));
    const viewed = await bob.request(vcardGet('alice@localhost'));
    expect(viewed.attrs.from).to.equal('alice@localhost');
    expect(String(viewed.getChild('vCard'))).to.equal(String(card));

    await alice.request(vcardSet(xml('vCard', { xmlns: 'vcard-temp' }, xml('FN', {}, 'Alice')), 'alice@localhost'));
    const replaced = await bob.request(vcardGet('alice@localhost'));
    expect(String(replaced.getChild('vCard'))).to.equal('<vCard xmlns="vcard-temp"><FN>Alice</FN></vCard>');
    expect(await node().server.storage.vcards.get('alice', 'localhost')).to.equal('<vCard xmlns="vcard-temp"><FN>Alice</FN></vCard>');
  });

  it('bob may not set alice\'s vCard, and a payload that is not a <vCard/> is a bad request', async () => {
    const bob = await login('bob');
    const before = await node().server.storage.vcards.get('alice', 'localhost');
    expect(await errorCondition(bob, vcardSet(xml('vCard', { xmlns: 'vcard-temp' }, xml('FN', {}, 'Mallory')), 'alice@localhost'))).to.equal('forbidden');
    expect(await node().server.storage.vcards.get('alice', 'localhost')).to.equal(before);
    expect(await errorCondition(bob, vcardSet(xml('card', { xmlns: 'vcard-temp' })))).to.equal('bad-request');
    expect(await errorCondition(bob, xml('iq', { type: 'get' }, xml('card', { xmlns: 'vcard-temp' })))).to.equal('bad-request');
  });
});
