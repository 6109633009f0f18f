// Real XMPP clients (xmpp.js) for integration tests, with a mailbox of received stanzas.
import type { TLSSocket } from 'node:tls';
import { client, type XmppClient } from '@xmpp/client';
import type { Element } from 'ltx';
import { WebSocket } from 'ws';
import { scramSha256Mechanism } from './scram-client.js';
import { DOMAIN, PASSWORD } from './server.js';

// xmpp.js uses the WHATWG WebSocket global, which Node 20 has only behind a flag.
(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

export type Mechanism = 'SCRAM-SHA-256-PLUS' | 'SCRAM-SHA-256' | 'SCRAM-SHA-1' | 'PLAIN';

export interface ConnectOptions {
  service: string;
  username: string;
  password?: string;
  resource?: string;
  mechanism?: Mechanism;
  bindingType?: 'tls-exporter' | 'tls-server-end-point';
  /** Let xmpp.js reconnect (and resume its XEP-0198 session) after the connection drops. */
  reconnect?: boolean;
}

export interface TestClient {
  xmpp: XmppClient;
  jid: string;
  /** The SASL mechanism that was used. */
  mechanism: string;
  send(element: Element): Promise<void>;
  request(iq: Element): Promise<Element>;
  /** Resolves with the first received stanza (already received or still to come) that matches. */
  receive(predicate: (stanza: Element) => boolean, timeoutMs?: number): Promise<Element>;
  /** Every stanza received so far. */
  received: Element[];
  stop(): Promise<void>;
  /** Cuts the TCP connection under the client without closing the stream, as a dead network would. */
  cut(): void;
}

function isTlsSocket(candidate: unknown): candidate is TLSSocket {
  return typeof candidate === 'object' && candidate !== null && typeof (candidate as TLSSocket).exportKeyingMaterial === 'function';
}

/** The TLS socket under xmpp.js's socket wrapper (TCP), or under the ws WebSocket (wss). */
function tlsSocketOf(xmpp: XmppClient): TLSSocket | undefined {
  const inner = xmpp.socket?.socket;
  if (isTlsSocket(inner)) return inner;
  const underWebSocket = (inner as { _socket?: unknown } | undefined)?._socket;
  return isTlsSocket(underWebSocket) ? underWebSocket : undefined;
}

export async function connect(options: ConnectOptions): Promise<TestClient> {
  const mechanism = options.mechanism ?? 'SCRAM-SHA-256';
  let used = '';
  const xmpp = client({
    service: options.service,
    domain: DOMAIN,
    ...(options.resource === undefined ? {} : { resource: options.resource }),
    credentials: async (authenticate, offered) => {
      if (!offered.includes(mechanism)) throw new Error(`server does not offer ${mechanism}: ${offered.join(' ')}`);
      used = mechanism;
      await authenticate({ username: options.username, password: options.password ?? PASSWORD }, mechanism);
    },
  });
  if (options.reconnect !== true) xmpp.reconnect.stop();
  else xmpp.reconnect.delay = 100;
  xmpp.saslFactory.use(scramSha256Mechanism({ plus: true, bindingType: options.bindingType ?? 'tls-exporter', tlsSocket: () => tlsSocketOf(xmpp) }));
  xmpp.saslFactory.use(scramSha256Mechanism({ plus: false }));
  const received: Element[] = [];
  const waiters = new Set<{ predicate: (stanza: Element) => boolean; resolve: (stanza: Element) => void }>();
  xmpp.on('stanza', (stanza: Element) => {
    received.push(stanza);
    for (const waiter of waiters) {
      if (waiter.predicate(stanza)) {
        waiters.delete(waiter);
        waiter.resolve(stanza);
      }
    }
  });
  xmpp.on('error', () => undefined);
  const jid = await xmpp.start();
  return {
    xmpp,
    jid: jid.toString(),
    mechanism: used,
    received,
    send: (element) => xmpp.send(element),
    request: (iq) => xmpp.iqCaller.request(iq, 5000),
    receive: (predicate, timeoutMs = 5000) => {
      const already = received.find(predicate);
      if (already !== undefined) return Promise.resolve(already);
      return new Promise((resolve, reject) => {
        const waiter = { predicate, resolve: (stanza: Element) => { clearTimeout(timer); resolve(stanza); } };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no matching stanza within ${timeoutMs} ms; received: ${received.map(String).join('\n')}`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    stop: async () => {
      xmpp.reconnect.stop();
      await xmpp.stop().catch(() => undefined);
    },
    cut: () => {
      const socket = xmpp.socket?.socket as { destroy?: () => void; _socket?: { destroy(): void } } | undefined;
      if (socket?._socket !== undefined) socket._socket.destroy();
      else socket?.destroy?.();
    },
  };
}

/**
 * Registers an afterEach hook that stops every client the returned `login` started, and returns
 * `login`: an xmpp.js client of the suite's node, logged in as `username`.
 */
export function useClients(node: () => { server: { ports: { c2s: number } } }): (username: string, resource?: string) => Promise<TestClient> {
  const clients: TestClient[] = [];
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.stop()));
  });
  return async (username, resource = 'desk') => {
    const client = await connect({ service: `xmpp://localhost:${node().server.ports.c2s}`, username, resource });
    clients.push(client);
    return client;
  };
}
