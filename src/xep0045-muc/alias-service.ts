// One TC alias of the service: the component the router delivers its stanzas to. Stanzas to the
// alias itself are the service's (disco, room search, unique names); stanzas to a room go to that
// room's host, loaded lazily from the external database on its first stanza, served only under
// the lease.
import { StaleFenceError } from '../persistence/ports.js';
import { xml, type Element } from '../xmpp/element.js';
import { Jid } from '../xmpp/jid.js';
import { NS } from '../xmpp/namespaces.js';
import { errorReply, type StanzaErrorSpec } from '../xmpp/stanza-errors.js';
import { AliasLease } from './alias-lease.js';
import { answerArchiveQuery } from './archive-queries.js';
import { occupantLimit } from './features/occupancy-limit.js';
import { decodeRoomConfig, type RoomConfig } from './room/room-config.js';
import type { Incoming, RoomState } from './room/types.js';
import { StoredRoomDirectory } from './room-directory.js';
import { RoomHost, type RoomHostDependencies } from './room-host.js';
import { findRooms, parseRoomSearch, searchForm, searchResult, type DirectoryRoom } from './room-search.js';
import { loadRoomState } from './room-state.js';
import { RoomWriter } from './room-writer.js';
import type { ServiceCore } from './service-core.js';
import { serviceDiscoInfo, serviceDiscoItems, uniqueRoomName } from './service-disco.js';
import type { ServicePolicy } from './settings.js';

const STORED_ROOMS_PAGE = 500;

export class AliasService {
  readonly hosts = new Map<string, RoomHost>();
  readonly lease: AliasLease | undefined;
  private readonly hostDeps: RoomHostDependencies;
  private readonly unloadTimers = new Map<string, NodeJS.Timeout>();
  private readonly directory = new StoredRoomDirectory(() => this.readStoredRooms());

  constructor(readonly domain: string, private readonly service: ServiceCore) {
    const { deps } = service;
    const log = deps.log.child({ alias: domain });
    this.lease = deps.store === undefined ? undefined
      : new AliasLease(deps.store.leases, domain, deps.node, deps.settings.leaseTtlMs, log, () => this.unloadAll());
    const lease = this.lease;
    const writer = deps.store === undefined || lease === undefined ? undefined : new RoomWriter({
      store: deps.store, alias: domain, node: deps.node, fence: () => lease.fence(),
      archiveJoinsAndExits: deps.settings.archiveJoinsAndExits, maxPersistentRooms: deps.settings.maxPersistentRooms,
      onBackgroundFailure: (error) => {
        if (error instanceof StaleFenceError) lease.lost();
        else log.warn({ err: error }, 'occupants of a room not recorded');
      },
    });
    this.hostDeps = {
      policy: service.policy,
      coreOptions: { canSelfRegister: deps.settings.selfRegistration },
      writer,
      send: (out) => service.send(out),
      context: (room) => service.context(room),
      create: (incoming, host) => service.createRoom(this, incoming, host),
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
        this.release(host);
        return;
      }
      clearTimeout(this.unloadTimers.get(host.jid));
      const timer = setTimeout(() => {
        this.unloadTimers.delete(host.jid);
        if (host.isIdle && this.hosts.get(host.jid) === host) this.release(host);
      }, this.service.deps.settings.idleRoomUnloadMs);
      timer.unref();
      this.unloadTimers.set(host.jid, timer);
    });
  }

  /** A room leaves memory; the directory keeps what it was, which is what the database holds. */
  private release(host: RoomHost): void {
    this.hosts.delete(host.jid);
    const room = host.state;
    // A host that never loaded its room knows nothing of it.
    if (room === undefined) return;
    if (host.hasUncertainStore) {
      this.directory.clear();
      return;
    }
    this.directory.update(room.jid, host.storeId === undefined ? undefined : this.listing(room, 0));
  }

  /** The lease is lost: another node may serve the alias now; every room here is dropped, its occupants told (332). */
  private unloadAll(): void {
    for (const host of this.hosts.values()) this.service.sendShutdown(host);
    this.hosts.clear();
    this.directory.clear();
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
        case `get ${NS.search}`: reply(searchForm()); return;
        case `set ${NS.search}`: {
          const search = parseRoomSearch(query ?? xml('query'));
          const result = 'condition' in search ? search : searchResult(findRooms(await this.publicRooms(), search), query ?? xml('query'));
          if ('condition' in result) fail(result);
          else reply(result);
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
  private async publicRooms(): Promise<DirectoryRoom[]> {
    const { lease } = this;
    // Under the lease the stored rooms are known; without it (another node hosts the alias, or
    // none does yet) they are read as they are now.
    const stored = lease?.isHeld === true ? await this.directory.rooms(lease.fence().epoch) : await this.readStoredRooms();
    const listed = new Map(stored);
    for (const host of this.hosts.values()) {
      const room = host.state;
      if (room === undefined) continue;
      const entry = this.listing(room, room.occupants.size);
      if (entry === undefined) listed.delete(room.jid);
      else listed.set(room.jid, entry);
    }
    return [...listed.values()];
  }

  /**
   * A room's directory entry; undefined when §6.3 does not list it (locked or hidden), or when it
   * is destroyed or not yet created, whatever was stored before.
   */
  private listing(room: RoomState, occupants: number): DirectoryRoom | undefined {
    if (room.isDestroyed || room.isUnclaimed || room.isLocked || !room.config.isPublic) return undefined;
    return directoryEntry(room.jid, room.config, room.subject?.text ?? '', occupants, this.service.policy);
  }

  /** The alias's stored public rooms, from the database, a page at a time; nobody is in them. */
  private async readStoredRooms(): Promise<Map<string, DirectoryRoom>> {
    const listed = new Map<string, DirectoryRoom>();
    const { store } = this.service.deps;
    if (store === undefined) return listed;
    const { policy } = this.service;
    let afterId: number | undefined;
    for (;;) {
      const page = await store.rooms.list(this.domain, { limit: STORED_ROOMS_PAGE, ...(afterId === undefined ? {} : { afterId }) });
      for (const record of page) {
        const config = decodeRoomConfig(record.config, record.formatVersion, policy.defaults);
        if (config.isPublic) listed.set(record.roomJid, directoryEntry(record.roomJid, config, record.subject, 0, policy));
      }
      if (page.length < STORED_ROOMS_PAGE) return listed;
      afterId = page[page.length - 1]?.id;
    }
  }
}

function directoryEntry(jid: string, config: RoomConfig, subject: string, occupants: number, policy: ServicePolicy): DirectoryRoom {
  return {
    jid,
    name: config.name === '' ? jid.slice(0, jid.indexOf('@')) : config.name,
    description: config.description,
    subject,
    occupants,
    maxOccupants: occupantLimit(config, policy),
    isPasswordProtected: config.isPasswordProtected,
    isMembersOnly: config.isMembersOnly,
  };
}
