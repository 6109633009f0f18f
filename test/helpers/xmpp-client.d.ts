// The parts of xmpp.js (@xmpp/client, untyped) that the tests use.
declare module '@xmpp/client' {
  import type { EventEmitter } from 'node:events';
  import type { Element } from 'ltx';

  export interface SaslMechanismClass {
    new (): unknown;
    prototype: { name: string };
  }

  export interface XmppClient extends EventEmitter {
    jid: { toString(): string } | null;
    socket: { socket?: unknown; secure?: boolean } | null;
    status: string;
    start(): Promise<{ toString(): string }>;
    stop(): Promise<void>;
    send(element: Element): Promise<void>;
    iqCaller: { request(element: Element, timeout?: number): Promise<Element> };
    iqCallee: { get(namespace: string, name: string, handler: (context: { stanza: Element }) => Element | Promise<Element>): void };
    saslFactory: { use(mechanism: SaslMechanismClass): void; _mechs: { name: string }[] };
    streamManagement: EventEmitter & { enabled: boolean; id: string; inbound: number; outbound: number; outbound_q: unknown[] };
    reconnect: EventEmitter & { stop(): void; start(): void; delay: number };
  }

  export type Authenticate = (credentials: { username: string; password: string }, mechanism: string) => Promise<void>;

  export interface ClientOptions {
    service: string;
    domain?: string;
    resource?: string;
    username?: string;
    password?: string;
    credentials?: (authenticate: Authenticate, mechanisms: string[]) => Promise<void>;
  }

  export function client(options: ClientOptions): XmppClient;
  export function xml(name: string, attrs?: Record<string, string | undefined>, ...children: (Element | string | undefined)[]): Element;
}
