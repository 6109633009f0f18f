// The table of server-side handlers, keyed by address class and namespace (STYLE §2):
// `iq:get:host:urn:xmpp:ping`, `iq:set:bare:jabber:iq:roster`, `presence:probe:bare`, ...
import type { Element } from '../xmpp/element.js';
import type { Jid } from '../xmpp/jid.js';
import type { StanzaErrorSpec } from '../xmpp/stanza-errors.js';
import type { ClientRoute } from './session.js';

/** Where a stanza is addressed, from the server's point of view. */
export type AddressClass = 'host' | 'bare' | 'full';

export interface StanzaContext {
  /** The stamped sender. */
  from: Jid;
  /** The addressee ('to', or what RFC 6120 §10.3 says an absent 'to' means). */
  to: Jid;
  /** The sender's session when it is a client of this node. */
  origin?: ClientRoute;
}

export type IqOutcome =
  | { type: 'result'; payload?: Element }
  | { type: 'error'; error: StanzaErrorSpec };

export type IqHandler = (iq: Element, payload: Element, context: StanzaContext) => IqOutcome | Promise<IqOutcome>;
export type StanzaHandler = (stanza: Element, context: StanzaContext) => void | Promise<void>;

export function iqKey(type: 'get' | 'set', target: AddressClass, namespace: string): string {
  return `iq:${type}:${target}:${namespace}`;
}

export function presenceKey(type: string, target: AddressClass | 'none'): string {
  return `presence:${type === '' ? 'available' : type}:${target}`;
}

export function messageKey(target: AddressClass): string {
  return `message:${target}`;
}

/**
 * A handler for stanzas a local client sends to someone (`outbound:presence:subscribe`,
 * `outbound:message:chat`). It takes over routing: it does the sender-side work and calls
 * `Router.forward` for the stanza to go on (or not).
 */
export function outboundKey(kind: 'message' | 'presence', type: string): string {
  const fallback = kind === 'message' ? 'normal' : 'available';
  return `outbound:${kind}:${type === '' ? fallback : type}`;
}

/** What a filter decides about a stanza: let it through, drop it silently, or bounce it. */
export type FilterVerdict = 'pass' | 'drop' | { bounce: StanzaErrorSpec };

/** Runs before a stanza is handled or delivered; filters never change the stanza. */
export type StanzaFilter = (stanza: Element, context: StanzaContext) => FilterVerdict | Promise<FilterVerdict>;

export class HandlerTable {
  private readonly iqHandlers = new Map<string, IqHandler>();
  private readonly stanzaHandlers = new Map<string, StanzaHandler>();

  onIq(type: 'get' | 'set', target: AddressClass, namespace: string, handler: IqHandler): void {
    const key = iqKey(type, target, namespace);
    if (this.iqHandlers.has(key)) throw new Error(`duplicate handler for ${key}`);
    this.iqHandlers.set(key, handler);
  }

  onStanza(key: string, handler: StanzaHandler): void {
    if (this.stanzaHandlers.has(key)) throw new Error(`duplicate handler for ${key}`);
    this.stanzaHandlers.set(key, handler);
  }

  iq(type: 'get' | 'set', target: AddressClass, namespace: string): IqHandler | undefined {
    return this.iqHandlers.get(iqKey(type, target, namespace));
  }

  stanza(key: string): StanzaHandler | undefined {
    return this.stanzaHandlers.get(key);
  }

  /** Namespaces served for a target, for disco#info features. */
  namespaces(target: AddressClass): string[] {
    const prefixGet = `iq:get:${target}:`;
    const prefixSet = `iq:set:${target}:`;
    const found = new Set<string>();
    for (const key of this.iqHandlers.keys()) {
      if (key.startsWith(prefixGet)) found.add(key.slice(prefixGet.length));
      else if (key.startsWith(prefixSet)) found.add(key.slice(prefixSet.length));
    }
    return [...found].sort();
  }
}
