// XEP-0198 stream management counters (§4, §5): stanzas handled from the client, stanzas sent
// to it and kept until acknowledged. Pure: no timers, no I/O; the session drives it.
import type { Element } from '../xmpp/element.js';

/** Counters wrap at 2^32 (XEP-0198 §4). */
const MODULUS = 2 ** 32;

export interface UnackedStanza {
  stanza: Element;
  /** When it was first sent, for the XEP-0203 delay stamp if it has to be re-routed. */
  sentAt: Date;
}

export type AckOutcome =
  | { kind: 'ok'; acknowledged: number }
  /** The client claims more than was sent (XEP-0198 §4: handled-count-too-high). */
  | { kind: 'too-high'; sent: number };

export class StanzaAckQueue {
  /** Stanzas received from the client and handled: the 'h' the server reports. */
  private inbound = 0;
  /** Stanzas sent to the client, acknowledged or not, modulo 2^32. */
  private sent = 0;
  private readonly unacked: UnackedStanza[] = [];
  /** How many stanzas the client has acknowledged in all (capped), to tell a stale 'h' from a wrong one. */
  private acknowledgedInAll = 0;

  get handledCount(): number {
    return this.inbound;
  }

  get sentCount(): number {
    return this.sent;
  }

  get unackedCount(): number {
    return this.unacked.length;
  }

  countHandled(): void {
    this.inbound = (this.inbound + 1) % MODULUS;
  }

  push(stanza: Element, now: Date): void {
    this.unacked.push({ stanza, sentAt: now });
    this.sent = (this.sent + 1) % MODULUS;
  }

  /** Applies the client's 'h': forgets every stanza it has acknowledged. An older 'h' than before changes nothing. */
  acknowledge(h: number): AckOutcome {
    const oldest = this.oldestUnackedNumber();
    const acknowledged = (h - oldest + MODULUS) % MODULUS;
    if (acknowledged <= this.unacked.length) {
      this.unacked.splice(0, acknowledged);
      this.acknowledgedInAll = Math.min(this.acknowledgedInAll + acknowledged, MODULUS);
      return { kind: 'ok', acknowledged };
    }
    // An 'h' the client already went past (a late or repeated <a/>) is stale, not wrong.
    const behind = (oldest - h + MODULUS) % MODULUS;
    return behind <= this.acknowledgedInAll ? { kind: 'ok', acknowledged: 0 } : { kind: 'too-high', sent: this.sent };
  }

  /** What the client has not acknowledged, oldest first. */
  pending(): readonly UnackedStanza[] {
    return this.unacked;
  }

  /** Empties the queue, handing back what was in it. */
  drain(): UnackedStanza[] {
    return this.unacked.splice(0);
  }

  /** The sent count when the oldest unacknowledged stanza was not yet sent. */
  private oldestUnackedNumber(): number {
    return (this.sent - this.unacked.length + MODULUS) % MODULUS;
  }
}

/** An 'h' attribute: an unsigned 32-bit integer in decimal. */
export function parseHandledCount(value: unknown): number | undefined {
  if (typeof value !== 'string' || !/^\d{1,10}$/.test(value)) return undefined;
  const h = Number(value);
  return h < MODULUS ? h : undefined;
}
