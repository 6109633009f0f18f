// The SASL mechanisms the server offers, strongest first (RFC 6120 §6.3.3 lets the client pick):
// channel-bound SCRAM (RFC 5802 §6, RFC 9266), SCRAM-SHA-256 over SHA-1 (RFC 7677), then PLAIN.
import { createDecoyCredentials } from './decoy.js';
import type { SaslMechanism } from './mechanism.js';
import { createPlainMechanism } from './plain.js';
import { createScramMechanism } from './scram.js';

export { deriveCredentials, deriveCredentialsInBackground, verifyPassword } from './credentials.js';

export interface SaslMechanismsOptions {
  /** Whether to add PLAIN; it is offered only on TLS-protected streams even so. */
  allowPlain: boolean;
  /** Secret the stand-in credentials of unknown users derive from; share it across nodes. Random when absent. */
  serverSecret?: Buffer;
  /** Iteration count shown for unknown users; pass the one new accounts get (`scramIterations`). */
  scramIterations?: number;
}

export function createSaslMechanisms(options: SaslMechanismsOptions): SaslMechanism[] {
  // One decoy for all mechanisms, so an unknown user looks the same whichever one probes it.
  const decoy = createDecoyCredentials(options.serverSecret, options.scramIterations);
  const mechanisms = [
    createScramMechanism({ hash: 'SHA-256', plus: true, decoy }),
    createScramMechanism({ hash: 'SHA-1', plus: true, decoy }),
    createScramMechanism({ hash: 'SHA-256', plus: false, decoy }),
    createScramMechanism({ hash: 'SHA-1', plus: false, decoy }),
  ];
  if (options.allowPlain) mechanisms.push(createPlainMechanism({ decoy }));
  return mechanisms;
}
