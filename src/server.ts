// The composition root: builds a node's parts from its configuration, in dependency order,
// and takes them down again. No other module wires modules together.
import { createSecureContext } from 'node:tls';
import type { Logger } from 'pino';
import { AuthThrottle } from './c2s/auth-throttle.js';
import { C2sStream, type C2sDependencies } from './c2s/c2s-stream.js';
import type { ClientSession } from './c2s/client-session.js';
import { ClientListeners, type BoundPorts } from './c2s/listeners.js';
import type { ParleyConfig } from './config/schema.js';
import { registerAccountDisco } from './im/account-disco.js';
import { registerAccountRegistration } from './im/account-registration.js';
import { registerBlocking } from './im/blocking.js';
import { registerCarbons } from './im/carbons.js';
import { registerOfflineMessages } from './im/offline-messages.js';
import { registerPresence } from './im/presence.js';
import { RosterBook } from './im/roster-book.js';
import { registerRoster } from './im/roster.js';
import { registerSubscriptions } from './im/subscriptions.js';
import { registerServerInfo } from './im/server-info.js';
import { registerVCard } from './im/vcard.js';
import { openStorage } from './persistence/open-storage.js';
import { openPersistentChatStorage, type PersistentChatStorage } from './persistent-chat-storage.js';
import type { Storage } from './persistence/ports.js';
import { Router } from './router/router.js';
import { startMucService, type MucService } from './xep0045-muc/muc-service.js';
import { Jid } from './xmpp/jid.js';
import { loadServerSecret } from './server-secret.js';
import { createSaslMechanisms, deriveCredentialsInBackground } from './stream/sasl/index.js';
import { loadTlsCredentials } from './stream/tls/certificate.js';

export interface ParleyServer {
  readonly ports: BoundPorts;
  readonly storage: Storage;
  /** Persistent chat tables (the assigned external database, or the node's own); undefined when the assigned one cannot be opened. */
  readonly persistentChat: PersistentChatStorage | undefined;
  readonly router: Router;
  /** The text conference service, when enabled. */
  readonly muc: MucService | undefined;
  /** Client connections currently open. */
  connectionCount(): number;
  /** Closes every stream with `<system-shutdown/>`, stops listening and closes storage. */
  stop(): Promise<void>;
}

const SHUTDOWN_FLUSH_MS = 500;

export async function startServer(config: ParleyConfig, log: Logger): Promise<ParleyServer> {
  const storage = await openStorage(config.storage, log.child({ module: 'storage' }));
  let persistentChat: PersistentChatStorage | undefined;
  try {
    persistentChat = await openPersistentChatStorage(config, storage, log.child({ module: 'storage' }));
    return await assemble(config, storage, persistentChat, log);
  } catch (error) {
    await persistentChat?.close();
    await storage.close();
    throw error;
  }
}

