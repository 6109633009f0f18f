// Interop with a second, independent client implementation: slixmpp (Debian's python3-slixmpp),
// driven through client.py, logs in over STARTTLS with SCRAM, chats with an xmpp.js user and does
// the RFC 6121 subscription handshake with one.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { xml } from '@xmpp/client';
import type { Element } from 'ltx';
import { connect, type TestClient } from '../../helpers/clients.js';
import { createTestPki, testPkiFiles } from '../../helpers/pki.js';
import { DOMAIN, PASSWORD, startTestServer, type TestServer } from '../../helpers/server.js';

// The system interpreter: python3 on PATH may be a pyenv or venv one without the Debian package.
const PYTHON = '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./client.py', import.meta.url));

type Scenario =
  | { kind: 'ping' }
  | { kind: 'send'; to: string; body: string }
  | { kind: 'receive'; body: string }
  | { kind: 'subscription'; contact: string; status: string; contact_status: string };

/** One JSON line that client.py printed on stdout. */
interface SlixEvent {
  event: string;
  [field: string]: unknown;
}

interface SlixRun {
  child: ChildProcess;
  events: SlixEvent[];
  /** Resolves with the first event of that name (already printed or still to come). */
  next(event: string, timeoutMs?: number): Promise<SlixEvent>;
  /** Resolves with the exit code once the process has ended (null when killed by a signal). */
  exited: Promise<number | null>;
  stderr(): string;
}

const rosterGet = (): Element => xml('iq', { type: 'get' }, xml('query', { xmlns: 'jabber:iq:roster' }));

function isPresence(type: string | undefined, from: string): (stanza: Element) => boolean {
  return (stanza) => stanza.is('presence') && stanza.attrs.type === type && stanza.attrs.from === from;
}

function isPush(jid: string, subscription: string, ask?: string): (stanza: Element) => boolean {
  return (stanza) => {
    const item = stanza.is('iq') && stanza.attrs.type === 'set' ? stanza.getChild('query', 'jabber:iq:roster')?.getChild('item') : undefined;
    return item?.attrs.jid === jid && item.attrs.subscription === subscription && item.attrs.ask === ask;
  };
}

function isSlixEvent(value: unknown): value is SlixEvent {
  return typeof value === 'object' && value !== null && typeof (value as { event?: unknown }).event === 'string';
}

