// Client side of SASL SCRAM-SHA-1 / SCRAM-SHA-256 (RFC 5802, RFC 7677), without channel binding
// (GS2 header "n,,") and without SASLprep (the bench passwords are ASCII).
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';

export type ScramMechanism = 'SCRAM-SHA-1' | 'SCRAM-SHA-256';

const HASHES: Record<ScramMechanism, { name: 'sha1' | 'sha256'; length: number }> = {
  'SCRAM-SHA-1': { name: 'sha1', length: 20 },
  'SCRAM-SHA-256': { name: 'sha256', length: 32 },
};

/**
 * SaltedPassword per (hash, iterations, salt, password). Real clients keep it after the first
 * login, so a warm cache is the realistic steady state; PBKDF2 runs synchronously so that its
 * CPU, counted here, can be reported apart from the rest of the loader's.
 */
export class SaltedPasswordCache {
  private readonly values = new Map<string, Buffer>();
  derivations = 0;
  derivationCpuMs = 0;

  get(hash: 'sha1' | 'sha256', length: number, password: string, salt: string, iterations: number): Buffer {
    const key = `${hash}|${iterations}|${salt}|${password}`;
    const cached = this.values.get(key);
    if (cached !== undefined) return cached;
    const before = process.cpuUsage();
    const value = pbkdf2Sync(password, Buffer.from(salt, 'base64'), iterations, length, hash);
    const used = process.cpuUsage(before);
    this.derivations += 1;
    this.derivationCpuMs += (used.user + used.system) / 1000;
    this.values.set(key, value);
    return value;
  }
}

const hmac = (hash: string, key: Buffer, data: string): Buffer => createHmac(hash, key).update(data).digest();

function attributes(message: string): Map<string, string> {
  const result = new Map<string, string>();
  for (const part of message.split(',')) {
    const equals = part.indexOf('=');
    if (equals > 0) result.set(part.slice(0, equals), part.slice(equals + 1));
  }
  return result;
}

export class ScramClient {
  private readonly hash: { name: 'sha1' | 'sha256'; length: number };
  private readonly nonce = randomBytes(18).toString('base64');
  private readonly firstBare: string;
  private expectedSignature = '';

  constructor(mechanism: ScramMechanism, username: string, private readonly password: string, private readonly cache: SaltedPasswordCache) {
    this.hash = HASHES[mechanism];
    this.firstBare = `n=${username.replace(/=/g, '=3D').replace(/,/g, '=2C')},r=${this.nonce}`;
  }

  /** client-first-message, base64. */
  first(): string {
    return Buffer.from(`n,,${this.firstBare}`).toString('base64');
  }

  /** server-first-message (decoded) to client-final-message, base64. */
  final(serverFirst: string): string {
    const fields = attributes(serverFirst);
    const nonce = fields.get('r') ?? '';
    const salt = fields.get('s') ?? '';
    const iterations = Number(fields.get('i'));
    if (fields.has('m')) throw new Error('SCRAM: unsupported mandatory extension');
    if (!nonce.startsWith(this.nonce) || nonce.length === this.nonce.length) throw new Error('SCRAM: bad server nonce');
    if (salt === '' || !Number.isInteger(iterations) || iterations < 1) throw new Error(`SCRAM: bad server-first ${serverFirst}`);
    const { name, length } = this.hash;
    const salted = this.cache.get(name, length, this.password, salt, iterations);
    const clientKey = hmac(name, salted, 'Client Key');
    const storedKey = createHash(name).update(clientKey).digest();
    const withoutProof = `c=biws,r=${nonce}`;
    const authMessage = `${this.firstBare},${serverFirst},${withoutProof}`;
    const proof = hmac(name, storedKey, authMessage);
    for (let i = 0; i < proof.length; i += 1) proof[i] = (proof[i] ?? 0) ^ (clientKey[i] ?? 0);
    this.expectedSignature = hmac(name, hmac(name, salted, 'Server Key'), authMessage).toString('base64');
    return Buffer.from(`${withoutProof},p=${proof.toString('base64')}`).toString('base64');
  }

  /** Checks server-final-message (decoded): the server must prove it knows the password too. */
  verify(serverFinal: string): void {
    const fields = attributes(serverFinal);
    const error = fields.get('e');
    if (error !== undefined) throw new Error(`SCRAM server error: ${error}`);
    if (this.expectedSignature === '' || fields.get('v') !== this.expectedSignature) throw new Error('SCRAM: server signature mismatch');
  }
}
