// One XMPP client connection on node:net, upgraded in place by STARTTLS (RFC 6120 §5.4):
// pre-built strings out, raw top-level elements in, either awaited one by one (negotiation)
// or pushed to a handler (traffic).
import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { StanzaSplitter } from './stanza-splitter.js';

export interface Target {
  host: string;
  port: number;
  domain: string;
}

interface Waiter {
  accept(xml: string): boolean;
  resolve(xml: string): void;
  reject(error: Error): void;
}

const CLOSE_GRACE_MS = 2000;

const isStreamError = (xml: string): boolean => /^<(stream:)?error[\s>/]/.test(xml);

export class XmppConnection {
  /** When set, every element goes here instead of to waitFor(). */
  onElement: ((xml: string) => void) | undefined;
  /** Protocol and cipher once TLS is up, e.g. "TLSv1.3 TLS_AES_256_GCM_SHA384". */
  tlsDescription: string | undefined;
  private socket: Socket | TLSSocket;
  private readonly splitter: StanzaSplitter;
  private waiter: Waiter | undefined;
  private closeError: Error | undefined;
  private markClosed: () => void = () => undefined;
  private readonly closed = new Promise<void>((resolve) => {
    this.markClosed = resolve;
  });

  private constructor(socket: Socket, private readonly target: Target) {
    this.socket = socket;
    this.splitter = new StanzaSplitter({
      onElement: (xml) => this.receive(xml),
      onStreamClose: () => this.socket.end(),
    });
    this.listen(socket);
  }

  static connect(target: Target, timeoutMs: number): Promise<XmppConnection> {
    return new Promise((resolve, reject) => {
      const socket = netConnect({ host: target.host, port: target.port });
      const timer = setTimeout(() => socket.destroy(new Error('TCP connect timed out')), timeoutMs);
      socket.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        socket.setNoDelay(true);
        resolve(new XmppConnection(socket, target));
      });
    });
  }

  get isOpen(): boolean {
    return this.closeError === undefined;
  }

  /** Sends a stream header; the splitter starts a new stream (RFC 6120 §4.2). */
  openStream(): void {
    this.splitter.reset();
    this.send(`<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' to='${this.target.domain}' version='1.0'>`);
  }

  send(data: string): void {
    if (this.isOpen) this.socket.write(data);
  }

  /** The next element `accept` takes; others are skipped. A stream error or close rejects. */
  waitFor(accept: (xml: string) => boolean): Promise<string> {
    if (this.closeError !== undefined) return Promise.reject(this.closeError);
    return new Promise((resolve, reject) => {
      this.waiter = { accept, resolve, reject };
    });
  }

  /** TLS handshake on the same TCP socket, after the server's <proceed/>. */
  startTls(): Promise<void> {
    const raw = this.socket;
    raw.removeAllListeners('data');
    raw.removeAllListeners('error');
    raw.removeAllListeners('close');
    // Errors of the TCP socket surface on the TLS socket wrapped around it.
    raw.on('error', () => undefined);
    const secure = tlsConnect({ socket: raw, servername: this.target.domain, rejectUnauthorized: false });
    this.socket = secure;
    this.listen(secure);
    return new Promise((resolve, reject) => {
      secure.once('secureConnect', () => {
        this.tlsDescription = `${secure.getProtocol() ?? ''} ${secure.getCipher().name}`;
        resolve();
      });
      secure.once('error', reject);
    });
  }

  /** Ends the stream politely; destroys the socket if the server does not close in time. */
  async close(): Promise<void> {
    if (this.isOpen) this.socket.end('</stream:stream>');
    else this.socket.destroy();
    const timer = setTimeout(() => this.socket.destroy(), CLOSE_GRACE_MS);
    await this.closed;
    clearTimeout(timer);
  }

  destroy(reason?: Error): void {
    if (reason !== undefined) this.closeError ??= reason;
    this.socket.destroy();
  }

  private listen(socket: Socket | TLSSocket): void {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => this.splitter.push(chunk));
    socket.on('error', (error) => { this.closeError ??= error; });
    socket.once('close', () => {
      this.fail(new Error('connection closed'));
      this.markClosed();
    });
  }

  private receive(xml: string): void {
    if (this.onElement !== undefined) {
      this.onElement(xml);
      return;
    }
    const waiter = this.waiter;
    if (waiter === undefined) return;
    if (isStreamError(xml)) {
      this.waiter = undefined;
      waiter.reject(new Error(`stream error: ${xml.slice(0, 200)}`));
    } else if (waiter.accept(xml)) {
      this.waiter = undefined;
      waiter.resolve(xml);
    }
  }

  private fail(error: Error): void {
    this.closeError ??= error;
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.reject(this.closeError);
  }
}