describe('interop with slixmpp', function () {
  // SCRAM with 4096 iterations in pure Python plus the interpreter start take a moment.
  this.timeout(30000);

  let node: TestServer | undefined;
  let caFile: string;
  const runs: SlixRun[] = [];
  const clients: TestClient[] = [];

  before(async () => {
    // Fail loudly rather than skip: CI installs python3-slixmpp via scripts/ensure-test-deps.sh.
    const probe = spawnSync(PYTHON, ['-c', 'import slixmpp'], { encoding: 'utf8' });
    if (probe.status !== 0) {
      throw new Error(`slixmpp is not importable by ${PYTHON} (install the Debian package python3-slixmpp, `
        + `see scripts/ensure-test-deps.sh): ${probe.error?.message ?? probe.stderr.trim()}`);
    }
    const pki = process.env.PARLEY_TEST_PKI;
    if (pki === undefined) throw new Error('PARLEY_TEST_PKI is not set: run the tests through scripts/test.sh');
    caFile = testPkiFiles(pki).caFile;
    node = await startTestServer();
    await node.addUser('alice');
    await node.addUser('bob');
    // Fresh accounts with empty rosters for the subscription handshake.
    await node.addUser('carol');
    await node.addUser('dave');
  });

  afterEach(async () => {
    for (const run of runs.splice(0)) {
      if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGKILL');
    }
    await Promise.all(clients.splice(0).map((client) => client.stop()));
  });

  after(async () => {
    await node?.stop();
  });

  function running(): TestServer {
    if (node === undefined) throw new Error('the test server did not start');
    return node;
  }

  function slixmpp(jid: string, scenario: Scenario, options: { password?: string; ca?: string } = {}): SlixRun {
    const child = spawn(PYTHON, [SCRIPT], { stdio: ['pipe', 'pipe', 'pipe'] });
    const events: SlixEvent[] = [];
    const waiters = new Set<{ event: string; resolve: (event: SlixEvent) => void }>();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
    createInterface({ input: child.stdout }).on('line', (line) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        stderr += `(unparsable stdout line) ${line}\n`;
        return;
      }
      if (!isSlixEvent(parsed)) return;
      events.push(parsed);
      for (const waiter of waiters) {
        if (waiter.event === parsed.event) {
          waiters.delete(waiter);
          waiter.resolve(parsed);
        }
      }
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    child.stdin.end(JSON.stringify({
      jid,
      password: options.password ?? PASSWORD,
      host: '127.0.0.1',
      port: running().server.ports.c2s,
      ca: options.ca ?? caFile,
      timeout: 20,
      scenario,
    }));
    const describeRun = (): string => `events: ${JSON.stringify(events)}\nstderr: ${stderr}`;
    const run: SlixRun = {
      child,
      events,
      exited,
      stderr: () => stderr,
      next: (event, timeoutMs = 20000) => {
        const already = events.find((candidate) => candidate.event === event);
        if (already !== undefined) return Promise.resolve(already);
        return new Promise((resolve, reject) => {
          const waiter = { event, resolve: (found: SlixEvent) => { clearTimeout(timer); resolve(found); } };
          const timer = setTimeout(() => {
            waiters.delete(waiter);
            reject(new Error(`slixmpp printed no "${event}" within ${timeoutMs} ms\n${describeRun()}`));
          }, timeoutMs);
          // An early exit would otherwise only show up as the timeout above.
          void exited.then((code) => {
            if (!waiters.has(waiter)) return;
            waiters.delete(waiter);
            clearTimeout(timer);
            reject(new Error(`slixmpp exited (${code}) without printing "${event}"\n${describeRun()}`));
          });
          waiters.add(waiter);
        });
      },
    };
    runs.push(run);
    return run;
  }

  async function expectSuccess(run: SlixRun): Promise<void> {
    const code = await run.exited;
    expect(code, `slixmpp failed\nevents: ${JSON.stringify(run.events)}\nstderr: ${run.stderr()}`).to.equal(0);
  }

  async function xmppjs(username: string, resource: string): Promise<TestClient> {
    const client = await connect({ service: `xmpp://localhost:${running().server.ports.c2s}`, username, resource });
    clients.push(client);
    return client;
  }

  it('logs in over STARTTLS with SCRAM, binds the requested resource and pings the server', async () => {
    const run = slixmpp(`bob@${DOMAIN}/slix`, { kind: 'ping' });
    const session = await run.next('session_start');
    expect(session.jid).to.equal('bob@localhost/slix');
    expect(session.mechanism).to.be.a('string').and.match(/^SCRAM-SHA-/);
    expect(session.tls).to.be.a('string').and.match(/^TLSv1\.[23]$/);
    const pong = await run.next('pong');
    expect(pong.from).to.equal(DOMAIN);
    await expectSuccess(run);
  });

  it('receives a chat message from an xmpp.js user, from her full JID', async () => {
    const run = slixmpp(`bob@${DOMAIN}/slix`, { kind: 'receive', body: 'Hello from xmpp.js' });
    await run.next('waiting');
    const alice = await xmppjs('alice', 'laptop');
    await alice.send(xml('message', { to: 'bob@localhost', type: 'chat', id: 'to-slix' }, xml('body', {}, 'Hello from xmpp.js')));
    const message = await run.next('message');
    expect(message).to.include({ from: 'alice@localhost/laptop', to: 'bob@localhost', type: 'chat', body: 'Hello from xmpp.js' });
    await expectSuccess(run);
  });

  it('sends a chat message that an xmpp.js user receives stamped with the slixmpp full JID', async () => {
    const alice = await xmppjs('alice', 'desk');
    await alice.send(xml('presence'));
    // Round trip on alice's stream: her initial presence is handled before slixmpp's message comes in.
    await alice.request(xml('iq', { type: 'get', to: DOMAIN }, xml('ping', { xmlns: 'urn:xmpp:ping' })));
    const run = slixmpp(`bob@${DOMAIN}/slix`, { kind: 'send', to: 'alice@localhost', body: 'Hello from slixmpp' });
    const session = await run.next('session_start');
    const message = await alice.receive((stanza) => stanza.is('message') && stanza.getChildText('body') === 'Hello from slixmpp', 20000);
    expect(message.attrs.from).to.equal(session.jid).and.to.equal('bob@localhost/slix');
    expect(message.attrs.to).to.equal('alice@localhost');
    expect(message.attrs.type).to.equal('chat');
    await run.next('sent');
    await expectSuccess(run);
  });

  it('does the whole RFC 6121 subscription handshake with an xmpp.js user, exchanges presence and unsubscribes', async () => {
    // dave (xmpp.js) fetches his roster, so he gets pushes, and is online before carol (slixmpp) asks.
    const dave = await xmppjs('dave', 'desk');
    await dave.request(rosterGet());
    await dave.send(xml('presence'));
    await dave.request(xml('iq', { type: 'get', to: DOMAIN }, xml('ping', { xmlns: 'urn:xmpp:ping' })));
    const carol = slixmpp(`carol@${DOMAIN}/slix`, {
      kind: 'subscription', contact: 'dave@localhost', status: 'Hello from slixmpp', contact_status: 'Hello from xmpp.js',
    });
    expect(await carol.next('roster')).to.deep.include({ jids: [] });

    // 1. carol asks to see dave's presence: dave gets the request from her bare JID, she a push with ask.
    const request = await dave.receive(isPresence('subscribe', 'carol@localhost'), 20000);
    expect(request.attrs.to).to.equal('dave@localhost');
    expect(await carol.next('subscribe_sent')).to.deep.include({
      to: 'dave@localhost',
      push: { jid: 'dave@localhost', subscription: 'none', ask: 'subscribe' },
      roster: { subscription: 'none', pending_out: true },
    });

    // 2. dave approves: carol is told, her roster says "to", and she gets dave's current presence.
    await dave.send(xml('presence', { type: 'subscribed', to: 'carol@localhost' }));
    await dave.receive(isPush('carol@localhost', 'from'));
    expect(await carol.next('subscribed')).to.deep.include({
      answer: { from: 'dave@localhost', type: 'subscribed', status: '' },
      push: { jid: 'dave@localhost', subscription: 'to', ask: null },
      roster: { subscription: 'to', pending_out: false },
      contact_presence: { from: 'dave@localhost/desk', type: 'available', status: '' },
    });

    // 3. dave asks back and carol approves: "both" on both sides; dave gets carol's current presence.
    await dave.send(xml('presence', { type: 'subscribe', to: 'carol@localhost' }));
    expect(await carol.next('subscribe_received')).to.deep.include({
      request: { from: 'dave@localhost', type: 'subscribe', status: '' },
    });
    await dave.receive(isPresence('subscribed', 'carol@localhost'));
    await dave.receive(isPush('carol@localhost', 'both'));
    await dave.receive(isPresence(undefined, 'carol@localhost/slix'));
    expect(await carol.next('subscribed_sent')).to.deep.include({
      to: 'dave@localhost',
      push: { jid: 'dave@localhost', subscription: 'both', ask: null },
      roster: { subscription: 'both', pending_out: false },
    });
    const roster = await dave.request(rosterGet());
    expect(String(roster.getChild('query')?.getChild('item'))).to.equal('<item jid="carol@localhost" subscription="both"/>');

    // 4. Each one's status text reaches the other, from the sender's full JID.
    await dave.send(xml('presence', {}, xml('status', {}, 'Hello from xmpp.js')));
    expect(await carol.next('contact_status')).to.deep.include({
      presence: { from: 'dave@localhost/desk', type: 'available', status: 'Hello from xmpp.js' },
    });
    await carol.next('status_sent');
    const status = await dave.receive((stanza) => stanza.is('presence') && stanza.getChildText('status') === 'Hello from slixmpp');
    expect(status.attrs.from).to.equal('carol@localhost/slix');
    expect(status.attrs.type).to.equal(undefined);

    // 5. carol cancels her subscription: pushes on both sides, dave's presence is withdrawn from her.
    await dave.receive(isPresence('unsubscribe', 'carol@localhost'));
    await dave.receive(isPush('carol@localhost', 'to'));
    expect(await carol.next('unsubscribe_sent')).to.deep.include({
      to: 'dave@localhost',
      push: { jid: 'dave@localhost', subscription: 'from', ask: null },
      roster: { subscription: 'from', pending_out: false },
      contact_presence: { from: 'dave@localhost/desk', type: 'unavailable', status: '' },
    });

    // 6. dave is still subscribed to carol: when slixmpp disconnects, he sees her full JID go offline.
    await expectSuccess(carol);
    await dave.receive(isPresence('unavailable', 'carol@localhost/slix'));
  });

  it('fails authentication with a wrong password', async () => {
    const run = slixmpp(`bob@${DOMAIN}/slix`, { kind: 'ping' }, { password: 'not the password' });
    const code = await run.exited;
    expect(code).to.not.equal(0);
    const error = await run.next('error');
    expect(error).to.include({ reason: 'auth_failed', condition: 'not-authorized' });
    expect(error.mechanism).to.be.a('string').and.match(/^SCRAM-SHA-/);
    expect(run.events.some((event) => event.event === 'session_start')).to.equal(false);
  });

  it('refuses the server certificate when told to trust another CA', async () => {
    // Proves that client.py really verifies: an unrelated throwaway CA must not vouch for the server.
    const otherPki = await mkdtemp(path.join(os.tmpdir(), 'parley-other-pki-'));
    let code: number | null;
    let run: SlixRun;
    try {
      run = slixmpp(`bob@${DOMAIN}/slix`, { kind: 'ping' }, { ca: (await createTestPki(otherPki)).caFile });
      code = await run.exited;
    } finally {
      await rm(otherPki, { recursive: true, force: true });
    }
    expect(code).to.not.equal(0);
    const error = await run.next('error');
    expect(error.reason).to.equal('tls_invalid_certificate');
    expect(run.events.some((event) => event.event === 'session_start')).to.equal(false);
  });
});
