// SCRAM's cryptographic primitives H, HMAC and Hi (RFC 5802 §2.2) for the hashes RFC 5802 and
// RFC 7677 register (SHA-1, SHA-256), over node:crypto.
import { createHash, createHmac, pbkdf2, pbkdf2Sync } from 'node:crypto';
import type { ScramHashName } from '../../persistence/ports.js';

const digests: Record<ScramHashName, { algorithm: string; length: number }> = {
  'SHA-1': { algorithm: 'sha1', length: 20 },
  'SHA-256': { algorithm: 'sha256', length: 32 },
};

/** Output size in bytes of the hash, which is also the size of every SCRAM key and proof. */
export function digestLength(hash: ScramHashName): number {
  return digests[hash].length;
}

export function h(hash: ScramHashName, data: Buffer): Buffer {
  return createHash(digests[hash].algorithm).update(data).digest();
}

export function hmac(hash: ScramHashName, key: Buffer, data: string): Buffer {
  return createHmac(digests[hash].algorithm, key).update(data, 'utf8').digest();
}

/** Hi() is PBKDF2 with HMAC as the PRF and one hash-sized output block (RFC 5802 §2.2). */
export function hi(hash: ScramHashName, password: string, salt: Buffer, iterations: number): Buffer {
  const { algorithm, length } = digests[hash];
  return pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iterations, length, algorithm);
}

/** Hi() on libuv's thread pool, for work done while the node serves other streams. */
export function hiInBackground(hash: ScramHashName, password: string, salt: Buffer, iterations: number): Promise<Buffer> {
  const { algorithm, length } = digests[hash];
  return new Promise((resolve, reject) => {
    pbkdf2(Buffer.from(password, 'utf8'), salt, iterations, length, algorithm, (error, key) => {
      if (error === null) resolve(key);
      else reject(error);
    });
  });
}

/** ClientKey := HMAC(SaltedPassword, "Client Key") (RFC 5802 §3). */
export function clientKeyOf(hash: ScramHashName, saltedPassword: Buffer): Buffer {
  return hmac(hash, saltedPassword, 'Client Key');
}

/** ServerKey := HMAC(SaltedPassword, "Server Key") (RFC 5802 §3). */
export function serverKeyOf(hash: ScramHashName, saltedPassword: Buffer): Buffer {
  return hmac(hash, saltedPassword, 'Server Key');
}

/** Byte-wise XOR of two buffers of equal length. */
export function xor(a: Buffer, b: Buffer): Buffer {
  const out = Buffer.alloc(a.length);
  for (let i = 0; i < a.length; i++) out[i] = (a[i] ?? 0) ^ (b[i] ?? 0);
  return out;
}
