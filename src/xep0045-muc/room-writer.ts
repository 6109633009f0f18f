// Writes what a room's changes mean to the external database (DESIGN §5): a persistent room's
// configuration, affiliations, registered nicks, subject, occupants (with their node) and
// archive, every write under the alias lease's fence. Temporary rooms write nothing.
import type { Fence, OccupantRecord, TextConferenceStore } from '../persistence/ports.js';
import { applyChanges } from './room/changes.js';
import { isSubjectChange } from './room/history.js';
import { CONFIG_FORMAT_VERSION, encodeRoomConfig } from './room/room-config.js';
import type { HistoryEntry, Role, RoomChange, RoomState } from './room/types.js';

export interface WriterContext {
  store: TextConferenceStore;
  alias: string;
  node: string;
  /** The fence of the alias lease; throws when the node does not hold it. */
  fence(): Fence;
  archiveJoinsAndExits: boolean;
  maxPersistentRooms: number;
  /** Told when a background write (occupants, the join/leave log) failed. */
  onBackgroundFailure(error: unknown): void;
}

/** Changes that live in memory only. */
const TRANSIENT = new Set<RoomChange['kind']>(['history-appended', 'presence-updated', 'invited', 'iq-relayed', 'iq-answered']);

/** Changes that may store or unstore a room. */
const SHAPING = new Set<RoomChange['kind']>(['config-set', 'unlocked', 'destroyed']);

/** Changes that only record who is in the room: written in the background, in order (group-committed). */
const OCCUPANCY = new Set<RoomChange['kind']>(['session-joined', 'session-left', 'nick-changed', 'role-set']);

/** Refused because the operator's maximum of persistent rooms is reached. */
export class PersistentRoomLimitError extends Error {}

function isStoredAfter(room: RoomState): boolean {
  return room.config.isPersistent && !room.isLocked && !room.isDestroyed;
}

function cloneState(room: RoomState): RoomState {
  const occupants = new Map([...room.occupants].map(([nick, occupant]) => [nick, { ...occupant, sessions: new Map(occupant.sessions) }]));
  return { ...room, affiliations: new Map(room.affiliations), occupants, nickOf: new Map(room.nickOf), invited: new Set(room.invited), history: [...room.history], subjectChanges: [...room.subjectChanges] };
}

function occupantRecord(nick: string, realJid: string, role: OccupantRecord['role'] | 'none', node: string, now: Date): OccupantRecord | undefined {
  return role === 'none' ? undefined : { nick, realJid, role, node, joinedAt: now };
}

export class RoomWriter {
  constructor(private readonly ctx: WriterContext) {}

  /**
   * Stores the lasting effect of `changes` on a room held as `storeId` (undefined: not stored).
   * Returns the room's store id afterwards. Messages are archived separately (archive()).
   */
  async persist(room: RoomState, storeId: number | undefined, changes: readonly RoomChange[], now: Date): Promise<number | undefined> {
    const lasting = changes.filter((change) => !TRANSIENT.has(change.kind));
    if (lasting.length === 0) return storeId;
    // Only a change of configuration, locking or existence can store or unstore a room, or the
    // first entry into a room that is persistent from the start; only then is the room's state
    // after the changes worked out (a copy: joins into stored or temporary rooms never pay for it).
    const mayBecomeStored = storeId === undefined && room.config.isPersistent;
    if (mayBecomeStored || lasting.some((change) => SHAPING.has(change.kind))) {
      const after = cloneState(room);
      applyChanges(after, lasting, Number.MAX_SAFE_INTEGER);
      if (storeId !== undefined && !isStoredAfter(after)) {
        await this.ctx.store.rooms.destroy(storeId, this.ctx.fence());
        return undefined;
      }
      if (storeId === undefined) return isStoredAfter(after) ? this.create(after, now) : undefined;
    }
    if (storeId === undefined) return undefined;
    // Who is in the room is recorded for a takeover, not acknowledged to anyone: it need not hold
    // the room up. Submitted in order, so the group commit keeps that order.
    const fence = this.ctx.fence();
    for (const change of lasting) {
      if (OCCUPANCY.has(change.kind)) {
        for (const write of this.occupancyWrites(room, storeId, change, now, fence)) write.catch((error: unknown) => this.ctx.onBackgroundFailure(error));
      } else {
        await this.write(room, storeId, change, fence);
      }
    }
    return storeId;
  }

