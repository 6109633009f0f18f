// The server side of SASL PLAIN (RFC 4616 §2), verified against the stored SCRAM keys
// (RFC 5802 §3) and offered only under TLS because the password travels in the clear.
import type { AccountCredentials, ScramCredential, ScramHashName } from '../../persistence/ports.js';
import { identify } from './identify.js';
import { verifyPassword } from './credentials.js';
import { createDecoyCredentials, type DecoyCredentials } from './decoy.js';
import { decodeUtf8 } from './encoding.js';
import type { SaslContext, SaslExchange, SaslFailureCondition, SaslMechanism, SaslStep } from './mechanism.js';

export interface PlainOptions {
  /** Credentials checked for usernames without an account; a process-local secret when absent. */
  decoy?: DecoyCredentials;
}

export function createPlainMechanism(options: PlainOptions = {}): SaslMechanism {
  const decoy = options.decoy ?? createDecoyCredentials();
  return {
    name: 'PLAIN',
    isOffered: (context) => context.isSecure,
    createExchange: (context) => new PlainExchange(decoy, context),
  };
}

class PlainExchange implements SaslExchange {
  private phase: 'initial' | 'awaiting-message' | 'done' = 'initial';

  constructor(
    private readonly decoy: DecoyCredentials,
    private readonly context: SaslContext,
  ) {}

  async start(initialResponse: Buffer | undefined): Promise<SaslStep> {
    if (this.phase !== 'initial') return this.fail('malformed-request', 'the exchange has already started');
    // Refused here too, in case the stream selects PLAIN without asking isOffered (RFC 6120 §6.5.5).
    if (!this.context.isSecure) return this.fail('encryption-required', 'PLAIN requires TLS');
    if (initialResponse === undefined) {
      this.phase = 'awaiting-message';
      return { kind: 'challenge', data: Buffer.alloc(0) };
    }
    return this.authenticate(initialResponse);
  }

  async respond(response: Buffer): Promise<SaslStep> {
    if (this.phase !== 'awaiting-message') return this.fail('malformed-request', 'no response was expected');
    return this.authenticate(response);
  }

  private async authenticate(response: Buffer): Promise<SaslStep> {
    const text = decodeUtf8(response);
    if (text === undefined) return this.fail('malformed-request', 'the message is not UTF-8');
    // message = [authzid] NUL authcid NUL passwd, where none of the three may contain NUL.
    const fields = text.split('\0');
    const [authzid = '', authcid = '', password = ''] = fields;
    if (fields.length !== 3 || authcid === '' || password === '') {
      return this.fail('malformed-request', 'expected [authzid] NUL authcid NUL password');
    }

    const identified = await identify(authcid, authzid === '' ? undefined : authzid, this.context);
    if (!identified.ok) return this.fail(identified.condition, identified.text, identified.username);
    const { username, stored } = identified;
    // An unknown user still costs a PBKDF2 run, so the answer takes as long as for a wrong password.
    const [hash, credential]: [ScramHashName, ScramCredential] = stored === undefined
      ? ['SHA-256', this.decoy(username, 'SHA-256')]
      : preferredCredential(stored);
    const matches = await verifyPassword(password, credential, hash);
    if (!matches || stored === undefined) return this.fail('not-authorized', undefined, username);
    this.phase = 'done';
    return { kind: 'success', username };
  }

  private fail(condition: SaslFailureCondition, text?: string, username?: string): SaslStep {
    this.phase = 'done';
    return {
      kind: 'failure',
      condition,
      ...(text === undefined ? {} : { text }),
      ...(username === undefined ? {} : { username }),
    };
  }
}

/**
 * SHA-256 when stored, else SHA-1: the type promises both, but a row written by an older or partial
 * import may hold only SHA-1, and a PLAIN login should not fail for it.
 */
function preferredCredential(credentials: AccountCredentials): [ScramHashName, ScramCredential] {
  const sha256 = credentials['SHA-256'] as ScramCredential | undefined;
  return sha256 === undefined ? ['SHA-1', credentials['SHA-1']] : ['SHA-256', sha256];
}
