// A bound client session (RFC 6120 §7), apart from the stream that carries it, so that a
// XEP-0198 session can outlive its TCP connection and be resumed by a new stream (§5), and
// so that what the client never acknowledged is re-routed, not dropped, when it ends (§4).
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { Router } from '../router/router.js';
import type { Availability, ClientRoute } from '../router/session.js';
import { cloneElement, xml, type Element } from '../xmpp/element.js';
import type { Jid } from '../xmpp/jid.js';
import { NS } from '../xmpp/namespaces.js';
import type { StreamError } from '../xmpp/stream-errors.js';
import { StanzaAckQueue, type AckOutcome, type UnackedStanza } from './stream-management.js';

/** What a session needs of the stream that currently carries it. */
export interface SessionStream {
  /** Writes a stanza (or an SM element) to the client. */
  write(element: Element): void;
  /** Ends the stream with a stream error; the stream then tells the session it closed. */
  close(error: StreamError): void;
  /** Lets go of the connection without ending the session: another stream resumed it. */
  detach(): void;
}

export interface StreamManagementSettings {
  /** How long a session whose connection was lost waits to be resumed. 0 disables resumption. */
  resumeTimeoutMs: number;
  /** Most stanzas kept unacknowledged before the session is ended. */
  maxUnacked: number;
  /** After sending, how long to wait before asking the client to acknowledge (one request at a time). */
  ackRequestDelayMs: number;
}

export interface SessionDependencies {
  router: Router;
  /** Sessions that may be resumed, by resumption id (this node only). */
  resumable: Map<string, ClientSession>;
  settings: StreamManagementSettings;
  domain: string;
  log: Logger;
}

type SessionState = 'active' | 'hibernating' | 'ended';

export class ClientSession implements ClientRoute {
  readonly kind = 'client' as const;
  readonly availability: Availability = { isAvailable: false, priority: 0 };
  private state: SessionState = 'active';
  private ackQueue: StanzaAckQueue | undefined;
  private resumptionId: string | undefined;
  private hibernation: NodeJS.Timeout | undefined;
  private ackRequest: NodeJS.Timeout | undefined;
  private isAckRequested = false;

  constructor(readonly jid: Jid, private stream: SessionStream | undefined, private readonly deps: SessionDependencies) {}

  get isStreamManaged(): boolean {
    return this.ackQueue !== undefined;
  }

  get isEnded(): boolean {
    return this.state === 'ended';
  }

  deliver(stanza: Element): void {
    if (this.state === 'ended') return;
    if (this.ackQueue !== undefined) {
      this.ackQueue.push(stanza, new Date());
      if (this.ackQueue.unackedCount > this.deps.settings.maxUnacked) {
        this.close({ condition: 'policy-violation', text: 'too many unacknowledged stanzas' });
        return;
      }
      this.scheduleAckRequest();
    }
    this.stream?.write(stanza);
  }

  close(error: StreamError): void {
    if (this.stream === undefined) this.end(error.text ?? error.condition);
    else this.stream.close(error);
  }

  /** XEP-0198 §3: turns on acknowledgements; with `resume`, returns the id a new stream resumes with. */
  enableStreamManagement(wantsResumption: boolean): { id?: string; maxSeconds?: number } {
    this.ackQueue = new StanzaAckQueue();
    const { resumeTimeoutMs } = this.deps.settings;
    if (!wantsResumption || resumeTimeoutMs === 0) return {};
    this.resumptionId = randomBytes(18).toString('base64url');
    this.deps.resumable.set(this.resumptionId, this);
    return { id: this.resumptionId, maxSeconds: Math.ceil(resumeTimeoutMs / 1000) };
  }

  /** Counts a stanza from the client (the 'h' the server reports). */
  countHandled(): void {
    this.ackQueue?.countHandled();
  }

  get handledCount(): number {
    return this.ackQueue?.handledCount ?? 0;
  }

  acknowledge(h: number): AckOutcome {
    if (this.ackQueue === undefined) return { kind: 'ok', acknowledged: 0 };
    this.isAckRequested = false;
    const outcome = this.ackQueue.acknowledge(h);
    if (outcome.kind === 'ok' && this.ackQueue.unackedCount > 0) this.scheduleAckRequest();
    return outcome;
  }

