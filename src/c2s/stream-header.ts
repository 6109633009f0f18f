// Opening and validating stream headers (RFC 6120 §4.7, RFC 7395 §3.3).
import type { StreamHeader } from '../stream/xml-stream-parser.js';
import { escapeXml } from '../xmpp/element.js';
import { normalizeDomain } from '../xmpp/jid.js';
import { NS } from '../xmpp/namespaces.js';
import type { StreamError } from '../xmpp/stream-errors.js';

export interface OpeningAttributes {
  to?: string | undefined;
  version?: string | undefined;
  lang?: string | undefined;
}

/** Checks an opening `<stream:stream>` or `<open/>`; returns the stream error to send, if any. */
export function validateOpening(
  header: Pick<StreamHeader, 'localName' | 'uri' | 'defaultNs'>,
  attrs: OpeningAttributes,
  framing: 'stream' | 'framed',
  isServedDomain: (domain: string) => boolean,
): StreamError | undefined {
  if (framing === 'stream') {
    if (header.localName !== 'stream' || header.uri !== NS.stream) {
      return { condition: 'invalid-namespace', text: `the stream element must be {${NS.stream}}stream` };
    }
    if (header.defaultNs !== NS.client) {
      return { condition: 'invalid-namespace', text: `the content namespace must be ${NS.client}` };
    }
  } else if (header.localName !== 'open' || header.uri !== NS.framing) {
    return { condition: 'invalid-namespace', text: `the first element must be {${NS.framing}}open` };
  }
  if (attrs.to !== undefined) {
    const domain = normalizeDomain(attrs.to);
    if (domain === undefined || !isServedDomain(domain)) return { condition: 'host-unknown', text: `${attrs.to.slice(0, 100)} is not served here` };
  }
  // RFC 6120 §4.7.5: a missing version means 0.9, which lacks what this server requires.
  const major = Number.parseInt((attrs.version ?? '0.9').split('.')[0] ?? '0', 10);
  if (!(major >= 1)) return { condition: 'unsupported-version', text: 'XMPP 1.0 streams are required' };
  return undefined;
}

export function openingTag(framing: 'stream' | 'framed', id: string, domain: string, lang: string): string {
  const from = escapeXml(domain);
  const language = escapeXml(lang);
  if (framing === 'framed') {
    return `<open xmlns='${NS.framing}' id='${id}' from='${from}' version='1.0' xml:lang='${language}'/>`;
  }
  return `<?xml version='1.0'?><stream:stream xmlns='${NS.client}' xmlns:stream='${NS.stream}' id='${id}' from='${from}' version='1.0' xml:lang='${language}'>`;
}

export function closingTag(framing: 'stream' | 'framed'): string {
  return framing === 'framed' ? `<close xmlns='${NS.framing}'/>` : '</stream:stream>';
}
