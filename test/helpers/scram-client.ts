// A SCRAM-SHA-256 client mechanism (RFC 5802, RFC 7677), with channel binding for the -PLUS
// variant, for xmpp.js, whose own SASL support stops at SCRAM-SHA-1. Written from the RFCs,
// independently of the server's code.
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import type { TLSSocket } from 'node:tls';

export interface ScramClientOptions {
  plus: boolean;
  /** Channel binding type for -PLUS. */
  bindingType?: 'tls-exporter' | 'tls-server-end-point';
  /** Returns the TLS socket of the connection at the time of authentication. */
  tlsSocket?: () => TLSSocket | undefined;
}

const latin1 = (bytes: Buffer): string => bytes.toString('latin1');

function bindingData(socket: TLSSocket, type: 'tls-exporter' | 'tls-server-end-point'): Buffer {
  if (type === 'tls-exporter') return socket.exportKeyingMaterial(32, 'EXPORTER-Channel-Binding', Buffer.alloc(0));
  const cert = socket.getPeerX509Certificate();
  if (cert === undefined) throw new Error('no server certificate');
  return createHash('sha256').update(cert.raw).digest();
}

/** Builds a saslmechanisms-style class; xmpp.js instantiates it per authentication. */
export function scramSha256Mechanism(options: ScramClientOptions): { new (): object; prototype: { name: string } } {
  const name = options.plus ? 'SCRAM-SHA-256-PLUS' : 'SCRAM-SHA-256';
  class ScramSha256 {
    clientFirst = true;
    private stage = 0;
    private clientNonce = randomBytes(18).toString('base64');
    private gs2Header = 'n,,';
    private clientFirstBare = '';
    private final = '';
    private password = '';

    response(credentials: { username: string; password: string }): string {
      if (this.stage === 0) {
        this.stage = 1;
        this.password = credentials.password;
        if (options.plus) this.gs2Header = `p=${options.bindingType ?? 'tls-exporter'},,`;
        const user = credentials.username.replace(/=/g, '=3D').replace(/,/g, '=2C');
        this.clientFirstBare = `n=${user},r=${this.clientNonce}`;
        return latin1(Buffer.from(this.gs2Header + this.clientFirstBare, 'utf8'));
      }
      return this.final;
    }

    challenge(data: string): void {
      const serverFirst = Buffer.from(data, 'latin1').toString('utf8');
      if (this.stage !== 1) return;
      this.stage = 2;
      const fields = new Map(serverFirst.split(',').map((field) => [field.slice(0, 1), field.slice(2)]));
      const nonce = fields.get('r') ?? '';
      if (!nonce.startsWith(this.clientNonce)) throw new Error('server nonce does not extend the client nonce');
      const salt = Buffer.from(fields.get('s') ?? '', 'base64');
      const iterations = Number(fields.get('i'));
      let cbind = Buffer.from(this.gs2Header, 'utf8');
      if (options.plus) {
        const socket = options.tlsSocket?.();
        if (socket === undefined) throw new Error('channel binding needs TLS');
        cbind = Buffer.concat([cbind, bindingData(socket, options.bindingType ?? 'tls-exporter')]);
      }
      const withoutProof = `c=${cbind.toString('base64')},r=${nonce}`;
      const authMessage = `${this.clientFirstBare},${serverFirst},${withoutProof}`;
      const salted = pbkdf2Sync(this.password, salt, iterations, 32, 'sha256');
      const clientKey = createHmac('sha256', salted).update('Client Key').digest();
      const storedKey = createHash('sha256').update(clientKey).digest();
      const signature = createHmac('sha256', storedKey).update(authMessage).digest();
      const proof = Buffer.from(clientKey.map((byte, index) => byte ^ (signature[index] ?? 0)));
      this.final = latin1(Buffer.from(`${withoutProof},p=${proof.toString('base64')}`, 'utf8'));
    }
  }
  Object.defineProperty(ScramSha256.prototype, 'name', { value: name });
  return ScramSha256 as unknown as { new (): object; prototype: { name: string } };
}
