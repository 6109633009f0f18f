// Client listeners: TCP with STARTTLS (5222), direct TLS (XEP-0368, 5223), and WebSocket
// (RFC 7395) at /xmpp-websocket over HTTP (5280) and HTTPS (5281).
import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer, type Socket } from 'node:net';
import { createServer as createTlsServer, type SecureContext } from 'node:tls';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import { TcpTransport } from '../stream/tcp-transport.js';
import type { Transport } from '../stream/transport.js';
import { WebSocketTransport } from '../stream/websocket-transport.js';

export interface ListenerSettings {
  host: string;
  c2sPort: number;
  c2sDirectTlsPort: number | null;
  httpPort: number | null;
  httpsPort: number | null;
  websocketPath: string;
  /** Treat plain-HTTP WebSocket as secure (a TLS-terminating proxy in front). */
  trustPlainWebSocket: boolean;
  maxStanzaBytes: number;
  tls: { key: string; cert: string; minVersion: 'TLSv1.2' | 'TLSv1.3'; secureContext: SecureContext };
}

export interface BoundPorts {
  c2s: number;
  c2sDirectTls: number | null;
  http: number | null;
  https: number | null;
}

type Closable = TcpServer | HttpServer;

export class ClientListeners {
  private readonly servers: Closable[] = [];
  private readonly sockets = new Set<Socket>();

  constructor(
    private readonly settings: ListenerSettings,
    private readonly accept: (transport: Transport) => void,
    private readonly log: Logger,
  ) {}

  async start(): Promise<BoundPorts> {
    const { settings } = this;
    const c2s = createTcpServer((socket) => this.adopt(socket, new TcpTransport(socket, settings.tls.secureContext)));
    const ports: BoundPorts = { c2s: await this.listen(c2s, settings.c2sPort, 'c2s (STARTTLS)'), c2sDirectTls: null, http: null, https: null };
    if (settings.c2sDirectTlsPort !== null) {
      const direct = createTlsServer({ key: settings.tls.key, cert: settings.tls.cert, minVersion: settings.tls.minVersion, ALPNProtocols: ['xmpp-client'] },
        (socket) => this.adopt(socket, new TcpTransport(socket, undefined)));
      direct.on('tlsClientError', (error) => this.log.debug({ err: error }, 'direct TLS handshake failed'));
      ports.c2sDirectTls = await this.listen(direct, settings.c2sDirectTlsPort, 'c2s (direct TLS)');
    }
    if (settings.httpPort !== null) {
      ports.http = await this.listen(this.webSocketServer(createHttpServer(), false), settings.httpPort, 'WebSocket (http)');
    }
    if (settings.httpsPort !== null) {
      const https = createHttpsServer({ key: settings.tls.key, cert: settings.tls.cert, minVersion: settings.tls.minVersion });
      ports.https = await this.listen(this.webSocketServer(https, true), settings.httpsPort, 'WebSocket (https)');
    }
    return ports;
  }

  /** Client connections currently open, on every listener. */
  get connectionCount(): number {
    return this.sockets.size;
  }

  /** Stops accepting; open streams are closed by their owners, then any leftover socket is destroyed. */
  async stop(): Promise<void> {
    await Promise.all(this.servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
  }

  destroyRemaining(): void {
    for (const socket of this.sockets) socket.destroy();
  }

  private adopt(socket: Socket, transport: Transport): void {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
    this.accept(transport);
  }

  private webSocketServer(http: HttpServer, isTls: boolean): HttpServer {
    const wss = new WebSocketServer({
      noServer: true,
      maxPayload: this.settings.maxStanzaBytes,
      // RFC 7395 §3.1: the subprotocol is "xmpp"; a client that does not ask for it is refused.
      handleProtocols: (protocols) => (protocols.has('xmpp') ? 'xmpp' : false),
    });
    http.on('request', (_request, response) => {
      response.writeHead(404, { 'content-type': 'text/plain' }).end(`XMPP over WebSocket is at ${this.settings.websocketPath}\n`);
    });
    http.on('upgrade', (request: IncomingMessage, socket, head) => {
      const path = (request.url ?? '').split('?')[0];
      if (path !== this.settings.websocketPath) {
        socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
        return;
      }
      wss.handleUpgrade(request, socket, head, (ws) => {
        const underlying = request.socket;
        const address = underlying.remoteAddress ?? 'unknown';
        this.adopt(underlying, new WebSocketTransport(ws, underlying, address, !isTls && this.settings.trustPlainWebSocket));
      });
    });
    return http;
  }

  private listen(server: Closable, port: number, what: string): Promise<number> {
    this.servers.push(server);
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen({ port, host: this.settings.host, backlog: 1024 }, () => {
        server.off('error', reject);
        const bound = (server.address() as AddressInfo).port;
        this.log.info({ host: this.settings.host, port: bound }, `listening: ${what}`);
        resolve(bound);
      });
    });
  }
}
