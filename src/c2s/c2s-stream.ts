// One client stream (RFC 6120 §4–§7): header, STARTTLS, SASL, resource binding, then stanzas
// to and from the router. The same class serves TCP, direct TLS and WebSocket transports.
import { randomBytes } from 'node:crypto';
import type { SecureContext } from 'node:tls';
import type { Logger } from 'pino';
import type { AccountStore } from '../persistence/ports.js';
import type { Router } from '../router/router.js';
import { channelBindings } from '../stream/tls/channel-binding.js';
import type { SaslMechanism } from '../stream/sasl/mechanism.js';
import type { Transport } from '../stream/transport.js';
import { XmlStreamParser, type StreamHeader, type XmlLimits } from '../stream/xml-stream-parser.js';
import { xml, type Element } from '../xmpp/element.js';
import { Jid, normalizeLocal } from '../xmpp/jid.js';
import { NS } from '../xmpp/namespaces.js';
import { errorReply } from '../xmpp/stanza-errors.js';
import { streamErrorElement, type StreamError } from '../xmpp/stream-errors.js';
import type { AuthThrottle } from './auth-throttle.js';
import { ClientSession, type SessionStream, type StreamManagementSettings } from './client-session.js';
import { Keepalive } from './keepalive.js';
import { handleRegistration, type RegistrationDependencies } from './registration.js';
import { requestedResource } from './resource-binding.js';
import { SaslNegotiation } from './sasl-negotiation.js';
import { beforeBind, onBoundStream } from './sm-elements.js';
import { intakeStanza } from './stanza-intake.js';
import { closingTag, openingTag, validateOpening } from './stream-header.js';

export interface C2sSettings {
  domain: string;
  requireEncryption: boolean;
  limits: XmlLimits & { maxUnauthenticatedStanzaBytes: number; unauthenticatedTimeoutMs: number; idleTimeoutMs: number };
  registration: { enabled: boolean; requireEncryption: boolean };
  streamManagement: StreamManagementSettings;
  /** Server-to-client pings on a silent bound stream (XEP-0199 §4.3, or an SM request). */
  keepalive: { pingIntervalMs: number; pingTimeoutMs: number };
}

export interface C2sDependencies {
  settings: C2sSettings;
  router: Router;
  accounts: AccountStore;
  saslMechanisms: readonly SaslMechanism[];
  throttle: AuthThrottle;
  tls: { secureContext: SecureContext; endPointHash: Buffer };
  registration: RegistrationDependencies;
  /** XEP-0198 sessions that can be resumed on this node, by resumption id. */
  resumableSessions: Map<string, ClientSession>;
  /** Stream features offered in every features element (XEP-0115 caps, §6.3). */
  extraFeatures: () => Element[];
  log: Logger;
}

type Phase = 'awaiting-header' | 'negotiating' | 'authenticated' | 'bound' | 'closed';

// A client that stops reading must not make the server buffer without bound.
const MAX_BUFFERED_FACTOR = 16;

/** Reasons a stream ends that leave an XEP-0198 session waiting to be resumed. */
const LOST_CONNECTION = new Set(['transport-closed', 'connection-timeout']);

export class C2sStream implements SessionStream {
  private phase: Phase = 'awaiting-header';
  private parser: XmlStreamParser;
  private headerSent = false;
  private username: string | undefined;
  private session: ClientSession | undefined;
  private sasl: SaslNegotiation | undefined;
  /** Names the connection in logs; each stream header gets a fresh stream id (RFC 6120 §4.7.3). */
  private readonly connectionId = randomBytes(9).toString('base64url');
  private readonly log: Logger;
  private readonly unauthenticatedTimer: NodeJS.Timeout;
  private readonly idleTimer: NodeJS.Timeout;
  private keepalive: Keepalive | undefined;
  /** Stanzas from the client are handled one at a time, in order. */
  private queue: Promise<void> = Promise.resolve();
  private readonly closeListeners: (() => void)[] = [];
  private isCleanedUp = false;

  constructor(private readonly transport: Transport, private readonly deps: C2sDependencies) {
    this.log = deps.log.child({ connection: this.connectionId, remoteAddress: transport.remoteAddress, transport: transport.kind });
    this.parser = this.newParser();
    const { limits } = deps.settings;
    this.unauthenticatedTimer = setTimeout(() => this.close({ condition: 'connection-timeout', text: 'authentication took too long' }), limits.unauthenticatedTimeoutMs);
    this.idleTimer = setTimeout(() => this.close({ condition: 'connection-timeout', text: 'idle for too long' }), limits.idleTimeoutMs);
    transport.onData((bytes) => {
      this.idleTimer.refresh();
      this.keepalive?.activity();
      this.parser.write(bytes);
    });
    transport.onClose(() => this.onTransportClosed());
    this.log.debug('connected');
  }

