// TCP transport with STARTTLS (RFC 6120 §5), and direct TLS (XEP-0368) when given a TLS socket.
import type { Socket } from 'node:net';
import { TLSSocket, type SecureContext } from 'node:tls';
import type { Transport } from './transport.js';

export class TcpTransport implements Transport {
  readonly framing = 'stream' as const;
  readonly remoteAddress: string;
  private socket: Socket;
  private tls: TLSSocket | undefined;
  private dataListener: ((bytes: Buffer) => void) | undefined;
  private readonly closeListeners: (() => void)[] = [];
  private closed = false;

  constructor(socket: Socket, private readonly secureContext: SecureContext | undefined) {
    this.socket = socket;
    this.remoteAddress = socket.remoteAddress ?? 'unknown';
    if (socket instanceof TLSSocket) this.tls = socket;
    socket.setNoDelay(true);
    this.attach(socket);
  }

  get kind(): 'tcp' | 'tls' {
    return this.tls === undefined ? 'tcp' : 'tls';
  }

  isSecure(): boolean {
    return this.tls !== undefined;
  }

  tlsSocket(): TLSSocket | undefined {
    return this.tls;
  }

  canStartTls(): boolean {
    return this.tls === undefined && this.secureContext !== undefined;
  }

  startTls(): Promise<void> {
    const context = this.secureContext;
    if (context === undefined || this.tls !== undefined) return Promise.reject(new Error('STARTTLS is not available'));
    const raw = this.socket;
    // Only this transport's own listeners: others (the listener's bookkeeping) must still see the close.
    this.detach(raw);
    const secure = new TLSSocket(raw, { isServer: true, secureContext: context });
    this.tls = secure;
    this.socket = secure;
    this.attach(secure);
    return new Promise((resolve, reject) => {
      secure.once('secure', () => resolve());
      secure.once('error', reject);
    });
  }

  send(data: string): void {
    if (!this.closed && this.socket.writable) this.socket.write(data);
  }

  bufferedBytes(): number {
    return this.socket.writableLength;
  }

  end(): void {
    if (this.closed) return;
    this.socket.end();
    // A peer that never reads must not keep the socket (and its buffers) forever.
    setTimeout(() => this.socket.destroy(), 2000).unref();
  }

  onData(listener: (bytes: Buffer) => void): void {
    this.dataListener = listener;
  }

  onClose(listener: () => void): void {
    this.closeListeners.push(listener);
  }

  private readonly onSocketData = (bytes: Buffer): void => this.dataListener?.(bytes);
  private readonly onSocketError = (): void => {
    this.socket.destroy();
  };
  private readonly onSocketClose = (): void => {
    if (this.closed) return;
    this.closed = true;
    for (const listener of this.closeListeners) listener();
  };

  private attach(socket: Socket): void {
    socket.on('data', this.onSocketData);
    socket.on('error', this.onSocketError);
    socket.on('close', this.onSocketClose);
  }

  private detach(socket: Socket): void {
    socket.off('data', this.onSocketData);
    socket.off('error', this.onSocketError);
    socket.off('close', this.onSocketClose);
  }
}
