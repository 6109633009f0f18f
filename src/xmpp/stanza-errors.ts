// Stanza errors (RFC 6120 §8.3): conditions, their default types, and error replies.
import { xml, type Element } from './element.js';
import { NS } from './namespaces.js';

export type StanzaErrorCondition =
  | 'bad-request' | 'conflict' | 'feature-not-implemented' | 'forbidden' | 'gone'
  | 'internal-server-error' | 'item-not-found' | 'jid-malformed' | 'not-acceptable'
  | 'not-allowed' | 'not-authorized' | 'policy-violation' | 'recipient-unavailable'
  | 'redirect' | 'registration-required' | 'remote-server-not-found'
  | 'remote-server-timeout' | 'resource-constraint' | 'service-unavailable'
  | 'subscription-required' | 'undefined-condition' | 'unexpected-request';

export type StanzaErrorType = 'auth' | 'cancel' | 'continue' | 'modify' | 'wait';

// RFC 6120 §8.3.3: the type each condition usually carries.
const DEFAULT_TYPE: Record<StanzaErrorCondition, StanzaErrorType> = {
  'bad-request': 'modify', conflict: 'cancel', 'feature-not-implemented': 'cancel',
  forbidden: 'auth', gone: 'cancel', 'internal-server-error': 'cancel',
  'item-not-found': 'cancel', 'jid-malformed': 'modify', 'not-acceptable': 'modify',
  'not-allowed': 'cancel', 'not-authorized': 'auth', 'policy-violation': 'modify',
  'recipient-unavailable': 'wait', redirect: 'modify', 'registration-required': 'auth',
  'remote-server-not-found': 'cancel', 'remote-server-timeout': 'wait',
  'resource-constraint': 'wait', 'service-unavailable': 'cancel',
  'subscription-required': 'auth', 'undefined-condition': 'cancel', 'unexpected-request': 'wait',
};

export interface StanzaErrorSpec {
  condition: StanzaErrorCondition;
  type?: StanzaErrorType;
  text?: string;
  /** An application-specific condition element, e.g. a MUC or SM one. */
  appCondition?: Element;
}

export function stanzaErrorElement(spec: StanzaErrorSpec): Element {
  return xml('error', { type: spec.type ?? DEFAULT_TYPE[spec.condition] },
    xml(spec.condition, { xmlns: NS.stanzas }),
    spec.text === undefined ? undefined : xml('text', { xmlns: NS.stanzas, 'xml:lang': 'en' }, spec.text),
    spec.appCondition);
}

/**
 * The error reply to a stanza (RFC 6120 §8.2): addresses swapped, type="error", the
 * original payload kept for messages and presence so the sender can tell what bounced.
 */
export function errorReply(stanza: Element, spec: StanzaErrorSpec): Element {
  const reply = xml(stanza.name, {
    xmlns: stanza.attrs.xmlns as string | undefined,
    type: 'error',
    id: stanza.attrs.id as string | undefined,
    from: stanza.attrs.to as string | undefined,
    to: stanza.attrs.from as string | undefined,
  });
  if (stanza.name !== 'iq') {
    for (const child of stanza.children) {
      if (typeof child !== 'string' && child.name !== 'error') reply.cnode(child);
    }
  }
  reply.cnode(stanzaErrorElement(spec));
  return reply;
}

/** Stanzas of type error are never answered with an error (RFC 6120 §8.3.1). */
export function canBounce(stanza: Element): boolean {
  return stanza.attrs.type !== 'error';
}
