// A byte pipe under an XML stream: TCP (with STARTTLS), direct TLS, or a WebSocket.
// Transports are thin; everything XMPP happens above them.
import type { TLSSocket } from 'node:tls';
import type { XmlStreamMode } from './xml-stream-parser.js';

export interface Transport {
  readonly kind: 'tcp' | 'tls' | 'websocket';
  /** How XML arrives: one long document, or one element per message (RFC 7395). */
  readonly framing: XmlStreamMode;
  readonly remoteAddress: string;
  /** Whether bytes are protected by TLS (or the operator vouches for the link). */
  isSecure(): boolean;
  /** The TLS socket, for channel binding; undefined when not on TLS. */
  tlsSocket(): TLSSocket | undefined;
  /** Whether STARTTLS (RFC 6120 §5) can be offered on this transport now. */
  canStartTls(): boolean;
  /** Upgrades to TLS after `<proceed/>` was written; resolves when the handshake is done. */
  startTls(): Promise<void>;
  send(data: string): void;
  /** Bytes written but not yet accepted by the kernel, for slow-reader protection. */
  bufferedBytes(): number;
  /** Closes after pending writes are flushed. */
  end(): void;
  onData(listener: (bytes: Buffer) => void): void;
  onClose(listener: () => void): void;
}
