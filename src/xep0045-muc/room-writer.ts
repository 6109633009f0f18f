// Writes what a room's changes mean to the external database (DESIGN §5): a persistent room's
// configuration, affiliations, registered nicks, subject, occupants (with their node) and
// archive, every write under the alias lease's fence. Temporary rooms write nothing.
import type { Fence, OccupantRecord, TextConferenceStore } from '../persistence/ports.js';
import { applyChanges } from './room/changes.js';
import { CONFIG_FORMAT_VERSION, encodeRoomConfig } from './room/room-config.js';
import type { HistoryEntry, RoomChange, RoomState } from './room/types.js';

export interface WriterContext {
  store: TextConferenceStore;
  alias: string;
  node: string;
  /** The fence of the alias lease; throws when the node does not hold it. */
  fence(): Fence;
  archiveJoinsAndExits: boolean;
  maxPersistentRooms: number;
}

/** Refused because the operator's maximum of persistent rooms is reached. */
export class PersistentRoomLimitError extends Error {}

function isStoredAfter(room: RoomState): boolean {
  return room.config.isPersistent && !room.isLocked && !room.isDestroyed;
}

function cloneState(room: RoomState): RoomState {
  const occupants = new Map([...room.occupants].map(([nick, occupant]) => [nick, { ...occupant, sessions: new Map(occupant.sessions) }]));
  return { ...room, affiliations: new Map(room.affiliations), occupants, nickOf: new Map(room.nickOf), invited: new Set(room.invited), history: [...room.history] };
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
    const lasting = changes.filter((change) => change.kind !== 'history-appended' && change.kind !== 'presence-updated' && change.kind !== 'invited');
    if (lasting.length === 0) return storeId;
    const after = cloneState(room);
    applyChanges(after, lasting, Number.MAX_SAFE_INTEGER);
    const { store } = this.ctx;
    if (storeId !== undefined && !isStoredAfter(after)) {
      await store.rooms.destroy(storeId, this.ctx.fence());
      return undefined;
    }
    if (storeId === undefined) return isStoredAfter(after) ? this.create(after, now) : undefined;
    for (const change of lasting) await this.write(room, after, storeId, change, now);
    return storeId;
  }

  archive(storeId: number, room: RoomState, entry: HistoryEntry): Promise<void> {
    return this.ctx.store.archive.append(storeId, room.jid, {
      id: entry.id, stanzaId: entry.stanzaId, nickJid: `${room.jid}/${entry.nick}`, fromJid: entry.fromJid,
      sentAt: entry.sentAt, type: 'groupchat', body: entry.stanza.getChildText('body') ?? undefined, stanza: entry.stanza.toString(),
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

  private async write(before: RoomState, after: RoomState, storeId: number, change: RoomChange, now: Date): Promise<void> {
    const { store, node } = this.ctx;
    const fence = this.ctx.fence();
    switch (change.kind) {
      case 'session-joined': {
        const row = occupantRecord(change.nick, change.realJid, change.role, node, now);
        if (row !== undefined) await store.occupants.add(storeId, row, fence);
        if (this.ctx.archiveJoinsAndExits) {
          await store.timelog.append(storeId, { realJid: change.realJid, nickJid: `${after.jid}/${change.nick}`, direction: 'E', at: now }, fence);
        }
        return;
      }
      case 'session-left': {
        await store.occupants.remove(storeId, change.realJid, fence);
        const nick = before.nickOf.get(change.realJid);
        if (this.ctx.archiveJoinsAndExits && nick !== undefined) {
          await store.timelog.append(storeId, { realJid: change.realJid, nickJid: `${after.jid}/${nick}`, direction: 'L', at: now }, fence);
        }
        return;
      }
      case 'nick-changed':
      case 'role-set': {
        const { nick } = change;
        const occupant = after.occupants.get(nick);
        for (const realJid of occupant?.sessions.keys() ?? []) {
          const row = occupant === undefined ? undefined : occupantRecord(nick, realJid, occupant.role, node, now);
          if (row !== undefined) await store.occupants.add(storeId, row, fence);
        }
        return;
      }
      case 'affiliation-set':
        if (change.entry === undefined) await store.affiliations.remove(storeId, change.bareJid, fence);
        else await store.affiliations.put(storeId, { realJid: change.bareJid, ...change.entry }, fence);
        return;
      case 'config-set':
        await store.rooms.update(storeId, { config: encodeRoomConfig(change.config), formatVersion: CONFIG_FORMAT_VERSION }, fence);
        return;
      case 'subject-set':
        await store.rooms.update(storeId, { subject: change.subject.text, ...(change.subject.by === undefined ? {} : { subjectBy: `${after.jid}/${change.subject.by}` }) }, fence);
        return;
      case 'destroyed':
        await store.rooms.destroy(storeId, fence);
        return;
      case 'unlocked':
      case 'invited':
      case 'presence-updated':
      case 'history-appended':
        return;
    }
  }
}
