// The stored public rooms of an alias, read once per lease epoch and kept current from the rooms
// that leave memory.
import { expect } from 'chai';
import { StoredRoomDirectory } from '../../../src/xep0045-muc/room-directory.js';
import type { DirectoryRoom } from '../../../src/xep0045-muc/room-search.js';

function room(local: string, name = local): DirectoryRoom {
  return {
    jid: `${local}@conference.example.org`, name, description: '', subject: '', occupants: 0, maxOccupants: 30,
    isPasswordProtected: false, isMembersOnly: false,
  };
}

/** A database read that answers when told to, counting how often it was asked. */
class Reads {
  count = 0;
  private release: (() => void) | undefined;
  constructor(private readonly stored: DirectoryRoom[], private readonly isHeld = false) {}

  read = async (): Promise<Map<string, DirectoryRoom>> => {
    this.count += 1;
    if (this.isHeld) await new Promise<void>((resolve) => { this.release = resolve; });
    return new Map(this.stored.map((entry) => [entry.jid, entry]));
  };

  answer(): void {
    this.release?.();
  }
}

const names = (rooms: ReadonlyMap<string, DirectoryRoom>): string[] => [...rooms.values()].map((entry) => entry.name).sort();

describe('the stored room directory of an alias', () => {
  it('reads the database once per lease epoch, and again under a new epoch', async () => {
    const reads = new Reads([room('coven'), room('heath')]);
    const directory = new StoredRoomDirectory(reads.read);
    expect(names(await directory.rooms(1))).to.deep.equal(['coven', 'heath']);
    await directory.rooms(1);
    expect(reads.count).to.equal(1);
    await directory.rooms(2);
    expect(reads.count).to.equal(2);
  });

  it('requests that come while the read is under way share it', async () => {
    const reads = new Reads([room('coven')], true);
    const directory = new StoredRoomDirectory(reads.read);
    const both = Promise.all([directory.rooms(1), directory.rooms(1)]);
    reads.answer();
    expect((await both).map(names)).to.deep.equal([['coven'], ['coven']]);
    expect(reads.count).to.equal(1);
  });

  it('takes what a room was when it left memory: renamed, hidden or destroyed, and new rooms', async () => {
    const directory = new StoredRoomDirectory(new Reads([room('coven'), room('heath'), room('forres')]).read);
    await directory.rooms(1);
    directory.update('coven@conference.example.org', room('coven', 'A Dark Cave'));
    directory.update('heath@conference.example.org', undefined);
    directory.update('abbey@conference.example.org', room('abbey'));
    expect(names(await directory.rooms(1))).to.deep.equal(['A Dark Cave', 'abbey', 'forres']);
  });

  it('a room that leaves memory while the read is under way is not undone by what the read found', async () => {
    const reads = new Reads([room('coven'), room('heath')], true);
    const directory = new StoredRoomDirectory(reads.read);
    const pending = directory.rooms(1);
    directory.update('coven@conference.example.org', room('coven', 'A Dark Cave'));
    directory.update('heath@conference.example.org', undefined);
    reads.answer();
    expect(names(await pending)).to.deep.equal(['A Dark Cave']);
    expect(names(await directory.rooms(1))).to.deep.equal(['A Dark Cave']);
  });

  it('a read for a lease since lost, finishing late, is not taken for the new lease\'s', async () => {
    const late = new Reads([room('stale')], true);
    let reads = 0;
    const directory = new StoredRoomDirectory(async () => {
      reads += 1;
      return reads === 1 ? late.read() : new Map([[room('fresh').jid, room('fresh')]]);
    });
    const old = directory.rooms(1);
    directory.clear();
    expect(names(await directory.rooms(2))).to.deep.equal(['fresh']);
    late.answer();
    expect(names(await old)).to.deep.equal(['stale']);
    expect(names(await directory.rooms(2))).to.deep.equal(['fresh']);
    expect(reads).to.equal(2);
  });

  it('cleared when the lease is lost: read again; a failed read is tried again next time', async () => {
    const reads = new Reads([room('coven')]);
    const directory = new StoredRoomDirectory(reads.read);
    await directory.rooms(1);
    directory.clear();
    await directory.rooms(1);
    expect(reads.count).to.equal(2);

    let fails = true;
    const flaky = new StoredRoomDirectory(async () => {
      if (fails) throw new Error('database away');
      return reads.read();
    });
    let failure: unknown;
    await flaky.rooms(1).catch((error: unknown) => { failure = error; });
    expect(failure).to.be.instanceOf(Error);
    fails = false;
    expect(names(await flaky.rooms(1))).to.deep.equal(['coven']);
  });
});
