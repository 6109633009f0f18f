// The router (DESIGN §3, §4): turns an addressed stanza into a delivery, a handler call or an
// error. Nothing but the router knows where a JID lives. RFC 6120 §10, RFC 6121 §8.
import type { Logger } from 'pino';
import { xml, type Element } from '../xmpp/element.js';
import { Jid } from '../xmpp/jid.js';
import { canBounce, errorReply, type StanzaErrorSpec } from '../xmpp/stanza-errors.js';
import {
  planForBareJid, planForFullJid, planForMissingAccount,
  type AddressedStanza, type DeliveryPlan, type StanzaKind,
} from './delivery-rules.js';
import {
  HandlerTable, messageKey, outboundKey, presenceKey,
  type AddressClass, type FilterVerdict, type StanzaContext, type StanzaFilter,
} from './handlers.js';
import { SessionRegistry } from './session-registry.js';
import type { ClientRoute, ComponentRoute } from './session.js';

export interface RouterDependencies {
  /** The XMPP domain of this node's accounts. */
  domain: string;
  /** Whether an account exists (cluster database). */
  accountExists(username: string, domain: string): Promise<boolean>;
  log: Logger;
}

/**
 * Keeps a message for an account with no resource to take it (XEP-0160): 'stored'; 'drop' for a
 * message not worth keeping (a bare chat state); 'bounce' when the store is full or refuses it.
 */
export type OfflineStore = (message: Element, to: Jid) => Promise<'stored' | 'drop' | 'bounce'>;

/** Told after a message was delivered to sessions of one of this node's accounts (carbons hook here). */
export type MessageDeliveredListener = (message: Element, context: StanzaContext, deliveredTo: readonly ClientRoute[]) => void;

export interface BindResult {
  jid: Jid;
  /** The session that had the same full JID and was replaced (it has been closed with conflict). */
  replaced?: ClientRoute;
}

export class Router {
  readonly sessions = new SessionRegistry();
  readonly handlers = new HandlerTable();
  private readonly components = new Map<string, ComponentRoute>();
  private readonly unbindListeners: ((session: ClientRoute) => void)[] = [];
  private offlineStore: OfflineStore | undefined;
  private readonly outboundFilters: StanzaFilter[] = [];
  private readonly inboundFilters: StanzaFilter[] = [];
  private readonly deliveredListeners: MessageDeliveredListener[] = [];

  constructor(private readonly deps: RouterDependencies) {}

  get domain(): string {
    return this.deps.domain;
  }

  isLocalDomain(domain: string): boolean {
    return domain === this.deps.domain;
  }

  /** Binds a client session; an existing session with the same full JID gets `<conflict/>` (RFC 6120 §7.7.2.2). */
  bind(session: ClientRoute): BindResult {
    const replaced = this.sessions.add(session);
    if (replaced !== undefined) {
      this.notifyUnbound(replaced);
      replaced.close({ condition: 'conflict', text: 'replaced by a new session with the same resource' });
    }
    return replaced === undefined ? { jid: session.jid } : { jid: session.jid, replaced };
  }

  unbind(session: ClientRoute): void {
    if (this.sessions.remove(session)) this.notifyUnbound(session);
  }

  onUnbind(listener: (session: ClientRoute) => void): void {
    this.unbindListeners.push(listener);
  }

  registerComponent(component: ComponentRoute): void {
    if (this.components.has(component.domain)) throw new Error(`a component already serves ${component.domain}`);
    this.components.set(component.domain, component);
  }

  /** Stanzas a local client sends pass these first (XEP-0191 blocking refuses some here). */
  addOutboundFilter(filter: StanzaFilter): void {
    this.outboundFilters.push(filter);
  }

  /** Stanzas addressed to a local account pass these before they are handled, delivered or stored. */
  addInboundFilter(filter: StanzaFilter): void {
    this.inboundFilters.push(filter);
  }

  onMessageDelivered(listener: MessageDeliveredListener): void {
    this.deliveredListeners.push(listener);
  }

  /**
   * Routes a stanza whose `from` has been stamped by its origin. A local client's stanza passes
   * the outbound filters and, if one is registered, its outbound handler. Never throws.
   */
  async route(stanza: Element, origin?: ClientRoute): Promise<void> {
    try {
      if (origin !== undefined && stanza.attrs.to !== undefined) {
        await this.routeOutbound(stanza, origin);
        return;
      }
      await this.dispatch(stanza, origin);
    } catch (error) {
      this.failed(stanza, error);
    }
  }

  /** Routes on a stanza an outbound handler has dealt with, skipping the outbound stage. Never throws. */
  async forward(stanza: Element, origin?: ClientRoute): Promise<void> {
    try {
      await this.dispatch(stanza, origin);
    } catch (error) {
      this.failed(stanza, error);
    }
  }

