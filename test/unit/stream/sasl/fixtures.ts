// Shared test doubles for the SASL mechanisms: a SaslContext over an in-memory account table and
// an independent SCRAM client (RFC 5802 §3, §5) that does not reuse the server's code.
import { createHash, createHmac, pbkdf2Sync } from 'node:crypto';
import type { AccountCredentials, ScramHashName } from '../../../../src/persistence/ports.js';
import type { SaslContext } from '../../../../src/stream/sasl/mechanism.js';

export function makeContext(
  accounts: Map<string, AccountCredentials>,
  overrides: Partial<SaslContext> = {},
): SaslContext {
  return {
    domain: 'example.com',
    isSecure: true,
    channelBindings: {},
    lookupCredentials: (username) => Promise.resolve(accounts.get(username)),
    // Lower-cases like UsernameCaseMapped and refuses what cannot be a localpart.
    normalizeUsername: (authcid) => (authcid === '' || /[@/\s"&'<>:]/.test(authcid) ? undefined : authcid.toLowerCase()),
    ...overrides,
  };
}

const algorithms: Record<ScramHashName, string> = { 'SHA-1': 'sha1', 'SHA-256': 'sha256' };

export interface ScramClientOptions {
  hash: ScramHashName;
  username: string;
  password: string;
  nonce: string;
  /** gs2-header, "n,," unless given. */
  gs2Header?: string;
  /** Channel binding data appended to the gs2-header in c=. */
  bindingData?: Buffer;
}

/** Client side of SCRAM, written from RFC 5802 directly. */
export class ScramClient {
  private authMessage = '';
  private saltedPassword = Buffer.alloc(0);

  constructor(private readonly options: ScramClientOptions) {}

  get firstBare(): string {
    const name = this.options.username.replace(/=/g, '=3D').replace(/,/g, '=2C');
    return `n=${name},r=${this.options.nonce}`;
  }

  get gs2Header(): string {
    return this.options.gs2Header ?? 'n,,';
  }

  first(): Buffer {
    return Buffer.from(this.gs2Header + this.firstBare, 'utf8');
  }

  final(serverFirst: Buffer): Buffer {
    const text = serverFirst.toString('utf8');
    const attributes = new Map(text.split(',').map((field) => [field.slice(0, 1), field.slice(2)]));
    const algorithm = algorithms[this.options.hash];
    const salt = Buffer.from(attributes.get('s') ?? '', 'base64');
    const iterations = Number(attributes.get('i'));
    this.saltedPassword = pbkdf2Sync(this.options.password, salt, iterations, this.keyLength(), algorithm);
    const clientKey = createHmac(algorithm, this.saltedPassword).update('Client Key').digest();
    const storedKey = createHash(algorithm).update(clientKey).digest();
    const binding = Buffer.concat([Buffer.from(this.gs2Header), this.options.bindingData ?? Buffer.alloc(0)]);
    const withoutProof = `c=${binding.toString('base64')},r=${attributes.get('r') ?? ''}`;
    this.authMessage = `${this.firstBare},${text},${withoutProof}`;
    const signature = createHmac(algorithm, storedKey).update(this.authMessage).digest();
    const proof = Buffer.from(clientKey.map((byte, i) => byte ^ (signature[i] ?? 0)));
    return Buffer.from(`${withoutProof},p=${proof.toString('base64')}`, 'utf8');
  }

  /** Whether the server-final-message proves the server knew the ServerKey. */
  verifies(serverFinal: Buffer): boolean {
    const algorithm = algorithms[this.options.hash];
    const serverKey = createHmac(algorithm, this.saltedPassword).update('Server Key').digest();
    const signature = createHmac(algorithm, serverKey).update(this.authMessage).digest();
    return serverFinal.toString('utf8') === `v=${signature.toString('base64')}`;
  }

  private keyLength(): number {
    return this.options.hash === 'SHA-1' ? 20 : 32;
  }
}
