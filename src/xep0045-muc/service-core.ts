// What every alias of the service shares: the policy, sending (one serialisation per stanza),
// room creation and its limits, and how many rooms each user is in.
import { createHmac, randomUUID } from 'node:crypto';
import { addressedCopies } from '../xmpp/broadcast.js';
import { Jid } from '../xmpp/jid.js';
import { NS } from '../xmpp/namespaces.js';
import type { StanzaErrorSpec } from '../xmpp/stanza-errors.js';
import type { AliasService } from './alias-service.js';
import type { MucServiceDependencies } from './muc-service.js';
import { selfPresence } from './room/presence-out.js';
import type { Incoming, Outbound, RoomChange, RoomContext, RoomState } from './room/types.js';
import type { RoomHost } from './room-host.js';
import { newRoomState } from './room-state.js';
import { servicePolicy, type ServicePolicy } from './settings.js';

/** What every alias shares: policy, sending, room creation limits, rooms-per-user accounting. */
/** Recipients' parsed JIDs kept at once; the cache starts over past this. */
const PARSED_JIDS_KEPT = 100_000;

export class ServiceCore {
  readonly policy: ServicePolicy;
  readonly aliases: AliasService[] = [];
  private readonly roomsOfUser = new Map<string, Map<string, number>>();
  private readonly parsedJids = new Map<string, Jid>();

  constructor(readonly deps: MucServiceDependencies) {
    this.policy = servicePolicy(deps.settings, deps.store !== undefined);
  }

  context(room: RoomState): RoomContext {
    const { secret } = this.deps;
    return {
      now: new Date(),
      policy: this.policy,
      // randomUUID draws on a buffered entropy pool: one call per message costs next to nothing.
      newStanzaId: () => randomUUID(),
      occupantId: (bareJid) => createHmac('sha256', secret).update(`${room.jid}\0${bareJid}`).digest('base64url').slice(0, 22),
    };
  }

  /**
   * Sends a room's output: one serialisation per stanza however many recipients, and addresses
   * parsed once (occupants' JIDs are kept parsed), so a fan-out costs the router no parsing.
   */
  send(out: readonly Outbound[]): void {
    for (const { stanza, to } of out) {
      // The stanza itself may be kept (history, the archive): recipients get addressed copies.
      stanza.attrs.xmlns ??= NS.client;
      delete stanza.attrs.to;
      const from = Jid.parse(String(stanza.attrs.from));
      const copies = addressedCopies(stanza, to);
      copies.forEach((copy, index) => this.deps.router.routeParsed(copy, from, this.parsed(to[index] ?? '')));
    }
  }

  private parsed(jid: string): Jid {
    let parsed = this.parsedJids.get(jid);
    if (parsed === undefined) {
      if (this.parsedJids.size >= PARSED_JIDS_KEPT) this.parsedJids.clear();
      parsed = Jid.parse(jid);
      this.parsedJids.set(jid, parsed);
    }
    return parsed;
  }

  /** Occupants leave with 332: the service is going away (shutdown, or the alias moved). */
  sendShutdown(host: RoomHost): void {
    const room = host.state;
    if (room === undefined) return;
    for (const occupant of room.occupants.values()) {
      this.send(selfPresence(room, occupant, undefined, { codes: [332], role: 'none' }, [...occupant.sessions.keys()]));
    }
  }

  async createRoom(alias: AliasService, incoming: Incoming, host: RoomHost): Promise<RoomState | StanzaErrorSpec> {
    const isJoin = incoming.stanza.name === 'presence' && incoming.stanza.attrs.type === undefined && incoming.nick !== '';
    if (!isJoin) return { condition: 'item-not-found', text: 'no such room' };
    if (!this.policy.canCreateRoom(incoming.bareFrom)) return { condition: 'not-allowed', text: 'only group chat administrators may create rooms' };
    let hosted: number;
    try {
      hosted = await this.hostedRooms(host);
    } catch (error) {
      this.deps.log.warn({ err: error }, 'stored rooms not counted');
      return { condition: 'resource-constraint', type: 'wait', text: 'the room service cannot count its rooms right now; try again' };
    }
    if (hosted >= this.deps.settings.maxRooms) return { condition: 'not-allowed', text: `the room limit of this service (${this.deps.settings.maxRooms}) is reached` };
    // Checked and reserved in one step (no await between), so rooms created side by side cannot
    // all pass the same count.
    host.reserveCreation();
    const roomJid = `${Jid.parse(incoming.stanza.attrs.to as string).local}@${alias.domain}`;
    return newRoomState(roomJid, incoming.bareFrom, this.policy.defaults, new Date(), this.deps.settings.lockNewRooms);
  }

  loadedRooms(): number {
    return this.aliases.reduce((sum, alias) => sum + alias.hosts.size, 0);
  }

  /**
   * Rooms this node hosts besides `asking` (the `maxRooms` limit): the stored rooms of the aliases
   * whose lease it holds, loaded or not, and the rooms in memory that are not stored, those with
   * a creation under way included. The rooms in memory are counted after the store answers, so
   * that the caller can check and reserve without an await in between. A room stored a moment
   * ago may count twice until its host learns its id: the limit errs towards refusing.
   */
  async hostedRooms(asking: RoomHost): Promise<number> {
    const { store } = this.deps;
    let hosted = 0;
    for (const alias of this.aliases) {
      if (store !== undefined && alias.lease?.isHeld === true) hosted += await store.rooms.count(alias.domain);
    }
    for (const alias of this.aliases) {
      for (const host of alias.hosts.values()) if (host !== asking && host.isUnstored) hosted += 1;
    }
    return hosted;
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