  /**
   * Routes a stanza whose addresses its sender has already parsed (a component's fan-out, where
   * one room message goes to hundreds of sessions): the rules of route() without parsing again.
   * Never throws.
   */
  routeParsed(stanza: Element, from: Jid, to: Jid): void {
    try {
      if (this.deliverAtOnce(stanza, from, to)) return;
    } catch (error) {
      this.failed(stanza, error);
      return;
    }
    this.dispatchTo(stanza, undefined, from, to).catch((error: unknown) => this.failed(stanza, error));
  }

  /**
   * The common case of a fan-out, decided without waiting: a message or presence for a session
   * bound here under that full JID (§8.5.3.1), whose inbound filters answer at once. False when
   * the general path must decide (then nothing was done, the filters aside, which have no effects).
   */
  private deliverAtOnce(stanza: Element, from: Jid, to: Jid): boolean {
    const kind = stanza.name;
    if ((kind !== 'message' && kind !== 'presence') || to.isBare || to.local === '' || !this.isLocalDomain(to.domain)) return false;
    const session = this.sessions.getFull(to);
    if (session === undefined) return false;
    // The delivery rules decide, as on the general path; only their 'deliver' is taken here.
    const addressed: AddressedStanza = { kind, type: typeof stanza.attrs.type === 'string' ? stanza.attrs.type : '' };
    if (planForFullJid(addressed, session, []).action !== 'deliver') return false;
    const context: StanzaContext = { from, to };
    for (const filter of this.inboundFilters) {
      const verdict = filter(stanza, context);
      if (verdict instanceof Promise) {
        // The general path asks again and handles the outcome; this answer is not awaited.
        verdict.catch(() => undefined);
        return false;
      }
      if (verdict === 'pass') continue;
      if (verdict !== 'drop') this.bounce(stanza, verdict.bounce);
      return true;
    }
    session.deliver(stanza);
    if (kind === 'message') this.notifyDelivered(stanza, context, [session]);
    return true;
  }

  private failed(stanza: Element, error: unknown): void {
    this.deps.log.error({ err: error, stanzaId: stanza.attrs.id, stanza: stanza.name }, 'stanza handling failed');
    this.bounce(stanza, { condition: 'internal-server-error' });
  }

  private async routeOutbound(stanza: Element, origin: ClientRoute): Promise<void> {
    const context: StanzaContext = { from: origin.jid, to: Jid.parse(String(stanza.attrs.to)), origin };
    if (!(await this.passes(this.outboundFilters, stanza, context))) return;
    const type = typeof stanza.attrs.type === 'string' ? stanza.attrs.type : '';
    const handler = stanza.name === 'iq' ? undefined : this.handlers.stanza(outboundKey(stanza.name as 'message' | 'presence', type));
    if (handler === undefined) await this.dispatch(stanza, origin);
    else await handler(stanza, context);
  }

  /** Runs filters in order; false when one dropped or bounced the stanza. */
  private async passes(filters: readonly StanzaFilter[], stanza: Element, context: StanzaContext): Promise<boolean> {
    for (const filter of filters) {
      const verdict: FilterVerdict = await filter(stanza, context);
      if (verdict === 'pass') continue;
      if (verdict !== 'drop') this.bounce(stanza, verdict.bounce);
      return false;
    }
    return true;
  }

  /** Sends an error reply to a stanza's sender, unless it is itself an error. */
  bounce(stanza: Element, error: StanzaErrorSpec): void {
    const sender = stanza.attrs.from as string | undefined;
    if (!canBounce(stanza) || sender === undefined) return;
    const reply = errorReply(stanza, error);
    // RFC 6120 §10.3.3: a stanza without 'to' was handled on behalf of the sender's account.
    if (reply.attrs.from === undefined) reply.attrs.from = Jid.parse(sender).bare().toString();
    void this.route(reply);
  }

  private async dispatch(stanza: Element, origin: ClientRoute | undefined): Promise<void> {
    const kind = stanza.name as StanzaKind;
    // A local client's stanza was stamped with its bound JID just now; no need to parse it again.
    const from = origin?.jid ?? Jid.parse(String(stanza.attrs.from));
    const type = typeof stanza.attrs.type === 'string' ? stanza.attrs.type : '';
    const toAttr = stanza.attrs.to as string | undefined;
    if (toAttr === undefined && kind === 'presence') {
      await this.runHandler(presenceKey(type, 'none'), stanza, { from, to: from.bare(), origin });
      return;
    }
    // RFC 6120 §10.3: no 'to' means the sender's own account.
    const to = toAttr === undefined ? from.bare() : Jid.parse(toAttr);
    await this.dispatchTo(stanza, origin, from, to);
  }

