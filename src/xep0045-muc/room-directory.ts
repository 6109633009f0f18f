// The public rooms an alias has stored, for disco#items and room search without reading every
// room from the database on each request (20,000 rooms take some 200 ms to read and decode). Only
// the lease holder writes an alias's rooms, so the directory is read once per lease epoch and then
// kept current from the rooms this node lets go of: a room changes only while it is loaded here,
// and what it was when it left memory is what the database holds.
import type { DirectoryRoom } from './room-search.js';

interface Building {
  epoch: number;
  done: Promise<Map<string, DirectoryRoom>>;
  /** Rooms that left memory while the read was under way: applied over what it read. */
  pending: Map<string, DirectoryRoom | undefined>;
}

export class StoredRoomDirectory {
  private built: { epoch: number; rooms: Map<string, DirectoryRoom> } | undefined;
  private building: Building | undefined;

  /** `read` lists the alias's stored public rooms from the database. */
  constructor(private readonly read: () => Promise<Map<string, DirectoryRoom>>) {}

  /** The stored public rooms under the lease of this epoch; read from the database on first use. */
  async rooms(epoch: number): Promise<ReadonlyMap<string, DirectoryRoom>> {
    if (this.built?.epoch === epoch) return this.built.rooms;
    if (this.building?.epoch === epoch) return this.building.done;
    const pending = new Map<string, DirectoryRoom | undefined>();
    const building: Building = {
      epoch,
      pending,
      done: this.read().then((rooms) => {
        for (const [jid, entry] of pending) apply(rooms, jid, entry);
        if (this.building === building) {
          this.built = { epoch, rooms };
          this.building = undefined;
        }
        return rooms;
      }, (error: unknown) => {
        if (this.building === building) this.building = undefined;
        throw error;
      }),
    };
    this.building = building;
    return building.done;
  }

  /** A stored room left memory: its entry, or undefined when it is no longer listed (hidden, destroyed). */
  update(jid: string, entry: DirectoryRoom | undefined): void {
    if (this.built !== undefined) apply(this.built.rooms, jid, entry);
    this.building?.pending.set(jid, entry);
  }

  /** The lease was lost: another node may change the rooms; read them again under the next lease. */
  clear(): void {
    this.built = undefined;
    this.building = undefined;
  }
}

function apply(rooms: Map<string, DirectoryRoom>, jid: string, entry: DirectoryRoom | undefined): void {
  if (entry === undefined) rooms.delete(jid);
  else rooms.set(jid, entry);
}
