// vcard-temp (XEP-0054): a user stores their vCard (§3.2) and reads it back (§3.1); others read
// it at the user's bare JID (§3.3). The server answers for the account; the vCard is kept as sent.
import type { VCardStore } from '../persistence/ports.js';
import type { IqOutcome } from '../router/handlers.js';
import type { Router } from '../router/router.js';
import { parseElement, xml } from '../xmpp/element.js';
import { NS } from '../xmpp/namespaces.js';

export interface VCardOptions {
  vcards: VCardStore;
  /** Largest vCard accepted, in bytes of XML. */
  maxBytes: number;
}

const NOT_A_VCARD: IqOutcome = { type: 'error', error: { condition: 'bad-request', text: 'expected <vCard/>' } };

export function registerVCard(router: Router, options: VCardOptions): void {
  router.handlers.onIq('get', 'bare', NS.vcard, async (_iq, request, { from, to }) => {
    if (request.name !== 'vCard') return NOT_A_VCARD;
    const stored = await options.vcards.get(to.local, to.domain);
    if (stored !== undefined) return { type: 'result', payload: parseElement(stored) };
    // §3.1: the owner may get an empty vCard; §3.3: anyone else MUST get an error, the same an
    // account that does not exist gets, so the answer does not tell the two apart.
    if (to.equals(from.bare())) return { type: 'result', payload: xml('vCard', { xmlns: NS.vcard }) };
    return { type: 'error', error: { condition: 'service-unavailable' } };
  });

  router.handlers.onIq('set', 'bare', NS.vcard, async (_iq, vcard, { from, to }) => {
    // §3.2: another user's vCard is forbidden.
    if (!to.equals(from.bare())) return { type: 'error', error: { condition: 'forbidden', text: 'only your own vCard' } };
    if (vcard.name !== 'vCard') return NOT_A_VCARD;
    const serialized = vcard.toString();
    if (Buffer.byteLength(serialized) > options.maxBytes) {
      return { type: 'error', error: { condition: 'not-acceptable', text: `a vCard holds at most ${options.maxBytes} bytes` } };
    }
    await options.vcards.set(to.local, to.domain, serialized);
    return { type: 'result' };
  });
}
