// Stream errors (RFC 6120 §4.9): the conditions and the element that carries them.
import { xml, type Element } from './element.js';
import { NS } from './namespaces.js';

export type StreamErrorCondition =
  | 'bad-format' | 'bad-namespace-prefix' | 'conflict' | 'connection-timeout'
  | 'host-gone' | 'host-unknown' | 'improper-addressing' | 'internal-server-error'
  | 'invalid-from' | 'invalid-namespace' | 'invalid-xml' | 'not-authorized'
  | 'not-well-formed' | 'policy-violation' | 'remote-connection-failed' | 'reset'
  | 'resource-constraint' | 'restricted-xml' | 'see-other-host' | 'system-shutdown'
  | 'undefined-condition' | 'unsupported-encoding' | 'unsupported-feature'
  | 'unsupported-stanza-type' | 'unsupported-version';

export interface StreamError {
  condition: StreamErrorCondition;
  text?: string;
  /** For see-other-host: the host (and port) to reconnect to. */
  otherHost?: string;
  /** An application-specific condition element (RFC 6120 §4.9.4), e.g. XEP-0198's handled-count-too-high. */
  appCondition?: Element;
}

export function streamErrorElement(error: StreamError): Element {
  const condition = error.condition === 'see-other-host' && error.otherHost !== undefined
    ? xml(error.condition, { xmlns: NS.streams }, error.otherHost)
    : xml(error.condition, { xmlns: NS.streams });
  return xml('stream:error', {}, condition,
    error.text === undefined ? undefined : xml('text', { xmlns: NS.streams, 'xml:lang': 'en' }, error.text),
    error.appCondition);
}
