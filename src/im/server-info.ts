// What the server says about itself: service discovery (XEP-0030), ping (XEP-0199),
// entity time (XEP-0202) and software version (XEP-0092).
import { readFileSync } from 'node:fs';
import os from 'node:os';
import type { Router } from '../router/router.js';
import { xml } from '../xmpp/element.js';
import { NS } from '../xmpp/namespaces.js';

export interface ServerInfoOptions {
  /** Extra features to advertise that have no iq handler of their own (e.g. stream-level ones). */
  extraFeatures: () => string[];
  /** Leave XEP-0092 unanswered, so the software and OS are not disclosed. */
  hideVersion: boolean;
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

export function registerServerInfo(router: Router, options: ServerInfoOptions): void {
  router.handlers.onIq('get', 'host', NS.discoInfo, (_iq, query) => {
    if (query.attrs.node !== undefined) return { type: 'error', error: { condition: 'item-not-found' } };
    const features = new Set([NS.discoInfo, NS.discoItems, ...router.handlers.namespaces('host'), ...options.extraFeatures()]);
    return {
      type: 'result',
      payload: xml('query', { xmlns: NS.discoInfo },
        xml('identity', { category: 'server', type: 'im', name: 'Parley' }),
        ...[...features].sort().map((feature) => xml('feature', { var: feature }))),
    };
  });
  router.handlers.onIq('get', 'host', NS.discoItems, (_iq, query) => {
    if (query.attrs.node !== undefined) return { type: 'error', error: { condition: 'item-not-found' } };
    return { type: 'result', payload: xml('query', { xmlns: NS.discoItems }) };
  });
  router.handlers.onIq('get', 'host', NS.ping, () => ({ type: 'result' }));
  router.handlers.onIq('get', 'host', NS.time, () => {
    const now = new Date();
    return { type: 'result', payload: xml('time', { xmlns: NS.time }, xml('tzo', {}, timeZoneOffset(now)), xml('utc', {}, now.toISOString())) };
  });
  // Hiding the version means not answering at all: XEP-0092 §2 makes <version/> mandatory.
  if (options.hideVersion) return;
  const version = softwareVersion();
  router.handlers.onIq('get', 'host', NS.version, () => ({
    type: 'result',
    payload: xml('query', { xmlns: NS.version },
      xml('name', {}, 'Parley'), xml('version', {}, version), xml('os', {}, `${os.type()} ${os.release()}`)),
  }));
}