  onClose(listener: () => void): void {
    this.closeListeners.push(listener);
  }

  /** Writes a stanza or SM element for the session this stream carries. */
  write(element: Element): void {
    if (this.phase !== 'bound') return;
    this.send(element);
  }

  /** Another stream resumed this stream's session (XEP-0198 §5): close the connection, leave the session be. */
  detach(): void {
    this.session = undefined;
    this.finish('resumed elsewhere');
  }

  /** Closes with a stream error (RFC 6120 §4.9): header if none was sent, the error, the close. */
  close(error: StreamError): void {
    if (this.phase === 'closed') return;
    this.ensureHeader();
    this.writeRaw(this.serialize(streamErrorElement(error)));
    this.finish(error.condition);
  }

  private newParser(): XmlStreamParser {
    return new XmlStreamParser(this.transport.framing, this.currentLimits(), {
      onStreamStart: (header) => this.onOpening(header, header.attrs),
      onElement: (element) => this.onElement(element),
      onStreamEnd: () => this.onClientClose(),
      onError: (condition, text) => this.close({ condition, text }),
    });
  }

  private currentLimits(): XmlLimits {
    const { limits } = this.deps.settings;
    const isAuthenticated = this.phase === 'authenticated' || this.phase === 'bound';
    return { ...limits, maxStanzaBytes: isAuthenticated ? limits.maxStanzaBytes : limits.maxUnauthenticatedStanzaBytes };
  }

  private onOpening(header: Pick<StreamHeader, 'localName' | 'uri' | 'defaultNs'>, attrs: Record<string, string>): void {
    const error = validateOpening(header, { to: attrs.to, version: attrs.version }, this.transport.framing,
      (domain) => domain === this.deps.settings.domain);
    this.ensureHeader();
    if (error !== undefined) {
      this.close(error);
      return;
    }
    if (this.phase === 'awaiting-header') this.phase = 'negotiating';
    this.sendFeatures();
  }

  private ensureHeader(): void {
    if (this.headerSent) return;
    this.headerSent = true;
    this.writeRaw(openingTag(this.transport.framing, randomBytes(12).toString('base64url'), this.deps.settings.domain, 'en'));
  }

  private sendFeatures(): void {
    const features = xml('stream:features', this.transport.framing === 'framed' ? { 'xmlns:stream': NS.stream } : {});
    if (this.phase === 'negotiating') {
      const mustStartTls = this.deps.settings.requireEncryption && !this.transport.isSecure();
      if (this.transport.canStartTls()) {
        features.cnode(xml('starttls', { xmlns: NS.tls }, mustStartTls ? xml('required') : undefined));
      }
      if (!mustStartTls) {
        for (const feature of this.saslNegotiation().features()) features.cnode(feature);
        if (this.canRegister()) features.cnode(xml('register', { xmlns: NS.registerFeature }));
      }
    } else if (this.phase === 'authenticated') {
      features.cnode(xml('bind', { xmlns: NS.bind }));
      features.cnode(xml('session', { xmlns: NS.session }, xml('optional')));
      features.cnode(xml('sm', { xmlns: NS.sm }));
    }
    for (const feature of this.deps.extraFeatures()) features.cnode(feature);
    this.writeRaw(this.serialize(features));
  }

  private canRegister(): boolean {
    const { registration } = this.deps.settings;
    return registration.enabled && (this.transport.isSecure() || !registration.requireEncryption);
  }

  private saslNegotiation(): SaslNegotiation {
    if (this.sasl === undefined) {
      const { domain } = this.deps.settings;
      this.sasl = new SaslNegotiation({
        mechanisms: this.deps.saslMechanisms,
        throttle: this.deps.throttle,
        remoteAddress: this.transport.remoteAddress,
        domain,
        log: this.log,
        context: {
          domain,
          isSecure: this.transport.isSecure(),
          channelBindings: channelBindings(this.transport.tlsSocket(), this.deps.tls.endPointHash),
          lookupCredentials: async (username) => (await this.deps.accounts.get(username, domain))?.credentials,
          normalizeUsername: normalizeLocal,
        },
      });
    }
    return this.sasl;
  }

