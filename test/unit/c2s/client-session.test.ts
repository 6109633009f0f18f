// A bound session apart from its stream (XEP-0198 §4, §5): acks, hibernation, resumption and what
// happens to unacknowledged stanzas. A real router, fake streams and sinon's clock; no sockets.
import { expect } from 'chai';
import { pino } from 'pino';
import sinon from 'sinon';
import { ClientSession, type SessionStream, type StreamManagementSettings } from '../../../src/c2s/client-session.js';
import { Router } from '../../../src/router/router.js';
import { xml, type Element } from '../../../src/xmpp/element.js';
import { Jid } from '../../../src/xmpp/jid.js';
import { NS } from '../../../src/xmpp/namespaces.js';
import type { StreamError } from '../../../src/xmpp/stream-errors.js';
import { fakeSession } from '../../helpers/fake-session.js';

interface FakeStream extends SessionStream {
  written: Element[];
  closedWith: StreamError[];
  detachCount: number;
}

function fakeStream(): FakeStream {
  const stream: FakeStream = {
    written: [], closedWith: [], detachCount: 0,
    write: (element) => { stream.written.push(element); },
    close: (error) => { stream.closedWith.push(error); },
    detach: () => { stream.detachCount += 1; },
  };
  return stream;
}

const T0 = Date.UTC(2024, 0, 2, 3, 4, 5);
const SETTINGS: StreamManagementSettings = { resumeTimeoutMs: 60_000, maxUnacked: 4, ackRequestDelayMs: 1_000 };
const chat = (id: string): Element => xml('message', { from: 'alice@localhost/desk', to: 'bob@localhost/phone', type: 'chat', id }, xml('body', {}, id));
const names = (elements: Element[]): string[] => elements.map((element) => String(element.attrs.id ?? element.name));
const ackRequests = (stream: FakeStream): number => stream.written.filter((element) => element.name === 'r' && element.attrs.xmlns === NS.sm).length;

function setup(settings: Partial<StreamManagementSettings> = {}): { router: Router; stream: FakeStream; session: ClientSession; resumable: Map<string, ClientSession> } {
  const router = new Router({ domain: 'localhost', accountExists: () => Promise.resolve(true), log: pino({ level: 'silent' }) });
  const stream = fakeStream();
  const resumable = new Map<string, ClientSession>();
  const session = new ClientSession(Jid.parse('bob@localhost/phone'), stream, {
    router, resumable, settings: { ...SETTINGS, ...settings }, domain: 'localhost', log: pino({ level: 'silent' }),
  });
  router.bind(session);
  return { router, stream, session, resumable };
}

