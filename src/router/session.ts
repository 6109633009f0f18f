// What the router knows of a place stanzas can be delivered to: one abstraction, tagged by kind
// (STYLE §10). A peer node will be another kind with the same deliver() path.
import type { Element } from '../xmpp/element.js';
import type { Jid } from '../xmpp/jid.js';
import type { StreamError } from '../xmpp/stream-errors.js';

export interface Availability {
  /** Whether the resource has sent available presence (RFC 6121 §4.2). */
  isAvailable: boolean;
  /** Presence priority, -128..127 (RFC 6121 §4.7.2.3). */
  priority: number;
  /** The last available presence broadcast by the resource, as sent. */
  lastPresence?: Element;
}

export interface ClientRoute {
  readonly kind: 'client';
  /** Full JID bound to the session. */
  readonly jid: Jid;
  readonly availability: Availability;
  deliver(stanza: Element): void;
  /** Ends the session with a stream error. */
  close(error: StreamError): void;
}

export interface ComponentRoute {
  readonly kind: 'component';
  /** The domain the component serves. */
  readonly domain: string;
  deliver(stanza: Element): void;
}

export type Route = ClientRoute | ComponentRoute;