  private async dispatchTo(stanza: Element, origin: ClientRoute | undefined, from: Jid, to: Jid): Promise<void> {
    const kind = stanza.name as StanzaKind;
    const type = typeof stanza.attrs.type === 'string' ? stanza.attrs.type : '';
    const context: StanzaContext = origin === undefined ? { from, to } : { from, to, origin };
    if (!this.isLocalDomain(to.domain)) {
      const component = this.components.get(to.domain);
      if (component !== undefined) component.deliver(stanza);
      else this.bounce(stanza, { condition: 'remote-server-not-found', text: `no route to ${to.domain}` });
      return;
    }
    if (to.local === '') {
      await this.toHost(stanza, { kind, type }, context);
      return;
    }
    await this.toAccount(stanza, { kind, type }, context);
  }

  private async toHost(stanza: Element, addressed: AddressedStanza, context: StanzaContext): Promise<void> {
    if (addressed.kind === 'iq') {
      await this.runIq(stanza, 'host', context);
    } else if (addressed.kind === 'message') {
      await this.runHandler(messageKey('host'), stanza, context);
    } else {
      await this.runHandler(presenceKey(addressed.type, 'host'), stanza, context);
    }
  }

  private async toAccount(stanza: Element, addressed: AddressedStanza, context: StanzaContext): Promise<void> {
    const { to } = context;
    const sessions = this.sessions.getAll(to);
    // Presence for an account with no session here is dropped whether or not the account exists
    // (§8.5.1, §8.5.2.2.1): decided without storage, which matters for broadcasts to offline contacts.
    if (sessions.length === 0 && addressed.kind === 'presence' && (addressed.type === '' || addressed.type === 'unavailable')) return;
    if (this.inboundFilters.length > 0 && !(await this.passes(this.inboundFilters, stanza, context))) return;
    const target: AddressClass = to.isBare ? 'bare' : 'full';
    let plan: DeliveryPlan;
    if (sessions.length === 0 && !(await this.deps.accountExists(to.local, to.domain))) {
      plan = planForMissingAccount(addressed);
    } else if (to.isBare) {
      plan = planForBareJid(addressed, sessions);
    } else {
      plan = planForFullJid(addressed, this.sessions.getFull(to), sessions);
    }
    switch (plan.action) {
      case 'deliver':
        for (const session of plan.to) session.deliver(stanza);
        if (addressed.kind === 'message') this.notifyDelivered(stanza, context, plan.to);
        return;
      case 'handle':
        if (addressed.kind === 'iq') await this.runIq(stanza, target, context);
        else await this.runHandler(presenceKey(addressed.type, target), stanza, context);
        return;
      case 'store-offline': {
        const outcome = this.offlineStore === undefined ? 'bounce' : await this.offlineStore(stanza, to);
        if (outcome === 'bounce') this.bounce(stanza, { condition: 'service-unavailable' });
        return;
      }
      case 'bounce':
        this.bounce(stanza, { condition: plan.condition });
        return;
      case 'drop':
        return;
    }
  }

  /** Registers offline storage (XEP-0160); without one, undeliverable messages bounce. */
  useOfflineStore(store: OfflineStore): void {
    if (this.offlineStore !== undefined) throw new Error('an offline store is already registered');
    this.offlineStore = store;
  }

  private async runHandler(key: string, stanza: Element, context: StanzaContext): Promise<void> {
    const handler = this.handlers.stanza(key);
    if (handler !== undefined) await handler(stanza, context);
  }

  private async runIq(iq: Element, target: AddressClass, context: StanzaContext): Promise<void> {
    const type = iq.attrs.type as string | undefined;
    if (type !== 'get' && type !== 'set') return;
    const payload = iq.getChildElements()[0];
    const namespace = payload?.getNS();
    const handler = payload === undefined || namespace === undefined ? undefined : this.handlers.iq(type, target, namespace);
    if (handler === undefined || payload === undefined) {
      this.bounce(iq, { condition: 'service-unavailable' });
      return;
    }
    const outcome = await handler(iq, payload, context);
    if (outcome.type === 'error') {
      this.bounce(iq, outcome.error);
      return;
    }
    const reply = xml('iq', { type: 'result', id: iq.attrs.id as string, from: context.to.toString(), to: context.from.toString() },
      outcome.payload);
    if (iq.attrs.to === undefined && context.origin !== undefined) {
      // RFC 6120 §10.3.3: the reply to a stanza without 'to' may omit 'from'; clients match it on id.
      delete reply.attrs.from;
      context.origin.deliver(reply);
      return;
    }
    await this.route(reply);
  }

  private notifyDelivered(message: Element, context: StanzaContext, sessions: readonly ClientRoute[]): void {
    for (const listener of this.deliveredListeners) listener(message, context, sessions);
  }

  private notifyUnbound(session: ClientRoute): void {
    for (const listener of this.unbindListeners) {
      try {
        listener(session);
      } catch (error) {
        this.deps.log.error({ err: error, jid: session.jid.toString() }, 'unbind listener failed');
      }
    }
  }
}
