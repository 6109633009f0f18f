// The vCard size limit (XEP-0054 §3.2) through a real router and fake sessions: the limit is
// below the stanza limit only when configured so, which the integration node cannot show.
import { expect } from 'chai';
import { pino } from 'pino';
import { registerVCard } from '../../../src/im/vcard.js';
import type { VCardStore } from '../../../src/persistence/ports.js';
import { Router } from '../../../src/router/router.js';
import { xml } from '../../../src/xmpp/element.js';
import { fakeSession } from '../../helpers/fake-session.js';

function memoryStore(): VCardStore & { saved: Map<string, string> } {
  const saved = new Map<string, string>();
  return {
    saved,
    get: (username, domain) => Promise.resolve(saved.get(`${username}@${domain}`)),
    set: (username, domain, vcard) => {
      saved.set(`${username}@${domain}`, vcard);
      return Promise.resolve();
    },
  };
}

describe('vCard size limit', () => {
  it('stores a vCard of exactly maxBytes and refuses one byte more with not-acceptable', async () => {
    const router = new Router({ domain: 'localhost', accountExists: () => Promise.resolve(true), log: pino({ level: 'silent' }) });
    const store = memoryStore();
    const empty = String(xml('vCard', { xmlns: 'vcard-temp' }, xml('FN', {}, '')));
    registerVCard(router, { vcards: store, maxBytes: empty.length + 10 });
    const alice = fakeSession('alice@localhost/desk');
    router.bind(alice);

    await router.route(xml('iq', { type: 'set', id: 'fits', from: 'alice@localhost/desk' }, xml('vCard', { xmlns: 'vcard-temp' }, xml('FN', {}, '0123456789'))), alice);
    await router.route(xml('iq', { type: 'set', id: 'big', from: 'alice@localhost/desk' }, xml('vCard', { xmlns: 'vcard-temp' }, xml('FN', {}, '0123456789X'))), alice);

    expect(alice.delivered.map(String)).to.deep.equal([
      '<iq type="result" id="fits" to="alice@localhost/desk"/>',
      '<iq type="error" id="big" to="alice@localhost/desk" from="alice@localhost"><error type="modify"><not-acceptable xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/>'
        + `<text xmlns="urn:ietf:params:xml:ns:xmpp-stanzas" xml:lang="en">a vCard holds at most ${empty.length + 10} bytes</text></error></iq>`,
    ]);
    expect(store.saved.get('alice@localhost')).to.equal('<vCard xmlns="vcard-temp"><FN>0123456789</FN></vCard>');
  });
});