describe('ClientSession', () => {
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => { clock = sinon.useFakeTimers({ now: T0, toFake: ['setTimeout', 'clearTimeout', 'Date'] }); });
  afterEach(() => { clock.restore(); });

  it('without stream management writes straight through and never asks for acks', () => {
    const { stream, session } = setup();
    session.deliver(chat('m1'));
    clock.tick(10 * SETTINGS.ackRequestDelayMs);
    expect(names(stream.written)).to.deep.equal(['m1']);
    expect(session.isStreamManaged).to.equal(false);
  });

  it('with stream management asks for an ack once after the delay, not again while it is outstanding', () => {
    const { stream, session } = setup();
    expect(session.enableStreamManagement(false)).to.deep.equal({});
    session.deliver(chat('m1'));
    session.deliver(chat('m2'));
    clock.tick(SETTINGS.ackRequestDelayMs - 1);
    expect(names(stream.written)).to.deep.equal(['m1', 'm2']);
    clock.tick(1);
    expect(names(stream.written)).to.deep.equal(['m1', 'm2', 'r']);
    session.deliver(chat('m3'));
    clock.tick(10 * SETTINGS.ackRequestDelayMs);
    expect(ackRequests(stream)).to.equal(1);
  });

  it('a partial ack drops what it covers and asks again for the rest; a complete one stops asking', () => {
    const { stream, session } = setup();
    session.enableStreamManagement(false);
    for (const id of ['m1', 'm2', 'm3']) session.deliver(chat(id));
    clock.tick(SETTINGS.ackRequestDelayMs);
    expect(session.acknowledge(2)).to.deep.equal({ kind: 'ok', acknowledged: 2 });
    clock.tick(SETTINGS.ackRequestDelayMs);
    expect(ackRequests(stream)).to.equal(2);
    expect(session.acknowledge(3)).to.deep.equal({ kind: 'ok', acknowledged: 1 });
    clock.tick(10 * SETTINGS.ackRequestDelayMs);
    expect(ackRequests(stream)).to.equal(2);
    expect(session.acknowledge(4)).to.deep.equal({ kind: 'too-high', sent: 3 });
  });

  it('offers resumption with an id and a max in seconds, and registers itself under that id', () => {
    const { session, resumable } = setup({ resumeTimeoutMs: 90_500 });
    const { id, maxSeconds } = session.enableStreamManagement(true);
    expect(maxSeconds).to.equal(91);
    expect(id).to.be.a('string').that.has.length.greaterThan(16);
    expect(resumable.get(id ?? '')).to.equal(session);
  });

  it('offers no resumption when resumeTimeoutMs is 0', () => {
    const { session, resumable } = setup({ resumeTimeoutMs: 0 });
    expect(session.enableStreamManagement(true)).to.deep.equal({});
    expect(resumable.size).to.equal(0);
  });

  it('a lost stream with resumption hibernates: still bound, deliveries queue, resume resends exactly what is after h', async () => {
    const { router, stream, session } = setup();
    session.enableStreamManagement(true);
    session.deliver(chat('m1'));
    session.deliver(chat('m2'));
    session.streamLost();
    expect(router.sessions.getFull(session.jid)).to.equal(session);
    expect(session.isEnded).to.equal(false);
    await router.route(chat('m3'));
    clock.tick(SETTINGS.resumeTimeoutMs - 1);
    expect(names(stream.written)).to.deep.equal(['m1', 'm2']);

    const next = fakeStream();
    expect(session.resume(next, 1)).to.deep.equal({ kind: 'ok', acknowledged: 1 });
    session.resendUnacknowledged();
    expect(names(next.written)).to.deep.equal(['m2', 'm3']);
    clock.tick(SETTINGS.ackRequestDelayMs);
    expect(ackRequests(next)).to.equal(1);
    clock.tick(SETTINGS.resumeTimeoutMs);
    expect(router.sessions.getFull(session.jid)).to.equal(session);
    session.deliver(chat('m4'));
    expect(names(next.written)).to.deep.equal(['m2', 'm3', 'r', 'm4']);
    expect(names(stream.written)).to.deep.equal(['m1', 'm2']);
  });

  it('resuming a session whose old stream is still attached detaches the old stream', () => {
    const { stream, session } = setup();
    session.enableStreamManagement(true);
    session.deliver(chat('m1'));
    session.resume(fakeStream(), 0);
    expect(stream.detachCount).to.equal(1);
  });

  it('a resume with h beyond what was sent is refused and leaves the session hibernating', () => {
    const { router, session } = setup();
    session.enableStreamManagement(true);
    session.deliver(chat('m1'));
    session.streamLost();
    const next = fakeStream();
    expect(session.resume(next, 2)).to.deep.equal({ kind: 'too-high', sent: 1 });
    session.deliver(chat('m2'));
    expect(next.written).to.deep.equal([]);
    clock.tick(SETTINGS.resumeTimeoutMs);
    expect(router.sessions.getFull(session.jid)).to.equal(undefined);
  });

  it('a lost stream without resumption unbinds the session at once', () => {
    for (const enable of [(s: ClientSession) => s.enableStreamManagement(false), () => undefined]) {
      const { router, session } = setup();
      enable(session);
      session.streamLost();
      expect(router.sessions.getFull(session.jid)).to.equal(undefined);
      expect(session.isEnded).to.equal(true);
    }
  });

  it('a cleanly closed stream ends the session and forgets its resumption id', () => {
    const { router, session, resumable } = setup();
    session.enableStreamManagement(true);
    session.streamClosed('client-closed');
    expect(router.sessions.getFull(session.jid)).to.equal(undefined);
    expect(resumable.size).to.equal(0);
  });

  it('a hibernating session replaced by a new bind of its resource ends and hands its unacked messages on', async () => {
    const { router, session } = setup();
    session.enableStreamManagement(true);
    session.deliver(chat('m1'));
    session.streamLost();
    const successor = fakeSession('bob@localhost/phone');
    router.bind(successor);
    await clock.tickAsync(0);
    expect(session.isEnded).to.equal(true);
    expect(router.sessions.getFull(session.jid)).to.equal(successor);
    expect(names(successor.delivered)).to.deep.equal(['m1']);
  });

  describe('when hibernation times out (XEP-0198 §4 re-routing)', () => {
    it('unbinds, re-routes unacked messages with a delay stamp, bounces iq requests, drops presence', async () => {
      const { router, session, resumable } = setup();
      const laptop = fakeSession('bob@localhost/laptop', { isAvailable: true, priority: 0 });
      const alice = fakeSession('alice@localhost/desk');
      router.bind(laptop);
      router.bind(alice);
      session.enableStreamManagement(true);
      const original = chat('m1');
      session.deliver(original);
      session.deliver(xml('iq', { from: 'alice@localhost/desk', to: 'bob@localhost/phone', type: 'get', id: 'q1' }, xml('query', { xmlns: NS.version })));
      session.deliver(xml('presence', { from: 'alice@localhost/desk', to: 'bob@localhost/phone', id: 'p1' }));
      clock.tick(5_000);
      session.streamLost();
      await clock.tickAsync(SETTINGS.resumeTimeoutMs - 1);
      expect(router.sessions.getFull(session.jid)).to.equal(session);
      await clock.tickAsync(1);

      expect(router.sessions.getFull(session.jid)).to.equal(undefined);
      expect(session.isEnded).to.equal(true);
      expect(resumable.size).to.equal(0);
      expect(names(laptop.delivered)).to.deep.equal(['m1']);
      const rerouted = laptop.delivered[0];
      expect(rerouted?.getChildText('body')).to.equal('m1');
      expect(rerouted?.getChild('delay', NS.delay)?.attrs).to.deep.equal({ xmlns: NS.delay, from: 'localhost', stamp: new Date(T0).toISOString() });
      expect(original.getChild('delay', NS.delay)).to.equal(undefined);
      expect(names(alice.delivered)).to.deep.equal(['q1']);
      expect(alice.delivered[0]?.attrs).to.include({ type: 'error', from: 'bob@localhost/phone', to: 'alice@localhost/desk' });
      expect(alice.delivered[0]?.getChild('error')?.getChild('service-unavailable', NS.stanzas)).to.not.equal(undefined);
    });

    it('keeps an existing delay stamp and re-routes neither errors, groupchat nor carbon copies', async () => {
      const { router, session } = setup({ maxUnacked: 10 });
      const laptop = fakeSession('bob@localhost/laptop', { isAvailable: true, priority: 0 });
      router.bind(laptop);
      session.enableStreamManagement(true);
      const stamped = chat('stamped');
      stamped.cnode(xml('delay', { xmlns: NS.delay, from: 'elsewhere', stamp: '2020-01-01T00:00:00.000Z' }));
      session.deliver(stamped);
      session.deliver(xml('message', { from: 'alice@localhost/desk', to: 'bob@localhost/phone', type: 'error', id: 'e1' }));
      session.deliver(xml('message', { from: 'room@muc.localhost/x', to: 'bob@localhost/phone', type: 'groupchat', id: 'g1' }));
      session.deliver(xml('message', { from: 'bob@localhost', to: 'bob@localhost/phone', type: 'chat', id: 'c1' }, xml('received', { xmlns: NS.carbons })));
      session.streamLost();
      await clock.tickAsync(SETTINGS.resumeTimeoutMs);
      expect(names(laptop.delivered)).to.deep.equal(['stamped']);
      const delays = laptop.delivered[0]?.getChildren('delay', NS.delay) ?? [];
      expect(delays.map((delay) => String(delay.attrs.from))).to.deep.equal(['elsewhere']);
    });
  });

  describe('maxUnacked', () => {
    it('one stanza over the limit closes the stream with policy-violation and is not written', () => {
      const { stream, session } = setup();
      session.enableStreamManagement(false);
      for (let i = 1; i <= SETTINGS.maxUnacked + 1; i++) session.deliver(chat(`m${i}`));
      expect(names(stream.written)).to.deep.equal(['m1', 'm2', 'm3', 'm4']);
      expect(stream.closedWith.map((error) => error.condition)).to.deep.equal(['policy-violation']);
    });

    it('overflowing while hibernating ends the session, since there is no stream to close', () => {
      const { router, stream, session } = setup();
      session.enableStreamManagement(true);
      session.streamLost();
      for (let i = 1; i <= SETTINGS.maxUnacked + 1; i++) session.deliver(chat(`m${i}`));
      expect(stream.closedWith).to.deep.equal([]);
      expect(router.sessions.getFull(session.jid)).to.equal(undefined);
    });
  });
});