  /** Archives a message, or a subject change (with its subject in the subject column). */
  archive(storeId: number, room: RoomState, entry: HistoryEntry): Promise<void> {
    const subject = isSubjectChange(entry.stanza) ? entry.stanza.getChildText('subject') ?? '' : undefined;
    return this.ctx.store.archive.append(storeId, room.jid, {
      id: entry.id, stanzaId: entry.stanzaId, nickJid: `${room.jid}/${entry.nick}`, fromJid: entry.fromJid,
      sentAt: entry.sentAt, type: 'groupchat', body: entry.stanza.getChildText('body') ?? undefined, stanza: entry.stanza.toString(),
      ...(subject === undefined ? {} : { subject }),
    }, this.ctx.fence());
  }

  private async create(room: RoomState, now: Date): Promise<number> {
    const { store, alias, node } = this.ctx;
    if (await store.rooms.count(alias) >= this.ctx.maxPersistentRooms) throw new PersistentRoomLimitError(`at most ${this.ctx.maxPersistentRooms} persistent rooms`);
    const fence = this.ctx.fence();
    const record = await store.rooms.create({
      roomJid: room.jid, alias, creatorJid: room.creator, type: 'persistent',
      config: encodeRoomConfig(room.config), formatVersion: CONFIG_FORMAT_VERSION,
      subject: room.subject?.text ?? '', ...(room.subject?.by === undefined ? {} : { subjectBy: `${room.jid}/${room.subject.by}` }),
    }, fence);
    for (const [realJid, entry] of room.affiliations) {
      await store.affiliations.put(record.id, { realJid, ...entry }, fence);
    }
    for (const occupant of room.occupants.values()) {
      for (const realJid of occupant.sessions.keys()) {
        const row = occupantRecord(occupant.nick, realJid, occupant.role, node, now);
        if (row !== undefined) await store.occupants.add(record.id, row, fence);
      }
    }
    return record.id;
  }

  /** Starts the occupant and join/leave log writes one occupancy change means. */
  private occupancyWrites(before: RoomState, storeId: number, change: RoomChange, now: Date, fence: Fence): Promise<void>[] {
    const { store, node } = this.ctx;
    const writes: Promise<void>[] = [];
    const log = (realJid: string, nick: string, direction: 'E' | 'L'): void => {
      if (this.ctx.archiveJoinsAndExits) writes.push(store.timelog.append(storeId, { realJid, nickJid: `${before.jid}/${nick}`, direction, at: now }, fence));
    };
    const record = (nick: string, realJid: string, role: Role): void => {
      const row = occupantRecord(nick, realJid, role, node, now);
      if (row !== undefined) writes.push(store.occupants.add(storeId, row, fence));
    };
    switch (change.kind) {
      case 'session-joined':
        record(change.nick, change.realJid, change.role);
        log(change.realJid, change.nick, 'E');
        break;
      case 'session-left': {
        writes.push(store.occupants.remove(storeId, change.realJid, fence));
        const nick = before.nickOf.get(change.realJid);
        if (nick !== undefined) log(change.realJid, nick, 'L');
        break;
      }
      case 'nick-changed': {
        // The session moves to the new nick with its occupant's role.
        const nick = before.nickOf.get(change.realJid);
        const occupant = nick === undefined ? undefined : before.occupants.get(nick);
        if (occupant !== undefined) record(change.nick, change.realJid, occupant.role);
        break;
      }
      case 'role-set':
        for (const realJid of before.occupants.get(change.nick)?.sessions.keys() ?? []) record(change.nick, realJid, change.role);
        break;
      default:
        break;
    }
    return writes;
  }

  /** A lasting change the sender waits for: configuration, affiliations, subject. */
  private async write(room: RoomState, storeId: number, change: RoomChange, fence: Fence): Promise<void> {
    const { store } = this.ctx;
    switch (change.kind) {
      case 'affiliation-set':
        if (change.entry === undefined) await store.affiliations.remove(storeId, change.bareJid, fence);
        else await store.affiliations.put(storeId, { realJid: change.bareJid, ...change.entry }, fence);
        return;
      case 'config-set':
        await store.rooms.update(storeId, { config: encodeRoomConfig(change.config), formatVersion: CONFIG_FORMAT_VERSION }, fence);
        return;
      case 'subject-set':
        await store.rooms.update(storeId, { subject: change.subject.text, ...(change.subject.by === undefined ? {} : { subjectBy: `${room.jid}/${change.subject.by}` }) }, fence);
        return;
      default:
        return;
    }
  }
}
