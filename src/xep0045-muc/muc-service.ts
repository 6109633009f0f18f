// The text conference service (XEP-0045, DESIGN §3): a component on the router for each alias
// this node serves. Stanzas to the alias itself are the service's (disco, unique names); stanzas
// to a room go to that room's host, loaded lazily from the external database on its first stanza.
import { createHmac, randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { StaleFenceError, TextConferenceStore } from '../persistence/ports.js';
import type { Router } from '../router/router.js';
import { addressedCopies } from '../xmpp/broadcast.js';
import { decodeRoomConfig } from './room/room-config.js';
import { xml, type Element } from '../xmpp/element.js';
import { Jid } from '../xmpp/jid.js';
import { NS } from '../xmpp/namespaces.js';
import { errorReply, type StanzaErrorSpec } from '../xmpp/stanza-errors.js';
import { AliasLease } from './alias-lease.js';
import { answerArchiveQuery } from './archive-queries.js';
import { selfPresence } from './room/presence-out.js';
import { roomName } from './room/room-disco.js';
import type { Incoming, Outbound, RoomChange, RoomState } from './room/types.js';
import { RoomHost, type RoomHostDependencies } from './room-host.js';
import { loadRoomState, newRoomState } from './room-state.js';
import { RoomWriter } from './room-writer.js';
import { serviceDiscoInfo, serviceDiscoItems, uniqueRoomName, type ListedRoom } from './service-disco.js';
import { servicePolicy, type MucSettings, type ServicePolicy } from './settings.js';

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

const STORED_ROOMS_PAGE = 500;

class AliasService {
  readonly hosts = new Map<string, RoomHost>();
  readonly lease: AliasLease | undefined;
  private readonly hostDeps: RoomHostDependencies;
  private readonly unloadTimers = new Map<string, NodeJS.Timeout>();

  constructor(readonly domain: string, private readonly service: ServiceCore) {
    const { deps } = service;
    const log = deps.log.child({ alias: domain });
    this.lease = deps.store === undefined ? undefined
      : new AliasLease(deps.store.leases, domain, deps.node, deps.settings.leaseTtlMs, log, () => this.unloadAll());
    const lease = this.lease;
    const writer = deps.store === undefined || lease === undefined ? undefined : new RoomWriter({
      store: deps.store, alias: domain, node: deps.node, fence: () => lease.fence(),
      archiveJoinsAndExits: deps.settings.archiveJoinsAndExits, maxPersistentRooms: deps.settings.maxPersistentRooms,
    });
    this.hostDeps = {
      policy: service.policy,
      coreOptions: { canSelfRegister: deps.settings.selfRegistration },
      writer,
      send: (out) => service.send(out),
      context: (room) => service.context(room),
      create: (incoming) => service.createRoom(this, incoming),
      onIdle: (host) => this.idle(host),
      onFenceLost: (error: StaleFenceError) => {
        log.error({ err: error }, 'write refused: stale fence');
        lease?.lost();
      },
      onSessionsChanged: (host, changes) => service.trackSessions(host.jid, changes),
      queryArchive: (room, storeId, incoming) => answerArchiveQuery(room, incoming, {
        store: deps.store, storeId, policy: service.policy, maxPage: Math.max(100, deps.settings.maxHistoryFetch),
      }),
      flood: { ratePerSecond: deps.settings.floodMessagesPerSecond, burst: deps.settings.floodBurst },
      log,
    };
  }

  deliver(stanza: Element): void {
    const from = Jid.tryParse(stanza.attrs.from as string | undefined);
    const to = Jid.tryParse(stanza.attrs.to as string | undefined);
    if (from === undefined || to === undefined) return;
    if (to.local === '') {
      void this.serviceStanza(stanza, from);
      return;
    }
    const roomJid = to.bare().toString();
    const incoming: Incoming = { stanza, from: from.toString(), bareFrom: from.bare().toString(), nick: to.resource };
    if (this.lease !== undefined && !this.lease.isHeld) {
      // Another node holds the alias (or nobody can be sure): never create or serve its rooms here.
      this.service.send([{ stanza: errorReply(stanza, { condition: 'service-unavailable', type: 'wait', text: 'this node does not host the room service right now' }), to: [incoming.from] }]);
      return;
    }
    const refusal = this.service.checkRoomsPerUser(roomJid, incoming);
    if (refusal !== undefined) {
      this.service.send([{ stanza: errorReply(stanza, refusal), to: [incoming.from] }]);
      return;
    }
    this.hostFor(roomJid).submit(incoming);
  }

  private hostFor(roomJid: string): RoomHost {
    const existing = this.hosts.get(roomJid);
    if (existing !== undefined) {
      clearTimeout(this.unloadTimers.get(roomJid));
      this.unloadTimers.delete(roomJid);
      return existing;
    }
    const host = new RoomHost(roomJid, this.hostDeps, async () => {
      const { store } = this.service.deps;
      if (store === undefined || this.lease?.isHeld !== true) return undefined;
      const record = await store.rooms.get(roomJid);
      if (record === undefined) return undefined;
      const state = await loadRoomState(store, record, this.service.policy.defaults, this.service.policy.maxHistoryFetch);
      return { state, storeId: record.id };
    });
    this.hosts.set(roomJid, host);
    return host;
  }

  /** A room with nobody in it: a temporary one is gone; a stored one is unloaded after a while. */
  private idle(host: RoomHost): void {
    void host.settled().then(() => {
      if (!host.isIdle || this.hosts.get(host.jid) !== host) return;
      if (host.storeId === undefined || host.state?.isDestroyed !== false) {
        this.hosts.delete(host.jid);
        return;
      }
      const timer = setTimeout(() => {
        this.unloadTimers.delete(host.jid);
        if (host.isIdle && this.hosts.get(host.jid) === host) this.hosts.delete(host.jid);
      }, this.service.deps.settings.idleRoomUnloadMs);
      timer.unref();
      this.unloadTimers.set(host.jid, timer);
    });
  }

  /** The lease is lost: another node may serve the alias now; every room here is dropped, its occupants told (332). */
  private unloadAll(): void {
    for (const host of this.hosts.values()) this.service.sendShutdown(host);
    this.hosts.clear();
  }

  private async serviceStanza(stanza: Element, from: Jid): Promise<void> {
    const reply = (payload?: Element): void => this.service.send([{
      stanza: xml('iq', { xmlns: NS.client, type: 'result', id: stanza.attrs.id as string | undefined, from: this.domain }, payload),
      to: [from.toString()],
    }]);
    const fail = (spec: StanzaErrorSpec): void => this.service.send([{ stanza: errorReply(stanza, spec), to: [from.toString()] }]);
    if (stanza.name !== 'iq') {
      if (stanza.attrs.type !== 'error') fail({ condition: 'service-unavailable', text: 'address a room, not the service' });
      return;
    }
    const query = stanza.getChildElements()[0];
    const key = `${String(stanza.attrs.type)} ${query?.getNS() ?? ''}`;
    try {
      switch (key) {
        case `get ${NS.discoInfo}`:
          if (query?.attrs.node !== undefined) fail({ condition: 'item-not-found' });
          else reply(serviceDiscoInfo('Chatrooms'));
          return;
        case `get ${NS.discoItems}`: {
          const items = serviceDiscoItems(await this.publicRooms(), query ?? xml('query'));
          if ('condition' in items) fail(items);
          else reply(items);
          return;
        }
        case `get ${NS.mucUnique}`: reply(uniqueRoomName()); return;
        case `get ${NS.ping}`: reply(); return;
        default:
          if (stanza.attrs.type === 'get' || stanza.attrs.type === 'set') fail({ condition: 'service-unavailable' });
      }
    } catch (error) {
      this.service.deps.log.warn({ err: error, alias: this.domain }, 'service query failed');
      fail({ condition: 'resource-constraint', text: 'the room directory is unavailable right now' });
    }
  }

  /** §6.3: public rooms, stored or loaded; locked and hidden rooms are not listed. */
  private async publicRooms(): Promise<ListedRoom[]> {
    const listed = new Map<string, ListedRoom>();
    const { store } = this.service.deps;
    if (store !== undefined) {
      let afterId: number | undefined;
      for (;;) {
        const page = await store.rooms.list(this.domain, { limit: STORED_ROOMS_PAGE, ...(afterId === undefined ? {} : { afterId }) });
        for (const record of page) {
          const config = decodeRoomConfig(record.config, record.formatVersion, this.service.policy.defaults);
          if (config.isPublic) listed.set(record.roomJid, { jid: record.roomJid, name: config.name === '' ? record.roomJid.slice(0, record.roomJid.indexOf('@')) : config.name });
        }
        if (page.length < STORED_ROOMS_PAGE) break;
        afterId = page[page.length - 1]?.id;
      }
    }
    for (const host of this.hosts.values()) {
      const room = host.state;
      if (room === undefined || room.isDestroyed || room.isUnclaimed) continue;
      if (room.isLocked || !room.config.isPublic) listed.delete(room.jid);
      else listed.set(room.jid, { jid: room.jid, name: roomName(room) });
    }
    return [...listed.values()];
  }
}

/** What every alias shares: policy, sending, room creation limits, rooms-per-user accounting. */
class ServiceCore {
  readonly policy: ServicePolicy;
  readonly aliases: AliasService[] = [];
  private readonly roomsOfUser = new Map<string, Map<string, number>>();

  constructor(readonly deps: MucServiceDependencies) {
    this.policy = servicePolicy(deps.settings, deps.store !== undefined);
  }

  context(room: RoomState): ReturnType<RoomHostDependencies['context']> {
    const { secret } = this.deps;
    return {
      now: new Date(),
      policy: this.policy,
      newStanzaId: () => randomBytes(12).toString('base64url'),
      occupantId: (bareJid) => createHmac('sha256', secret).update(`${room.jid}\0${bareJid}`).digest('base64url').slice(0, 22),
    };
  }

  /** Sends a room's output: one serialisation per stanza, however many recipients. */
  send(out: readonly Outbound[]): void {
    for (const { stanza, to } of out) {
      stanza.attrs.xmlns ??= NS.client;
      if (to.length === 1) {
        stanza.attrs.to = to[0];
        void this.deps.router.route(stanza);
      } else if (to.length > 1) {
        delete stanza.attrs.to;
        for (const copy of addressedCopies(stanza, to)) void this.deps.router.route(copy);
      }
    }
  }

  /** Occupants leave with 332: the service is going away (shutdown, or the alias moved). */
  sendShutdown(host: RoomHost): void {
    const room = host.state;
    if (room === undefined) return;
    for (const occupant of room.occupants.values()) {
      this.send(selfPresence(room, occupant, undefined, { codes: [332], role: 'none' }, [...occupant.sessions.keys()]));
    }
  }

  createRoom(alias: AliasService, incoming: Incoming): RoomState | StanzaErrorSpec {
    const isJoin = incoming.stanza.name === 'presence' && incoming.stanza.attrs.type === undefined && incoming.nick !== '';
    if (!isJoin) return { condition: 'item-not-found', text: 'no such room' };
    if (!this.policy.canCreateRoom(incoming.bareFrom)) return { condition: 'not-allowed', text: 'only group chat administrators may create rooms' };
    if (this.loadedRooms() >= this.deps.settings.maxRooms) return { condition: 'not-allowed', text: 'the room limit of this service is reached' };
    const roomJid = `${Jid.parse(incoming.stanza.attrs.to as string).local}@${alias.domain}`;
    return newRoomState(roomJid, incoming.bareFrom, this.policy.defaults, new Date(), this.deps.settings.lockNewRooms);
  }

  loadedRooms(): number {
    return this.aliases.reduce((sum, alias) => sum + alias.hosts.size, 0);
  }

  /** Refuses entering one more room than the operator allows per user. */
  checkRoomsPerUser(roomJid: string, incoming: Incoming): StanzaErrorSpec | undefined {
    if (incoming.stanza.name !== 'presence' || incoming.stanza.attrs.type !== undefined) return undefined;
    const rooms = this.roomsOfUser.get(incoming.bareFrom);
    if (rooms === undefined || rooms.has(roomJid) || rooms.size < this.deps.settings.maxRoomsPerUser) return undefined;
    return { condition: 'policy-violation', text: `you may be in at most ${this.deps.settings.maxRoomsPerUser} rooms at once` };
  }

  trackSessions(roomJid: string, changes: readonly RoomChange[]): void {
    for (const change of changes) {
      if (change.kind === 'session-joined') {
        const rooms = this.roomsOfUser.get(change.bareJid) ?? new Map<string, number>();
        rooms.set(roomJid, (rooms.get(roomJid) ?? 0) + 1);
        this.roomsOfUser.set(change.bareJid, rooms);
      } else if (change.kind === 'session-left') {
        const bare = Jid.parse(change.realJid).bare().toString();
        const rooms = this.roomsOfUser.get(bare);
        const count = (rooms?.get(roomJid) ?? 1) - 1;
        if (count > 0) rooms?.set(roomJid, count);
        else rooms?.delete(roomJid);
        if (rooms?.size === 0) this.roomsOfUser.delete(bare);
      }
    }
  }
}

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
      for (const alias of core.aliases) {
        for (const host of alias.hosts.values()) core.sendShutdown(host);
        await alias.lease?.stop();
      }
    },
  };
}

/** Occupants this node recorded before it last stopped are gone: their sessions ended with it. */
async function clearStaleOccupants(store: TextConferenceStore, alias: AliasService, node: string, log: Logger): Promise<void> {
  if (alias.lease?.isHeld !== true) return;
  try {
    const stale = await store.occupants.listByNode(alias.domain, node);
    const fence = alias.lease.fence();
    const roomIds = new Map<string, number>();
    for (const { roomJid, occupant } of stale) {
      const id = roomIds.get(roomJid) ?? (await store.rooms.get(roomJid))?.id;
      if (id === undefined) continue;
      roomIds.set(roomJid, id);
      await store.occupants.remove(id, occupant.realJid, fence);
    }
    if (stale.length > 0) log.info({ alias: alias.domain, occupants: stale.length }, 'cleared occupants left from the previous run');
  } catch (error) {
    log.warn({ err: error, alias: alias.domain }, 'stale occupants not cleared');
  }
}
