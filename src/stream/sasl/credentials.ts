// Turns a password into the SCRAM keys the server stores (RFC 5802 §3, RFC 7677 §3) and checks a
// password against them, which is how SASL PLAIN (RFC 4616) is verified without keeping passwords.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { saslprep } from '@mongodb-js/saslprep';
import type { AccountCredentials, ScramCredential, ScramHashName } from '../../persistence/ports.js';
import { clientKeyOf, h, hi, hiInBackground, serverKeyOf } from './scram-crypto.js';

/** Bytes of fresh salt per credential; RFC 5802 asks only for a random salt, 16 bytes is customary. */
export const SALT_LENGTH = 16;

/**
 * Derives one SCRAM credential. The password is SASLprepped as a stored string (RFC 4013 §2,
 * RFC 3454 §7), so unassigned code points are refused now rather than hashed in a form a later
 * Unicode version could map differently.
 * @throws RangeError when the password is empty or not acceptable to SASLprep.
 */
export function deriveScramCredential(
  password: string,
  hash: ScramHashName,
  salt: Buffer,
  iterations: number,
): ScramCredential {
  const prepared = prepare(password, false);
  if (prepared === undefined) throw new RangeError('the password is empty or contains characters SASLprep prohibits');
  const saltedPassword = hi(hash, prepared, salt, iterations);
  return {
    iterations,
    salt,
    storedKey: h(hash, clientKeyOf(hash, saltedPassword)),
    serverKey: serverKeyOf(hash, saltedPassword),
  };
}

/**
 * Derives the credentials of every SCRAM hash, each with its own random salt so that the two
 * stored keys cannot be related to each other.
 * @throws RangeError when the password is empty or not acceptable to SASLprep.
 */
export function deriveCredentials(password: string, iterations: number): AccountCredentials {
  return {
    'SHA-1': deriveScramCredential(password, 'SHA-1', randomBytes(SALT_LENGTH), iterations),
    'SHA-256': deriveScramCredential(password, 'SHA-256', randomBytes(SALT_LENGTH), iterations),
  };
}

/** deriveCredentials with the PBKDF2 runs on the thread pool, for a running node (in-band registration, password change). */
export async function deriveCredentialsInBackground(password: string, iterations: number): Promise<AccountCredentials> {
  const prepared = prepare(password, false);
  if (prepared === undefined) throw new RangeError('the password is empty or contains characters SASLprep prohibits');
  const derive = async (hash: ScramHashName): Promise<ScramCredential> => {
    const salt = randomBytes(SALT_LENGTH);
    const saltedPassword = await hiInBackground(hash, prepared, salt, iterations);
    return { iterations, salt, storedKey: h(hash, clientKeyOf(hash, saltedPassword)), serverKey: serverKeyOf(hash, saltedPassword) };
  };
  const [sha1, sha256] = await Promise.all([derive('SHA-1'), derive('SHA-256')]);
  return { 'SHA-1': sha1, 'SHA-256': sha256 };
}

/**
 * Whether the password yields the credential's StoredKey, with PBKDF2 on the thread pool (SASL
 * PLAIN runs while the node serves other streams). The password is SASLprepped as a query
 * (unassigned code points allowed, RFC 4013 §2), and one that SASLprep refuses simply does not match.
 */
export async function verifyPassword(password: string, credential: ScramCredential, hash: ScramHashName): Promise<boolean> {
  const prepared = prepare(password, true);
  if (prepared === undefined) return false;
  const saltedPassword = await hiInBackground(hash, prepared, credential.salt, credential.iterations);
  const storedKey = h(hash, clientKeyOf(hash, saltedPassword));
  return storedKey.length === credential.storedKey.length && timingSafeEqual(storedKey, credential.storedKey);
}

/** SASLprep, or undefined when the profile refuses the string or maps it to nothing. */
function prepare(password: string, allowUnassigned: boolean): string | undefined {
  try {
    const prepared = saslprep(password, { allowUnassigned });
    return prepared === '' ? undefined : prepared;
  } catch {
    return undefined;
  }
}
