// WebSocket transport (RFC 7395): one XML element per text message, subprotocol "xmpp".
import { TLSSocket } from 'node:tls';
import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';
import type { Transport } from './transport.js';

export class WebSocketTransport implements Transport {
  readonly kind = 'websocket' as const;
  readonly framing = 'framed' as const;
  private dataListener: ((bytes: Buffer) => void) | undefined;
  private readonly closeListeners: (() => void)[] = [];
  private closed = false;

  constructor(
    private readonly socket: WebSocket,
    private readonly underlying: Socket,
    readonly remoteAddress: string,
    /** Plain HTTP the operator declares secure (a TLS-terminating proxy in front). */
    private readonly isTrustedPlain: boolean,
  ) {
    socket.on('message', (data, isBinary) => {
      const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(new Uint8Array(data));
      // RFC 7395 §3.2: XMPP is carried in text messages only.
      if (isBinary) socket.close(1003, 'binary messages are not XMPP');
      else this.dataListener?.(bytes);
    });
    socket.on('error', () => socket.terminate());
    socket.on('close', () => {
      if (this.closed) return;
      this.closed = true;
      for (const listener of this.closeListeners) listener();
    });
  }

  isSecure(): boolean {
    return this.underlying instanceof TLSSocket || this.isTrustedPlain;
  }

  tlsSocket(): TLSSocket | undefined {
    return this.underlying instanceof TLSSocket ? this.underlying : undefined;
  }

  canStartTls(): boolean {
    return false;
  }

  startTls(): Promise<void> {
    return Promise.reject(new Error('STARTTLS is not available on WebSocket'));
  }

  send(data: string): void {
    if (!this.closed && this.socket.readyState === this.socket.OPEN) this.socket.send(data);
  }

  bufferedBytes(): number {
    return this.socket.bufferedAmount;
  }

  end(): void {
    if (this.closed) return;
    this.socket.close(1000);
    setTimeout(() => this.socket.terminate(), 2000).unref();
  }

  onData(listener: (bytes: Buffer) => void): void {
    this.dataListener = listener;
  }

  onClose(listener: () => void): void {
    this.closeListeners.push(listener);
  }
}