  /** The connection went away without a clean close: wait to be resumed, or end. */
  streamLost(): void {
    if (this.state !== 'active') return;
    this.stream = undefined;
    if (this.resumptionId === undefined) {
      this.end('connection lost');
      return;
    }
    this.state = 'hibernating';
    this.clearAckRequest();
    this.deps.log.info({ jid: this.jid.toString(), unacked: this.ackQueue?.unackedCount }, 'session waiting to be resumed');
    this.hibernation = setTimeout(() => this.end('not resumed in time'), this.deps.settings.resumeTimeoutMs).unref();
  }

  /** The stream ended cleanly or with a stream error: the session ends with it (XEP-0198 §5). */
  streamClosed(reason: string): void {
    this.stream = undefined;
    this.end(reason);
  }

  /**
   * XEP-0198 §5: a new stream takes this session over. Applies the client's 'h', then resends
   * what it has not acknowledged. Returns the outcome of the acknowledgement.
   */
  resume(stream: SessionStream, h: number): AckOutcome {
    const outcome = this.acknowledge(h);
    if (outcome.kind === 'too-high') return outcome;
    clearTimeout(this.hibernation);
    this.stream?.detach();
    this.stream = stream;
    this.state = 'active';
    this.deps.log.info({ jid: this.jid.toString(), resent: this.ackQueue?.unackedCount }, 'session resumed');
    return outcome;
  }

  /** Sends again, on the resuming stream, every stanza the client has not acknowledged. */
  resendUnacknowledged(): void {
    for (const { stanza } of this.ackQueue?.pending() ?? []) this.stream?.write(stanza);
    if ((this.ackQueue?.unackedCount ?? 0) > 0) this.scheduleAckRequest();
  }

  /** Ends the session: unbinds it and re-routes what the client never acknowledged. */
  end(reason: string): void {
    if (this.state === 'ended') return;
    this.state = 'ended';
    clearTimeout(this.hibernation);
    this.clearAckRequest();
    if (this.resumptionId !== undefined) this.deps.resumable.delete(this.resumptionId);
    this.deps.router.unbind(this);
    const unacked = this.ackQueue?.drain() ?? [];
    if (unacked.length > 0) this.deps.log.info({ jid: this.jid.toString(), unacked: unacked.length, reason }, 'session ended with unacknowledged stanzas');
    for (const item of unacked) this.reroute(item);
  }

  /**
   * XEP-0198 §4: an unacknowledged message goes to another resource or offline storage, with
   * a delay stamp; an unanswered request gets an error; presence is dropped. Carbon copies
   * are not re-routed, their original went elsewhere already.
   */
  private reroute({ stanza, sentAt }: UnackedStanza): void {
    const type = stanza.attrs.type as string | undefined;
    if (stanza.name === 'iq') {
      if (type === 'get' || type === 'set') this.deps.router.bounce(stanza, { condition: 'service-unavailable', text: 'the recipient disconnected' });
      return;
    }
    if (stanza.name !== 'message' || type === 'error' || type === 'groupchat') return;
    if (stanza.getChild('received', NS.carbons) !== undefined || stanza.getChild('sent', NS.carbons) !== undefined) return;
    const copy = cloneElement(stanza);
    if (copy.getChild('delay', NS.delay) === undefined) {
      copy.cnode(xml('delay', { xmlns: NS.delay, from: this.deps.domain, stamp: sentAt.toISOString() }));
    }
    void this.deps.router.forward(copy);
  }

  private scheduleAckRequest(): void {
    if (this.isAckRequested || this.ackRequest !== undefined || this.stream === undefined) return;
    this.ackRequest = setTimeout(() => {
      this.ackRequest = undefined;
      if (this.stream === undefined || (this.ackQueue?.unackedCount ?? 0) === 0) return;
      this.isAckRequested = true;
      this.stream.write(xml('r', { xmlns: NS.sm }));
    }, this.deps.settings.ackRequestDelayMs);
  }

  private clearAckRequest(): void {
    clearTimeout(this.ackRequest);
    this.ackRequest = undefined;
    this.isAckRequested = false;
  }
}
