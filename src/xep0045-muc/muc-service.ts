// The text conference service (XEP-0045, DESIGN §3): a component on the router for each alias
// this node serves (alias-service.ts), sharing one core (service-core.ts).
import type { Logger } from 'pino';
import type { TextConferenceStore } from '../persistence/ports.js';
import type { Router } from '../router/router.js';
import { AliasService } from './alias-service.js';
import { ServiceCore } from './service-core.js';
import type { MucSettings } from './settings.js';

export interface MucServiceDependencies {
  router: Router;
  settings: MucSettings;
  /** The domains this node serves as TC aliases. */
  aliases: readonly string[];
  node: string;
  /** Persistent chat tables; undefined leaves the node with temporary rooms only. */
  store: TextConferenceStore | undefined;
  /** Keys XEP-0421 occupant ids so they cannot be linked across services. */
  secret: string;
  log: Logger;
}

export interface MucService {
  readonly aliases: readonly string[];
  loadedRooms(): number;
  /** Resolves when every loaded room has handled and sent what it was given. */
  settled(): Promise<void>;
  /** Tells every occupant the service is going away (332) and gives up the leases. */
  stop(): Promise<void>;
}

/** Longest a stopping service waits for its rooms' queued work. */
const STOP_SETTLE_MS = 5000;

export async function startMucService(deps: MucServiceDependencies): Promise<MucService> {
  const core = new ServiceCore(deps);
  for (const domain of deps.aliases) {
    const alias = new AliasService(domain, core);
    if (alias.lease !== undefined && deps.store !== undefined) {
      await alias.lease.start();
      await clearStaleOccupants(deps.store, alias, deps.node, deps.log);
    }
    deps.router.registerComponent({ kind: 'component', domain, deliver: (stanza) => alias.deliver(stanza) });
    core.aliases.push(alias);
  }
  deps.log.info({ aliases: deps.aliases, persistent: deps.store !== undefined }, 'text conference service started');
  return {
    aliases: deps.aliases,
    loadedRooms: () => core.loadedRooms(),
    settled: async () => {
      await Promise.all(core.aliases.flatMap((alias) => [...alias.hosts.values()].map((host) => host.settled())));
    },
    stop: async () => {
      // Let the rooms finish what they were given (and store it) while the lease is still held.
      const hosts = core.aliases.flatMap((alias) => [...alias.hosts.values()]);
      await Promise.race([Promise.all(hosts.map((host) => host.settled())), new Promise((resolve) => setTimeout(resolve, STOP_SETTLE_MS).unref())]);
      for (const alias of core.aliases) {
        for (const host of alias.hosts.values()) core.sendShutdown(host);
        await alias.lease?.stop();
      }
    },
  };
}

/** Occupants this node recorded before it last stopped are gone: their sessions ended with it. One statement, however many rooms. */
async function clearStaleOccupants(store: TextConferenceStore, alias: AliasService, node: string, log: Logger): Promise<void> {
  if (alias.lease?.isHeld !== true) return;
  try {
    const cleared = await store.occupants.clearNode(alias.domain, node, alias.lease.fence());
    if (cleared > 0) log.info({ alias: alias.domain, occupants: cleared }, 'cleared occupants left from the previous run');
  } catch (error) {
    log.warn({ err: error, alias: alias.domain }, 'stale occupants not cleared');
  }
}
