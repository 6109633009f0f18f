// The server side of SCRAM-SHA-1(-PLUS) and SCRAM-SHA-256(-PLUS): the exchange of RFC 5802 §5
// (keys per §3, syntax per §7) with the hash of RFC 7677 and channel binding per RFC 5802 §6.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { ScramCredential, ScramHashName } from '../../persistence/ports.js';
import { identify } from './identify.js';
import { createDecoyCredentials, type DecoyCredentials } from './decoy.js';
import { decodeUtf8 } from './encoding.js';
import { expectedBindingData, hasChannelBinding } from './gs2.js';
import type { SaslContext, SaslExchange, SaslFailureCondition, SaslMechanism, SaslStep } from './mechanism.js';
import { digestLength, h, hmac, xor } from './scram-crypto.js';
import { parseClientFinal, parseClientFirst } from './scram-messages.js';

export interface ScramOptions {
  hash: ScramHashName;
  plus: boolean;
  /** The server's part of the nonce: printable ASCII other than ','. Tests inject it to replay RFC examples. */
  randomNonce?: () => string;
  /** Credentials shown for usernames without an account; a process-local secret when absent. */
  decoy?: DecoyCredentials;
}

export function createScramMechanism(options: ScramOptions): SaslMechanism {
  const settings: ScramSettings = {
    hash: options.hash,
    plus: options.plus,
    randomNonce: options.randomNonce ?? (() => randomBytes(18).toString('base64')),
    decoy: options.decoy ?? createDecoyCredentials(),
  };
  return {
    name: `SCRAM-${options.hash}${options.plus ? '-PLUS' : ''}`,
    isOffered: (context) => !options.plus || hasChannelBinding(context),
    createExchange: (context) => new ScramExchange(settings, context),
  };
}

interface ScramSettings {
  hash: ScramHashName;
  plus: boolean;
  randomNonce: () => string;
  decoy: DecoyCredentials;
}

/** What the client-final-message is checked against. */
interface AwaitingFinal {
  username: string;
  /** False when `credential` is a decoy, which must fail even if a proof happened to match it. */
  accountExists: boolean;
  credential: ScramCredential;
  nonce: string;
  /** gs2-header followed by the binding data: what c= must decode to. */
  channelBinding: Buffer;
  /** client-first-message-bare "," server-first-message: the start of AuthMessage. */
  authMessagePrefix: string;
}

type Phase =
  | { name: 'initial' }
  | { name: 'awaiting-first' }
  | { name: 'awaiting-final'; state: AwaitingFinal }
  | { name: 'done' };

class ScramExchange implements SaslExchange {
  private phase: Phase = { name: 'initial' };

  constructor(
    private readonly settings: ScramSettings,
    private readonly context: SaslContext,
  ) {}

  async start(initialResponse: Buffer | undefined): Promise<SaslStep> {
    if (this.phase.name !== 'initial') return this.fail('malformed-request', 'the exchange has already started');
    if (initialResponse === undefined) {
      // SCRAM is client-first: without an initial response the server invites it (RFC 6120 §6.4.2).
      this.phase = { name: 'awaiting-first' };
      return { kind: 'challenge', data: Buffer.alloc(0) };
    }
    return this.clientFirst(initialResponse);
  }

  async respond(response: Buffer): Promise<SaslStep> {
    switch (this.phase.name) {
      case 'awaiting-first':
        return this.clientFirst(response);
      case 'awaiting-final':
        return this.clientFinal(this.phase.state, response);
      default:
        return this.fail('malformed-request', 'no response was expected');
    }
  }

  private async clientFirst(response: Buffer): Promise<SaslStep> {
    const text = decodeUtf8(response);
    if (text === undefined) return this.fail('malformed-request', 'the client-first-message is not UTF-8');
    const parsed = parseClientFirst(text);
    if (!parsed.ok) return this.fail(parsed.condition, parsed.text);
    const message = parsed.value;
    const bindingData = expectedBindingData(message.cbind, this.settings.plus, this.context);
    if (!bindingData.ok) return this.fail(bindingData.condition, bindingData.text);

    const identified = await identify(message.authcid, message.authzid, this.context);
    if (!identified.ok) return this.fail(identified.condition, identified.text, identified.username);
    const { username, stored } = identified;
    // The decoy is computed for every user so that knowing the account costs no less time.
    const decoy = this.settings.decoy(username, this.settings.hash);
    const credential = stored === undefined ? decoy : stored[this.settings.hash];

    const nonce = message.clientNonce + this.settings.randomNonce();
    const serverFirst = `r=${nonce},s=${credential.salt.toString('base64')},i=${String(credential.iterations)}`;
    this.phase = {
      name: 'awaiting-final',
      state: {
        username,
        accountExists: stored !== undefined,
        credential,
        nonce,
        channelBinding: Buffer.concat([Buffer.from(message.gs2Header, 'utf8'), bindingData.value]),
        authMessagePrefix: `${message.bare},${serverFirst}`,
      },
    };
    return { kind: 'challenge', data: Buffer.from(serverFirst, 'utf8') };
  }

  private clientFinal(state: AwaitingFinal, response: Buffer): SaslStep {
    const { hash } = this.settings;
    const { username, credential } = state;
    const text = decodeUtf8(response);
    if (text === undefined) return this.fail('malformed-request', 'the client-final-message is not UTF-8', username);
    const parsed = parseClientFinal(text);
    if (!parsed.ok) return this.fail(parsed.condition, parsed.text, username);
    const message = parsed.value;
    // c= repeats the gs2-header, so this also catches a flag or authzid altered in transit.
    if (!message.channelBinding.equals(state.channelBinding)) {
      return this.fail('not-authorized', 'channel bindings do not match', username);
    }
    if (message.nonce !== state.nonce) return this.fail('not-authorized', 'the nonce does not match', username);
    if (message.proof.length !== digestLength(hash)) {
      return this.fail('malformed-request', 'the proof has the wrong length', username);
    }

    // RFC 5802 §3: ClientKey = ClientProof XOR HMAC(StoredKey, AuthMessage), then H(ClientKey) = StoredKey.
    const authMessage = `${state.authMessagePrefix},${message.withoutProof}`;
    const clientKey = xor(message.proof, hmac(hash, credential.storedKey, authMessage));
    const storedKey = h(hash, clientKey);
    const proofMatches =
      storedKey.length === credential.storedKey.length && timingSafeEqual(storedKey, credential.storedKey);
    if (!proofMatches || !state.accountExists) return this.fail('not-authorized', undefined, username);

    this.phase = { name: 'done' };
    const serverSignature = hmac(hash, credential.serverKey, authMessage);
    return { kind: 'success', username, additionalData: Buffer.from(`v=${serverSignature.toString('base64')}`, 'utf8') };
  }

  private fail(condition: SaslFailureCondition, text?: string, username?: string): SaslStep {
    this.phase = { name: 'done' };
    return {
      kind: 'failure',
      condition,
      ...(text === undefined ? {} : { text }),
      ...(username === undefined ? {} : { username }),
    };
  }
}
