// SASL negotiation on a c2s stream (RFC 6120 §6.4): <auth/>, <challenge/>, <response/>,
// <abort/>, <success/>, <failure/>, with channel-binding types advertised (XEP-0440).
import type { Logger } from 'pino';
import { decodeBase64 } from '../stream/sasl/encoding.js';
import type { SaslContext, SaslExchange, SaslFailureCondition, SaslMechanism, SaslStep } from '../stream/sasl/mechanism.js';
import { xml, type Element } from '../xmpp/element.js';
import { NS } from '../xmpp/namespaces.js';
import type { AuthThrottle } from './auth-throttle.js';

export interface SaslOutcome {
  reply: Element;
  /** Set when authentication succeeded. */
  username?: string;
}

export interface SaslNegotiationDependencies {
  mechanisms: readonly SaslMechanism[];
  context: SaslContext;
  throttle: AuthThrottle;
  remoteAddress: string;
  domain: string;
  log: Logger;
}

function encode(data: Buffer | undefined): string {
  return data === undefined || data.length === 0 ? '=' : data.toString('base64');
}

function failure(condition: SaslFailureCondition, text?: string): SaslOutcome {
  return {
    reply: xml('failure', { xmlns: NS.sasl }, xml(condition),
      text === undefined ? undefined : xml('text', { 'xml:lang': 'en' }, text)),
  };
}

export class SaslNegotiation {
  private exchange: SaslExchange | undefined;
  private mechanismName = '';

  constructor(private readonly deps: SaslNegotiationDependencies) {}

  offered(): SaslMechanism[] {
    return this.deps.mechanisms.filter((mechanism) => mechanism.isOffered(this.deps.context));
  }

  /** The `<mechanisms/>` feature and, on TLS, the channel-binding types (XEP-0440). */
  features(): Element[] {
    const features = [xml('mechanisms', { xmlns: NS.sasl }, ...this.offered().map((mechanism) => xml('mechanism', {}, mechanism.name)))];
    const types = Object.keys(this.deps.context.channelBindings);
    if (types.length > 0) {
      features.push(xml('sasl-channel-binding', { xmlns: NS.saslChannelBinding }, ...types.map((type) => xml('channel-binding', { type }))));
    }
    return features;
  }

  async handle(element: Element): Promise<SaslOutcome> {
    switch (element.name) {
      case 'auth':
        return this.start(element);
      case 'response':
        return this.respond(element);
      case 'abort':
        this.exchange = undefined;
        return failure('aborted');
      default:
        return failure('malformed-request', `unexpected <${element.name}/>`);
    }
  }

  private async start(auth: Element): Promise<SaslOutcome> {
    const name = String(auth.attrs.mechanism ?? '');
    const mechanism = this.offered().find((candidate) => candidate.name === name);
    if (mechanism === undefined) {
      const exists = this.deps.mechanisms.some((candidate) => candidate.name === name);
      return exists && !this.deps.context.isSecure ? failure('encryption-required') : failure('invalid-mechanism');
    }
    if (this.deps.throttle.isAddressThrottled(this.deps.remoteAddress)) {
      this.deps.log.warn({ remoteAddress: this.deps.remoteAddress }, 'login refused: address throttled after failed attempts');
      return failure('temporary-auth-failure', 'too many failed attempts; try again later');
    }
    const text = auth.getText().trim();
    let initial: Buffer | undefined;
    if (text === '=') initial = Buffer.alloc(0);
    else if (text !== '') {
      initial = decodeBase64(text);
      if (initial === undefined) return failure('incorrect-encoding');
    }
    this.exchange = mechanism.createExchange(this.deps.context);
    this.mechanismName = name;
    return this.conclude(await this.exchange.start(initial));
  }

  private async respond(response: Element): Promise<SaslOutcome> {
    if (this.exchange === undefined) return failure('malformed-request', 'no authentication in progress');
    const text = response.getText().trim();
    const data = text === '=' || text === '' ? Buffer.alloc(0) : decodeBase64(text);
    if (data === undefined) {
      this.exchange = undefined;
      return failure('incorrect-encoding');
    }
    return this.conclude(await this.exchange.respond(data));
  }

  private conclude(step: SaslStep): SaslOutcome {
    if (step.kind === 'challenge') return { reply: xml('challenge', { xmlns: NS.sasl }, encode(step.data)) };
    this.exchange = undefined;
    const address = this.deps.remoteAddress;
    if (step.kind === 'success') {
      const account = `${step.username}@${this.deps.domain}`;
      if (this.deps.throttle.isAccountThrottled(account)) {
        this.deps.log.warn({ account, remoteAddress: address }, 'login refused: account throttled after failed attempts');
        return failure('temporary-auth-failure', 'too many failed attempts; try again later');
      }
      this.deps.throttle.recordSuccess(account);
      this.deps.log.info({ account, mechanism: this.mechanismName, remoteAddress: address }, 'authenticated');
      return { reply: xml('success', { xmlns: NS.sasl }, step.additionalData === undefined ? undefined : encode(step.additionalData)), username: step.username };
    }
    const account = step.username === undefined ? undefined : `${step.username}@${this.deps.domain}`;
    const throttled = this.deps.throttle.recordFailure(address, account);
    this.deps.log.warn({ account, mechanism: this.mechanismName, remoteAddress: address, condition: step.condition, ...(throttled.address || throttled.account ? { throttled } : {}) }, 'authentication failed');
    return failure(step.condition, step.text);
  }
}
