// RFC 7395 framing details: <open/>/<close/>, the "xmpp" subprotocol, limits, bad frames.
import { expect } from 'chai';
import { WebSocket } from 'ws';
import { PASSWORD, useTestServer } from '../helpers/server.js';

const OPEN = "<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' to='localhost' version='1.0'/>";

interface Socket {
  ws: WebSocket;
  messages: string[];
  next(pattern: RegExp, timeoutMs?: number): Promise<string>;
  closed: Promise<number>;
}

function open(url: string, protocols: string[] = ['xmpp']): Promise<Socket> {
  const ws = new WebSocket(url, protocols);
  const messages: string[] = [];
  const waiters: (() => void)[] = [];
  ws.on('message', (data) => {
    messages.push(Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]).toString('utf8'));
    for (const waiter of waiters.splice(0)) waiter();
  });
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => {
    for (const waiter of waiters.splice(0)) waiter();
    resolve(code);
  }));
  const next = async (pattern: RegExp, timeoutMs = 5000): Promise<string> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = messages.find((message) => pattern.test(message));
      if (found !== undefined) return found;
      if (Date.now() > deadline || ws.readyState === ws.CLOSED) throw new Error(`no message matching ${pattern}: ${messages.join(' | ')}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  };
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws, messages, next, closed }));
    ws.once('error', reject);
  });
}

describe('XMPP over WebSocket (RFC 7395)', function () {
  const node = useTestServer({}, ['alice']);
  const sockets: WebSocket[] = [];
  const url = (): string => `wss://localhost:${node().server.ports.https}/xmpp-websocket`;

  afterEach(() => {
    for (const ws of sockets.splice(0)) ws.terminate();
  });

  async function connected(): Promise<Socket> {
    const socket = await open(url());
    sockets.push(socket.ws);
    return socket;
  }

  it('answers <open/> with <open/> and features, and <close/> with <close/>', async () => {
    const socket = await connected();
    expect(socket.ws.protocol).to.equal('xmpp');
    socket.ws.send(OPEN);
    const opened = await socket.next(/^<open /);
    expect(opened).to.match(/xmlns='urn:ietf:params:xml:ns:xmpp-framing'/).and.match(/from='localhost'/).and.match(/version='1.0'/);
    const features = await socket.next(/^<stream:features/);
    expect(features).to.include('xmlns:stream="http://etherx.jabber.org/streams"').and.include('SCRAM-SHA-256-PLUS');
    socket.ws.send("<close xmlns='urn:ietf:params:xml:ns:xmpp-framing'/>");
    await socket.next(/^<close /);
    await socket.closed;
  });

  it('logs in with PLAIN and exchanges stanzas carrying jabber:client', async () => {
    const socket = await connected();
    socket.ws.send(OPEN);
    await socket.next(/<\/stream:features>/);
    socket.ws.send(`<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>${Buffer.from(`\0alice\0${PASSWORD}`).toString('base64')}</auth>`);
    await socket.next(/^<success/);
    socket.messages.length = 0;
    socket.ws.send(OPEN);
    await socket.next(/<bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"\/>/);
    socket.ws.send("<iq xmlns='jabber:client' type='set' id='b'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></iq>");
    const bound = await socket.next(/id="b"/);
    expect(bound).to.include('xmlns="jabber:client"').and.match(/<jid>alice@localhost\/parley-[^<]+<\/jid>/);
  });

  it('a frame with a DOCTYPE gets <restricted-xml/> from the same parser as TCP', async () => {
    const socket = await connected();
    socket.ws.send(OPEN);
    await socket.next(/<\/stream:features>/);
    socket.ws.send("<!DOCTYPE x [<!ENTITY a 'b'>]><x/>");
    const error = await socket.next(/<stream:error/);
    expect(error).to.include('<restricted-xml');
    await socket.next(/^<close /);
  });

  it('a frame holding two elements gets <not-well-formed/>', async () => {
    const socket = await connected();
    socket.ws.send(OPEN);
    await socket.next(/<\/stream:features>/);
    socket.ws.send("<iq xmlns='jabber:client' type='get' id='1'/><iq xmlns='jabber:client' type='get' id='2'/>");
    expect(await socket.next(/<stream:error/)).to.include('<not-well-formed');
  });

  it('a message larger than the stanza limit is refused by the WebSocket layer (1009)', async () => {
    const socket = await connected();
    socket.ws.send(`<message xmlns='jabber:client'><body>${'x'.repeat(300 * 1024)}</body></message>`);
    expect(await socket.closed).to.equal(1009);
  });

  it('a client that does not ask for the "xmpp" subprotocol is refused', async () => {
    let failure: unknown;
    try {
      const socket = await open(url(), ['chat']);
      sockets.push(socket.ws);
    } catch (error) {
      failure = error;
    }
    expect(String(failure)).to.match(/protocol|400|Unexpected/i);
  });
});
