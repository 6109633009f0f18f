// A bare-socket XMPP client for sending exactly the bytes a test wants (bad input included)
// and reading exactly what the server answers.
import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { DOMAIN } from './server.js';

export const STREAM_HEADER = `<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' to='${DOMAIN}' version='1.0'>`;

export class RawClient {
  private text = '';
  private waiters: (() => void)[] = [];
  private isClosed = false;
  private resolveClosed: () => void = () => undefined;
  /** Resolves when the server (or the test) has closed the connection. */
  readonly closed = new Promise<void>((resolve) => {
    this.resolveClosed = resolve;
  });

  private constructor(private socket: Socket | TLSSocket) {
    this.attach(socket);
  }

  static async connect(port: number, options: { directTls?: boolean } = {}): Promise<RawClient> {
    const socket = options.directTls === true
      ? tlsConnect({ port, host: '127.0.0.1', servername: DOMAIN })
      : netConnect({ port, host: '127.0.0.1' });
    await new Promise<void>((resolve, reject) => {
      socket.once(options.directTls === true ? 'secureConnect' : 'connect', () => resolve());
      socket.once('error', reject);
    });
    return new RawClient(socket);
  }

  /** Everything received since the last clear(). */
  get received(): string {
    return this.text;
  }

  get isOpen(): boolean {
    return !this.isClosed;
  }

  clear(): void {
    this.text = '';
  }

  send(data: string | Buffer): void {
    this.socket.write(data);
  }

  /** Waits until what was received matches; rejects with what arrived otherwise. */
  async waitFor(pattern: RegExp, timeoutMs = 5000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(this.text)) {
      if (this.isClosed) throw new Error(`stream closed before ${pattern}; received: ${this.text}`);
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`timed out waiting for ${pattern}; received: ${this.text}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.text;
  }

  /** The id of the first stream header the server sent, once startTls() has run. */
  firstStreamId: string | undefined;

  /** Opens the stream and negotiates STARTTLS; the caller then opens the stream again. */
  async startTls(): Promise<void> {
    this.send(STREAM_HEADER);
    this.firstStreamId = /id='([^']+)'/.exec(await this.waitFor(/<\/stream:features>/))?.[1];
    this.send("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
    await this.waitFor(/<proceed/);
    this.socket.removeAllListeners('data');
    this.socket.removeAllListeners('close');
    const secure = tlsConnect({ socket: this.socket, servername: DOMAIN });
    await new Promise<void>((resolve, reject) => {
      secure.once('secureConnect', () => resolve());
      secure.once('error', reject);
    });
    this.socket = secure;
    this.attach(secure);
    this.clear();
  }

  /** STARTTLS, SASL PLAIN, stream restart and resource binding; leaves the received text cleared. */
  async login(username: string, password: string, resource = 'raw'): Promise<void> {
    await this.startTls();
    this.send(STREAM_HEADER);
    await this.waitFor(/<\/stream:features>/);
    const plain = Buffer.from(`\0${username}\0${password}`).toString('base64');
    this.send(`<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>${plain}</auth>`);
    await this.waitFor(/<success/);
    this.clear();
    this.send(STREAM_HEADER);
    await this.waitFor(/<\/stream:features>/);
    this.send(`<iq type='set' id='bind'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>${resource}</resource></bind></iq>`);
    await this.waitFor(/<\/iq>/);
    this.clear();
  }

  destroy(): void {
    this.socket.destroy();
  }

  private attach(socket: Socket): void {
    socket.on('data', (chunk: Buffer) => {
      this.text += chunk.toString('utf8');
      for (const waiter of this.waiters.splice(0)) waiter();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      this.isClosed = true;
      for (const waiter of this.waiters.splice(0)) waiter();
      this.resolveClosed();
    });
  }
}
