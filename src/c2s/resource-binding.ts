// Resource binding (RFC 6120 §7): the requested resource, or one the server makes up.
import { randomBytes } from 'node:crypto';
import type { Element } from '../xmpp/element.js';
import { normalizeResource } from '../xmpp/jid.js';
import { NS } from '../xmpp/namespaces.js';
import type { StanzaErrorSpec } from '../xmpp/stanza-errors.js';

export type ResourceRequest =
  | { kind: 'resource'; resource: string }
  | { kind: 'error'; error: StanzaErrorSpec };

export function generatedResource(): string {
  return `parley-${randomBytes(6).toString('base64url')}`;
}

/** Reads `<iq type='set'><bind><resource/></bind></iq>`; a missing or empty resource is generated. */
export function requestedResource(iq: Element): ResourceRequest {
  const bind = iq.getChild('bind', NS.bind);
  if (iq.attrs.type !== 'set' || bind === undefined) {
    return { kind: 'error', error: { condition: 'bad-request', text: 'expected a resource binding request' } };
  }
  const wanted = bind.getChildText('resource')?.trim() ?? '';
  if (wanted === '') return { kind: 'resource', resource: generatedResource() };
  const resource = normalizeResource(wanted);
  // RFC 6120 §7.7.2.1: a resource that cannot be processed is a bad-request.
  if (resource === undefined) return { kind: 'error', error: { condition: 'bad-request', text: 'the resource is not a valid resourcepart' } };
  return { kind: 'resource', resource };
}