async function assemble(config: ParleyConfig, storage: Storage, persistentChat: PersistentChatStorage | undefined, log: Logger): Promise<ParleyServer> {
  const { domain } = config;
  const tls = await loadTlsCredentials({ certFile: config.tls.certFile, keyFile: config.tls.keyFile, dataDir: config.dataDir, domain }, log);
  const secureContext = createSecureContext({ key: tls.key, cert: tls.cert, minVersion: config.tls.minVersion });

  const router = new Router({
    domain,
    accountExists: (username, accountDomain) => storage.accounts.exists(username, accountDomain),
    log: log.child({ module: 'router' }),
  });
  const rosters = new RosterBook(storage.roster, router);
  registerRoster(router, { rosters, maxItems: config.roster.maxItems });
  const blocking = registerBlocking(router, { blocking: storage.blocking, rosters });
  registerVCard(router, { vcards: storage.vcards, maxBytes: config.vcard.maxBytes });
  registerAccountDisco(router, { rosters });
  registerAccountRegistration(router, {
    accounts: storage.accounts,
    rosters,
    deriveCredentials: (password) => deriveCredentialsInBackground(password, config.auth.scramIterations),
    onAccountDeleted: (account) => blocking.forget(account),
  });
  registerSubscriptions(router, { rosters, accountExists: (username, accountDomain) => storage.accounts.exists(username, accountDomain) });
  const presence = registerPresence(router, { rosters, blocks: blocking.blocks });
  registerOfflineMessages(router, presence, {
    store: storage.offline, maxMessages: config.offline.maxMessages, domain, log: log.child({ module: 'offline' }),
  });
  registerCarbons(router);
  const serverSecret = await loadServerSecret(config.dataDir);
  const muc = config.muc.enabled ? await startMucService({
    router, settings: config.muc, aliases: mucAliases(config), node: config.node.name,
    store: persistentChat?.store, secret: serverSecret.toString('base64'), log: log.child({ module: 'muc' }),
  }) : undefined;
  const serverInfo = registerServerInfo(router, {
    hideVersion: config.version.hide,
    // XEP-0160 §5: offline storage has a disco feature of its own.
    extraFeatures: () => ['msgoffline'],
    items: () => (muc?.aliases ?? []).map((alias) => ({ jid: alias, name: 'Chatrooms' })),
  });

  const throttle = new AuthThrottle({
    windowMs: config.auth.failureWindowMs,
    maxFailuresPerAddress: config.auth.maxFailuresPerAddress,
    maxFailuresPerAccount: config.auth.maxFailuresPerAccount,
    throttleMs: config.auth.throttleMs,
  });
  const sweep = setInterval(() => throttle.sweep(), config.auth.failureWindowMs).unref();
  const c2sLog = log.child({ module: 'c2s' });
  const resumableSessions = new Map<string, ClientSession>();
  const deps: C2sDependencies = {
    settings: {
      domain,
      requireEncryption: config.requireEncryption,
      limits: config.limits,
      registration: config.registration,
      streamManagement: config.streamManagement,
      keepalive: config.keepalive,
    },
    router,
    accounts: storage.accounts,
    saslMechanisms: createSaslMechanisms({
      allowPlain: config.auth.allowPlain,
      serverSecret,
      scramIterations: config.auth.scramIterations,
    }),
    throttle,
    tls: { secureContext, endPointHash: tls.endPointHash },
    registration: {
      accounts: storage.accounts,
      domain,
      deriveCredentials: (password) => deriveCredentialsInBackground(password, config.auth.scramIterations),
      log: c2sLog,
    },
    resumableSessions,
    extraFeatures: () => [serverInfo.caps()],
    log: c2sLog,
  };

  const streams = new Set<C2sStream>();
  const listeners = new ClientListeners({
    host: config.listen.host,
    c2sPort: config.listen.c2sPort,
    c2sDirectTlsPort: config.listen.c2sDirectTlsPort,
    httpPort: config.listen.httpPort,
    httpsPort: config.listen.httpsPort,
    websocketPath: config.websocket.path,
    trustPlainWebSocket: config.websocket.trustPlainHttp,
    maxStanzaBytes: config.limits.maxStanzaBytes,
    tls: { key: tls.key, cert: tls.cert, minVersion: config.tls.minVersion, secureContext },
  }, (transport) => {
    const stream = new C2sStream(transport, deps);
    streams.add(stream);
    stream.onClose(() => streams.delete(stream));
  }, log.child({ module: 'listeners' }));
  const ports = await listeners.start();

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      log.info({ streams: streams.size }, 'shutting down');
      clearInterval(sweep);
      const closed = listeners.stop();
      await muc?.stop();
      for (const stream of [...streams]) stream.close({ condition: 'system-shutdown', text: 'the server is shutting down' });
      for (const session of [...resumableSessions.values()]) session.end('server shutdown');
      await new Promise((resolve) => setTimeout(resolve, streams.size === 0 ? 0 : SHUTDOWN_FLUSH_MS));
      listeners.destroyRemaining();
      await closed;
      await persistentChat?.close();
      await storage.close();
      log.info('stopped');
    })();
    return stopping;
  };
  return { ports, storage, persistentChat, router, muc, stop, connectionCount: () => listeners.connectionCount };
}

/** The node's TC alias (conference-<node>-<cluster>.<domain> unless configured) and the primary alias. */
function mucAliases(config: ParleyConfig): string[] {
  const { domain } = config;
  const own = config.muc.alias ?? `conference-${config.node.name}-${config.cluster.id}.${domain}`;
  const primary = config.muc.primaryAlias === null ? undefined
    : config.muc.primaryAlias.includes('.') ? config.muc.primaryAlias : `${config.muc.primaryAlias}.${domain}`;
  const aliases = [own, ...(primary === undefined ? [] : [primary])].map((alias) => Jid.parse(alias).domain);
  return [...new Set(aliases)];
}
