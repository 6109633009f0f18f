// Stand-in SCRAM credentials for usernames without an account, so that an unknown user is answered
// exactly like a wrong password (RFC 5802 §5.1 salt and iteration count, RFC 6120 §6.5.10).
import { createHmac, randomBytes } from 'node:crypto';
import type { ScramCredential, ScramHashName } from '../../persistence/ports.js';
import { SALT_LENGTH } from './credentials.js';
import { digestLength } from './scram-crypto.js';

/** Returns the same made-up credential for the same username and hash, and never a real account's. */
export type DecoyCredentials = (username: string, hash: ScramHashName) => ScramCredential;

/**
 * Decoys are derived from a secret rather than drawn at random: a random salt would change between
 * two attempts on the same name and so betray that no account stores it. Nodes sharing a domain
 * should share the secret for the same reason, and `iterations` should be the count new accounts
 * get (the default matches the `scramIterations` configuration default).
 */
export function createDecoyCredentials(secret: Buffer = randomBytes(32), iterations = 10_000): DecoyCredentials {
  const derive = (label: string, username: string, length: number): Buffer =>
    createHmac('sha256', secret).update(`${label}\0${username}`, 'utf8').digest().subarray(0, length);
  const credential = (hash: ScramHashName, username: string): ScramCredential => ({
    iterations,
    salt: derive(`${hash} salt`, username, SALT_LENGTH),
    storedKey: derive(`${hash} StoredKey`, username, digestLength(hash)),
    serverKey: derive(`${hash} ServerKey`, username, digestLength(hash)),
  });
  // Only the hash the exchange uses is derived: this runs on every login, known user or not.
  return (username, hash) => credential(hash, username);
}
