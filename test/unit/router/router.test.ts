// The router end to end without sockets: addressing, stamping of errors, handlers, conflicts.
import { expect } from 'chai';
import { pino } from 'pino';
import { Router } from '../../../src/router/router.js';
import { xml } from '../../../src/xmpp/element.js';
import { Jid } from '../../../src/xmpp/jid.js';
import { NS } from '../../../src/xmpp/namespaces.js';
import { fakeSession } from '../../helpers/fake-session.js';

function newRouter(accounts: string[] = ['alice', 'bob']): Router {
  return new Router({
    domain: 'localhost',
    accountExists: (username) => Promise.resolve(accounts.includes(username)),
    log: pino({ level: 'silent' }),
  });
}

describe('Router', () => {
  it('delivers a message to a bound full JID', async () => {
    const router = newRouter();
    const bob = fakeSession('bob@localhost/phone');
    router.bind(bob);
    await router.route(xml('message', { from: 'alice@localhost/a', to: 'bob@localhost/phone', type: 'chat' }, xml('body', {}, 'hi')));
    expect(bob.delivered.map(String)).to.deep.equal(['<message from="alice@localhost/a" to="bob@localhost/phone" type="chat"><body>hi</body></message>']);
  });

  it('a second bind of the same full JID closes the first with conflict', () => {
    const router = newRouter();
    const first = fakeSession('bob@localhost/phone');
    const second = fakeSession('bob@localhost/phone');
    router.bind(first);
    const result = router.bind(second);
    expect(result.replaced).to.equal(first);
    expect(first.closedWith?.condition).to.equal('conflict');
    expect(router.sessions.getFull(second.jid)).to.equal(second);
  });

  it('bounces to the sender with the addresses swapped and the payload kept', async () => {
    const router = newRouter();
    const alice = fakeSession('alice@localhost/a');
    router.bind(alice);
    await router.route(xml('message', { from: 'alice@localhost/a', to: 'ghost@localhost', id: 'x' }, xml('body', {}, 'boo')));
    const bounce = alice.delivered[0];
    expect(bounce?.attrs).to.include({ type: 'error', from: 'ghost@localhost', to: 'alice@localhost/a', id: 'x' });
    expect(bounce?.getChildText('body')).to.equal('boo');
    expect(bounce?.getChild('error')?.getChild('service-unavailable', NS.stanzas)).to.not.equal(undefined);
  });

  it('answers an iq to the server through its handler, and service-unavailable without one', async () => {
    const router = newRouter();
    const alice = fakeSession('alice@localhost/a');
    router.bind(alice);
    router.handlers.onIq('get', 'host', 'urn:example:echo', (_iq, payload) => ({ type: 'result', payload: xml('echo', { xmlns: 'urn:example:echo' }, payload.getText()) }));
    await router.route(xml('iq', { from: 'alice@localhost/a', to: 'localhost', type: 'get', id: '1' }, xml('echo', { xmlns: 'urn:example:echo' }, 'ping')));
    await router.route(xml('iq', { from: 'alice@localhost/a', to: 'localhost', type: 'get', id: '2' }, xml('nothing', { xmlns: 'urn:example:none' })));
    expect(String(alice.delivered[0])).to.equal('<iq type="result" id="1" from="localhost" to="alice@localhost/a"><echo xmlns="urn:example:echo">ping</echo></iq>');
    expect(alice.delivered[1]?.getChild('error')?.getChild('service-unavailable', NS.stanzas)).to.not.equal(undefined);
  });

  it('turns a handler that throws into internal-server-error', async () => {
    const router = newRouter();
    const alice = fakeSession('alice@localhost/a');
    router.bind(alice);
    router.handlers.onIq('get', 'host', 'urn:example:bug', () => {
      throw new Error('bug');
    });
    await router.route(xml('iq', { from: 'alice@localhost/a', to: 'localhost', type: 'get', id: '3' }, xml('q', { xmlns: 'urn:example:bug' })));
    expect(alice.delivered[0]?.getChild('error')?.getChild('internal-server-error', NS.stanzas)).to.not.equal(undefined);
  });

  it('refuses a foreign domain with remote-server-not-found until federation exists', async () => {
    const router = newRouter();
    const alice = fakeSession('alice@localhost/a');
    router.bind(alice);
    await router.route(xml('message', { from: 'alice@localhost/a', to: 'juliet@example.org', id: 'r' }, xml('body', {}, 'hi')));
    expect(alice.delivered[0]?.getChild('error')?.getChild('remote-server-not-found', NS.stanzas)).to.not.equal(undefined);
  });

  it('hands stanzas for a component domain to the component', async () => {
    const router = newRouter();
    const received: string[] = [];
    router.registerComponent({ kind: 'component', domain: 'conference.localhost', deliver: (stanza) => received.push(String(stanza.attrs.to)) });
    await router.route(xml('presence', { from: 'alice@localhost/a', to: 'room@conference.localhost/alice' }));
    expect(received).to.deep.equal(['room@conference.localhost/alice']);
  });

  it('never bounces an error, so two routers cannot ping-pong', async () => {
    const router = newRouter();
    const alice = fakeSession('alice@localhost/a');
    router.bind(alice);
    await router.route(xml('message', { from: 'alice@localhost/a', to: 'ghost@localhost', type: 'error' }));
    expect(alice.delivered).to.deep.equal([]);
  });

  describe('routeParsed (a component\'s fan-out, addresses already parsed)', () => {
    const room = Jid.parse('room@conference.localhost/Alice');
    const groupchat = (to: string): ReturnType<typeof xml> => xml('message', { from: room.toString(), to, type: 'groupchat' }, xml('body', {}, 'hi'));

    it('delivers to a bound full JID at once, before any await', () => {
      const router = newRouter();
      const bob = fakeSession('bob@localhost/phone');
      router.bind(bob);
      router.routeParsed(groupchat('bob@localhost/phone'), room, Jid.parse('bob@localhost/phone'));
      expect(bob.delivered).to.have.length(1);
    });

    it('applies the inbound filters: a dropped stanza reaches nobody', () => {
      const router = newRouter();
      const bob = fakeSession('bob@localhost/phone');
      router.bind(bob);
      router.addInboundFilter(() => 'drop');
      router.routeParsed(groupchat('bob@localhost/phone'), room, Jid.parse('bob@localhost/phone'));
      expect(bob.delivered).to.have.length(0);
    });

    it('falls back to the general path when a filter has to wait, and still delivers', async () => {
      const router = newRouter();
      const bob = fakeSession('bob@localhost/phone');
      router.bind(bob);
      router.addInboundFilter(() => Promise.resolve('pass' as const));
      router.routeParsed(groupchat('bob@localhost/phone'), room, Jid.parse('bob@localhost/phone'));
      expect(bob.delivered).to.have.length(0);
      await new Promise((resolve) => setImmediate(resolve));
      expect(bob.delivered).to.have.length(1);
    });

    it('takes the general path for a session that is gone: the room gets service-unavailable', async () => {
      const router = newRouter();
      const delivered: string[] = [];
      router.registerComponent({ kind: 'component', domain: 'conference.localhost', deliver: (stanza) => delivered.push(String(stanza.attrs.type)) });
      router.routeParsed(groupchat('bob@localhost/gone'), room, Jid.parse('bob@localhost/gone'));
      await new Promise((resolve) => setImmediate(resolve));
      expect(delivered).to.deep.equal(['error']);
    });
  });
});
