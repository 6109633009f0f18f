// What the server says about itself: service discovery (XEP-0030), ping (XEP-0199),
// entity time (XEP-0202) and software version (XEP-0092).
import { readFileSync } from 'node:fs';
import os from 'node:os';
import type { Router } from '../router/router.js';
import { xml, type Element } from '../xmpp/element.js';
import { NS } from '../xmpp/namespaces.js';
import { CAPS_NODE, capsElement, capsVerification, type DiscoIdentity } from './entity-caps.js';

export interface ServerInfoOptions {
  /** Extra features to advertise that have no iq handler of their own (e.g. stream-level ones). */
  extraFeatures: () => string[];
  /** Leave XEP-0092 unanswered, so the software and OS are not disclosed. */
  hideVersion: boolean;
  /** Services of this server listed in disco#items (XEP-0030 §4), such as the conference aliases. */
  items: () => readonly { jid: string; name: string }[];
}

function softwareVersion(): string {
  const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
  return packageJson.version ?? 'unknown';
}

/** XEP-0082 time zone offset, e.g. "+01:00". */
function timeZoneOffset(date: Date): string {
  const minutes = -date.getTimezoneOffset();
  const sign = minutes >= 0 ? '+' : '-';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

export interface ServerInfo {
  /** XEP-0115 caps of the server's disco#info, for stream features (computed once every handler is registered). */
  caps(): Element;
}

const IDENTITY: DiscoIdentity = { category: 'server', type: 'im', name: 'Parley' };

export function registerServerInfo(router: Router, options: ServerInfoOptions): ServerInfo {
  // What the server does on its accounts' behalf is discovered here too (XEP-0054 §4, XEP-0191 §3.1).
  const features = (): string[] => [...new Set([NS.discoInfo, NS.discoItems, ...router.handlers.namespaces('host'),
    ...router.handlers.namespaces('bare'), ...options.extraFeatures()])].sort();
  let verification: string | undefined;
  const capsVer = (): string => (verification ??= capsVerification([IDENTITY], features()));

  router.handlers.onIq('get', 'host', NS.discoInfo, (_iq, query) => {
    const node = query.attrs.node as string | undefined;
    // XEP-0115 §6.2: the caps node names this same answer.
    if (node !== undefined && node !== `${CAPS_NODE}#${capsVer()}`) return { type: 'error', error: { condition: 'item-not-found' } };
    return {
      type: 'result',
      payload: xml('query', { xmlns: NS.discoInfo, node },
        xml('identity', { category: IDENTITY.category, type: IDENTITY.type, name: IDENTITY.name }),
        ...features().map((feature) => xml('feature', { var: feature }))),
    };
  });
  router.handlers.onIq('get', 'host', NS.discoItems, (_iq, query) => {
    if (query.attrs.node !== undefined) return { type: 'error', error: { condition: 'item-not-found' } };
    return {
      type: 'result',
      payload: xml('query', { xmlns: NS.discoItems }, ...options.items().map((item) => xml('item', { jid: item.jid, name: item.name }))),
    };
  });
  router.handlers.onIq('get', 'host', NS.ping, () => ({ type: 'result' }));
  router.handlers.onIq('get', 'host', NS.time, () => {
    const now = new Date();
    return { type: 'result', payload: xml('time', { xmlns: NS.time }, xml('tzo', {}, timeZoneOffset(now)), xml('utc', {}, now.toISOString())) };
  });
  // Hiding the version means not answering at all: XEP-0092 §2 makes <version/> mandatory.
  if (!options.hideVersion) {
    const version = softwareVersion();
    router.handlers.onIq('get', 'host', NS.version, () => ({
      type: 'result',
      payload: xml('query', { xmlns: NS.version },
        xml('name', {}, 'Parley'), xml('version', {}, version), xml('os', {}, `${os.type()} ${os.release()}`)),
    }));
  }
  return { caps: () => capsElement(capsVer()) };
}