  private onElement(element: Element): void {
    this.queue = this.queue.then(() => this.process(element)).catch((error: unknown) => {
      this.log.error({ err: error, element: element.name, stanzaId: element.attrs.id }, 'failed to process element');
      this.close({ condition: 'internal-server-error' });
    });
  }

  private async process(element: Element): Promise<void> {
    if (this.phase === 'closed') return;
    const ns = element.attrs.xmlns as string | undefined;
    if (this.transport.framing === 'framed' && ns === NS.framing) {
      if (element.name === 'open') this.onOpening({ localName: 'open', uri: NS.framing, defaultNs: '' }, element.attrs);
      else if (element.name === 'close') this.onClientClose();
      else this.close({ condition: 'unsupported-stanza-type' });
      return;
    }
    if (this.phase === 'awaiting-header') {
      this.close({ condition: 'not-well-formed', text: 'expected <open/>' });
      return;
    }
    if (this.phase === 'bound') {
      await this.processStanza(element);
      return;
    }
    if (this.phase === 'negotiating') await this.negotiate(element, ns);
    else if (ns === NS.sm) this.streamManagementBeforeBind(element);
    else this.bindResource(element);
  }

  private async negotiate(element: Element, ns: string | undefined): Promise<void> {
    const mustStartTls = this.deps.settings.requireEncryption && !this.transport.isSecure();
    if (ns === NS.tls && element.name === 'starttls') {
      await this.startTls();
    } else if (ns === NS.sasl && !mustStartTls) {
      const outcome = await this.saslNegotiation().handle(element);
      this.writeRaw(this.serialize(outcome.reply));
      if (outcome.username !== undefined) this.authenticated(outcome.username);
    } else if (ns === NS.sasl) {
      this.writeRaw(this.serialize(xml('failure', { xmlns: NS.sasl }, xml('encryption-required'))));
    } else if (element.name === 'iq' && element.getChild('query', NS.register) !== undefined && this.canRegister()) {
      const outcome = await handleRegistration(element, this.deps.registration, this.transport.remoteAddress);
      const reply = outcome.type === 'error'
        ? errorReply(element, outcome.error)
        : xml('iq', { type: 'result', id: element.attrs.id as string | undefined }, outcome.payload);
      delete reply.attrs.to;
      this.writeRaw(this.serialize(reply));
    } else {
      // RFC 6120 §5.3.1, §6.4.1: nothing but negotiation before authentication.
      this.close({ condition: mustStartTls ? 'policy-violation' : 'not-authorized', text: mustStartTls ? 'STARTTLS is required' : 'authenticate first' });
    }
  }

  private async startTls(): Promise<void> {
    if (!this.transport.canStartTls()) {
      this.writeRaw(`<failure xmlns='${NS.tls}'/>`);
      this.finish('tls-unavailable');
      return;
    }
    this.writeRaw(`<proceed xmlns='${NS.tls}'/>`);
    this.parser = this.newParser();
    this.sasl = undefined;
    this.headerSent = false;
    this.phase = 'awaiting-header';
    try {
      await this.transport.startTls();
    } catch (error) {
      this.log.info({ err: error }, 'TLS handshake failed');
      this.finish('tls-failed');
    }
  }

  private authenticated(username: string): void {
    this.username = username;
    this.phase = 'authenticated';
    // RFC 6120 §6.4.6: the stream restarts after SASL success.
    this.headerSent = false;
    if (this.transport.framing === 'stream') this.parser = this.newParser();
    else this.parser.setLimits(this.currentLimits());
  }

  private bindResource(element: Element): void {
    if (element.name !== 'iq' || element.getChild('bind', NS.bind) === undefined) {
      this.close({ condition: 'not-authorized', text: 'bind a resource first' });
      return;
    }
    const request = requestedResource(element);
    if (request.kind === 'error') {
      this.writeRaw(this.serialize(errorReply(element, request.error)));
      return;
    }
    const jid = Jid.of(this.username ?? '', this.deps.settings.domain, request.resource);
    this.session = new ClientSession(jid, this, {
      router: this.deps.router,
      resumable: this.deps.resumableSessions,
      settings: this.deps.settings.streamManagement,
      domain: this.deps.settings.domain,
      log: this.log,
    });
    this.enterBound();
    this.deps.router.bind(this.session);
    this.log.info({ jid: jid.toString() }, 'resource bound');
    this.send(xml('iq', { type: 'result', id: element.attrs.id as string | undefined },
      xml('bind', { xmlns: NS.bind }, xml('jid', {}, jid.toString()))));
  }

