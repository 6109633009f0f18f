// Entity capabilities (XEP-0115 §5.1): the verification string of a disco#info answer, so a
// client can cache what the server supports, advertised in stream features (§6.3).
import { createHash } from 'node:crypto';
import { xml, type Element } from '../xmpp/element.js';
import { NS } from '../xmpp/namespaces.js';

export interface DiscoIdentity {
  category: string;
  type: string;
  lang?: string;
  name?: string;
}

/** The node URI that names this software in caps (XEP-0115 §4). */
export const CAPS_NODE = 'https://parley.chat/caps';

function identityKey(identity: DiscoIdentity): string {
  return `${identity.category}/${identity.type}/${identity.lang ?? ''}/${identity.name ?? ''}`;
}

/** §5.1 steps 1–10 for identities and features (the server's answer carries no extended forms). */
export function capsVerification(identities: readonly DiscoIdentity[], features: readonly string[]): string {
  let text = '';
  for (const key of identities.map(identityKey).sort()) text += `${key}<`;
  for (const feature of [...new Set(features)].sort()) text += `${feature}<`;
  return createHash('sha1').update(text, 'utf8').digest('base64');
}

export function capsElement(verification: string): Element {
  return xml('c', { xmlns: NS.caps, hash: 'sha-1', node: CAPS_NODE, ver: verification });
}
