// Checks and stamps a stanza a bound client sent (RFC 6120 §8.1, §8.2), before it is routed.
import type { Element } from '../xmpp/element.js';
import { Jid } from '../xmpp/jid.js';
import { NS } from '../xmpp/namespaces.js';
import type { StanzaErrorSpec } from '../xmpp/stanza-errors.js';
import type { StreamError } from '../xmpp/stream-errors.js';

export type IntakeResult =
  | { kind: 'route'; stanza: Element }
  | { kind: 'bounce'; error: StanzaErrorSpec }
  | { kind: 'stream-error'; error: StreamError };

const IQ_TYPES = new Set(['get', 'set', 'result', 'error']);
const PRESENCE_TYPES = new Set(['', 'unavailable', 'subscribe', 'subscribed', 'unsubscribe', 'unsubscribed', 'probe', 'error']);

export function intakeStanza(stanza: Element, sender: Jid): IntakeResult {
  if (!['message', 'presence', 'iq'].includes(stanza.name) || stanza.attrs.xmlns !== NS.client) {
    return { kind: 'stream-error', error: { condition: 'unsupported-stanza-type', text: `<${stanza.name}/> is not a stanza` } };
  }
  const claimed = stanza.attrs.from as string | undefined;
  if (claimed !== undefined) {
    const claimedJid = Jid.tryParse(claimed);
    if (claimedJid === undefined || !(claimedJid.equals(sender) || claimedJid.equals(sender.bare()))) {
      return { kind: 'stream-error', error: { condition: 'invalid-from', text: 'the from address is not this session\'s' } };
    }
  }
  stanza.attrs.from = sender.toString();
  const to = stanza.attrs.to as string | undefined;
  if (to !== undefined) {
    const toJid = Jid.tryParse(to);
    if (toJid === undefined) return { kind: 'bounce', error: { condition: 'jid-malformed', text: 'the to address is not a valid JID' } };
    stanza.attrs.to = toJid.toString();
  }
  const type = (stanza.attrs.type as string | undefined) ?? '';
  if (stanza.name === 'iq') return checkIq(stanza, type);
  if (stanza.name === 'presence' && !PRESENCE_TYPES.has(type)) {
    return { kind: 'bounce', error: { condition: 'bad-request', text: `unknown presence type ${type.slice(0, 40)}` } };
  }
  return { kind: 'route', stanza };
}

function checkIq(iq: Element, type: string): IntakeResult {
  if (iq.attrs.id === undefined || !IQ_TYPES.has(type)) {
    return { kind: 'bounce', error: { condition: 'bad-request', text: 'an iq needs an id and a type of get, set, result or error' } };
  }
  if ((type === 'get' || type === 'set') && iq.getChildElements().length !== 1) {
    return { kind: 'bounce', error: { condition: 'bad-request', text: 'an iq get or set carries exactly one payload element' } };
  }
  return { kind: 'route', stanza: iq };
}