  private enterBound(): void {
    this.phase = 'bound';
    clearTimeout(this.unauthenticatedTimer);
    const { pingIntervalMs, pingTimeoutMs } = this.deps.settings.keepalive;
    if (pingIntervalMs === 0) return;
    this.keepalive = new Keepalive(pingIntervalMs, pingTimeoutMs, () => this.ping(),
      () => this.close({ condition: 'connection-timeout', text: 'no answer to a ping' }));
  }

  /** Asks a silent client for a sign of life: an SM request when it acks, else an XEP-0199 ping. */
  private ping(): void {
    if (this.session?.isStreamManaged === true) {
      this.send(xml('r', { xmlns: NS.sm }));
      return;
    }
    this.send(xml('iq', { type: 'get', id: `ping-${randomBytes(6).toString('base64url')}`, from: this.deps.settings.domain,
      to: this.session?.jid.toString() }, xml('ping', { xmlns: NS.ping })));
  }

  /** XEP-0198 before binding: `<resume/>` (§5). */
  private streamManagementBeforeBind(element: Element): void {
    const outcome = beforeBind(element, this, this.deps.resumableSessions, this.username);
    if (outcome.kind === 'failed') {
      this.writeRaw(this.serialize(outcome.element));
    } else if (outcome.kind === 'close') {
      this.close(outcome.error);
    } else {
      this.session = outcome.session;
      this.enterBound();
      this.send(outcome.element);
      outcome.session.resendUnacknowledged();
    }
  }

  private async processStanza(element: Element): Promise<void> {
    const session = this.session;
    if (session === undefined) return;
    if (element.attrs.xmlns === NS.sm) {
      const outcome = onBoundStream(element, session);
      if (outcome.kind === 'reply') this.send(outcome.element);
      else if (outcome.kind === 'close') this.close(outcome.error);
      return;
    }
    session.countHandled();
    // RFC 3921 §3 legacy session establishment: accepted and answered for old clients.
    if (element.name === 'iq' && element.attrs.type === 'set' && element.getChild('session', NS.session) !== undefined) {
      this.send(xml('iq', { type: 'result', id: element.attrs.id as string | undefined }));
      return;
    }
    const result = intakeStanza(element, session.jid);
    if (result.kind === 'stream-error') this.close(result.error);
    else if (result.kind === 'bounce') this.send(errorReply(element, result.error));
    else await this.deps.router.route(result.stanza, session);
  }

  private send(element: Element): void {
    if (element.attrs.xmlns === undefined) element.attrs.xmlns = NS.client;
    this.writeRaw(element.toString());
    const limit = this.deps.settings.limits.maxStanzaBytes * MAX_BUFFERED_FACTOR;
    if (this.transport.bufferedBytes() > limit) this.close({ condition: 'policy-violation', text: 'the client is not reading its stream' });
  }

  private serialize(element: Element): string {
    if (this.transport.framing === 'framed' && element.name.startsWith('stream:')) element.attrs['xmlns:stream'] = NS.stream;
    return element.toString();
  }

  private writeRaw(data: string): void {
    if (this.phase !== 'closed') this.transport.send(data);
  }

  private onClientClose(): void {
    if (this.phase === 'closed') return;
    this.ensureHeader();
    this.finish('client-closed');
  }

  private finish(reason: string): void {
    if (this.phase === 'closed') return;
    this.writeRaw(closingTag(this.transport.framing));
    this.phase = 'closed';
    this.transport.end();
    this.cleanup(reason);
  }

  private onTransportClosed(): void {
    if (this.phase !== 'closed') this.phase = 'closed';
    this.cleanup('transport-closed');
  }

  private cleanup(reason: string): void {
    if (this.isCleanedUp) return;
    this.isCleanedUp = true;
    clearTimeout(this.unauthenticatedTimer);
    clearTimeout(this.idleTimer);
    this.keepalive?.stop();
    if (LOST_CONNECTION.has(reason)) this.session?.streamLost();
    else this.session?.streamClosed(reason);
    this.log.debug({ reason }, 'stream closed');
    for (const listener of this.closeListeners) listener();
  }
}
