// The storage contract for persistent chat (issue: external databases): hosting leases and
// fencing, rooms, affiliations, archive paging and group commit, occupants, the join/leave log.
// Run on every database through the harness.
import { expect } from 'chai';
import type { ArchivedMessage, Fence, Lease, NewRoom, TextConferenceStore } from '../../src/persistence/ports.js';
import { StaleFenceError } from '../../src/persistence/ports.js';
import { describeStorageContract } from './harness.js';

const ALIAS = 'conference-1-cluster.example';
const TTL = 30_000;

function room(roomJid: string, alias = ALIAS): NewRoom {
  return { roomJid, alias, creatorJid: 'alice@example', type: 'persistent', config: '{"name":"Room"}', formatVersion: 1, subject: '' };
}

function message(id: number, overrides: Partial<ArchivedMessage> = {}): ArchivedMessage {
  return {
    id,
    stanzaId: `sid-${id}`,
    nickJid: `lobby@${ALIAS}/alice`,
    fromJid: 'alice@example/desk',
    sentAt: new Date(Date.UTC(2026, 0, 1, 0, 0, id)),
    type: 'groupchat',
    body: `message ${id}`,
    stanza: `<message type="groupchat"><body>message ${id}</body></message>`,
    ...overrides,
  };
}

function fenceOf(lease: Lease | undefined): Fence {
  if (lease?.ownerNode === undefined) throw new Error('no lease held');
  return { alias: lease.alias, node: lease.ownerNode, epoch: lease.epoch };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(() => undefined, (error: unknown) => error);
}

describeStorageContract('text conference', (subject) => {
  const tc = (): TextConferenceStore => subject.storage.textConference;

  describe('hosting leases', () => {
    it('one node takes a free alias at epoch 1; another is refused while it lives; the holder extends it', async () => {
      const first = await tc().leases.acquire('leases-a.example', 'node1', TTL);
      expect(first).to.include({ alias: 'leases-a.example', ownerNode: 'node1', epoch: 1 });
      expect(await tc().leases.acquire('leases-a.example', 'node2', TTL)).to.equal(undefined);
      const again = await tc().leases.acquire('leases-a.example', 'node1', TTL);
      expect(again?.epoch).to.equal(1);
      expect(again?.expiresAt.getTime()).to.be.at.least(first?.expiresAt.getTime() ?? Infinity);
    });

    it('renews under the right fence only; after release another node takes it at the next epoch', async () => {
      const lease = await tc().leases.acquire('leases-b.example', 'node1', TTL);
      expect(await tc().leases.renew(fenceOf(lease), TTL)).to.include({ ownerNode: 'node1', epoch: 1 });
      expect(await tc().leases.renew({ ...fenceOf(lease), epoch: 7 }, TTL)).to.equal(undefined);
      await tc().leases.release(fenceOf(lease));
      expect((await tc().leases.get('leases-b.example'))?.ownerNode).to.equal(undefined);
      const taken = await tc().leases.acquire('leases-b.example', 'node2', TTL);
      expect(taken).to.include({ ownerNode: 'node2', epoch: 2 });
      expect(await tc().leases.renew(fenceOf(lease), TTL)).to.equal(undefined);
    });

    it('an expired lease is taken over, and the old holder\'s writes are refused by the database', async () => {
      const old = await tc().leases.acquire('leases-c.example', 'node1', 300);
      const created = await tc().rooms.create(room('fenced@leases-c.example', 'leases-c.example'), fenceOf(old));
      expect(await tc().leases.acquire('leases-c.example', 'node2', TTL)).to.equal(undefined);
      await new Promise((resolve) => setTimeout(resolve, 500));
      const stolen = await tc().leases.acquire('leases-c.example', 'node2', TTL);
      expect(stolen).to.include({ ownerNode: 'node2', epoch: 2 });

      const refused = await rejection(tc().rooms.update(created.id, { subject: 'from the past' }, fenceOf(old)));
      expect(refused).to.be.instanceOf(StaleFenceError);
      expect(await rejection(tc().archive.append(created.id, created.roomJid, message(1), fenceOf(old)))).to.be.instanceOf(StaleFenceError);
      expect((await tc().rooms.get('fenced@leases-c.example'))?.subject).to.equal('');
      expect(await tc().archive.lastId(created.id)).to.equal(0);

      await tc().rooms.update(created.id, { subject: 'now' }, fenceOf(stolen));
      expect((await tc().rooms.get('fenced@leases-c.example'))?.subject).to.equal('now');
    });
  });

  describe('rooms and affiliations', () => {
    let fence: Fence;
    before(async () => {
      fence = fenceOf(await tc().leases.acquire(ALIAS, 'node1', TTL));
    });

    it('creates, reads, pages, updates and destroys rooms; the archive outlives a destroyed room', async () => {
      const created = await tc().rooms.create(room(`lobby@${ALIAS}`), fence);
      expect(created).to.include({ roomJid: `lobby@${ALIAS}`, alias: ALIAS, type: 'persistent', subject: '', formatVersion: 1 });
      expect(created.subjectBy).to.equal(undefined);
      expect(await tc().rooms.get(`lobby@${ALIAS}`)).to.deep.equal(created);
      for (const name of ['b', 'c', 'd']) await tc().rooms.create(room(`${name}@${ALIAS}`), fence);
      expect(await tc().rooms.count(ALIAS)).to.equal(4);
      const firstPage = await tc().rooms.list(ALIAS, { limit: 3 });
      expect(firstPage.map((found) => found.roomJid)).to.deep.equal([`lobby@${ALIAS}`, `b@${ALIAS}`, `c@${ALIAS}`]);
      const secondPage = await tc().rooms.list(ALIAS, { limit: 3, afterId: firstPage[2]?.id ?? 0 });
      expect(secondPage.map((found) => found.roomJid)).to.deep.equal([`d@${ALIAS}`]);

      await tc().rooms.update(created.id, { subject: 'Welcome ✓', subjectBy: `lobby@${ALIAS}/alice`, config: '{"name":"Lobby"}', formatVersion: 2 }, fence);
      const updated = await tc().rooms.get(`lobby@${ALIAS}`);
      expect(updated).to.include({ subject: 'Welcome ✓', subjectBy: `lobby@${ALIAS}/alice`, config: '{"name":"Lobby"}', formatVersion: 2 });
      expect(updated?.modifiedAt.getTime()).to.be.at.least(created.modifiedAt.getTime());

      const doomed = await tc().rooms.get(`d@${ALIAS}`);
      if (doomed === undefined) throw new Error('room d is missing');
      await tc().affiliations.put(doomed.id, { realJid: 'bob@example', affiliation: 'member' }, fence);
      await tc().occupants.add(doomed.id, { nick: 'bob', realJid: 'bob@example/phone', role: 'participant', node: 'node1', joinedAt: new Date() }, fence);
      await tc().archive.append(doomed.id, doomed.roomJid, message(1), fence);
      await tc().rooms.destroy(doomed.id, fence);
      expect(await tc().rooms.get(`d@${ALIAS}`)).to.equal(undefined);
      expect(await tc().affiliations.list(doomed.id)).to.deep.equal([]);
      expect(await tc().occupants.list(doomed.id)).to.deep.equal([]);
      expect(await tc().archive.lastId(doomed.id)).to.equal(1);
    });

    it('keeps one affiliation per user with a registered nick, reason and actor, replaced and removed', async () => {
      const target = await tc().rooms.create(room(`affiliations@${ALIAS}`), fence);
      await tc().affiliations.put(target.id, { realJid: 'carol@example', affiliation: 'member', nick: 'Carol ☕', reason: 'welcome', actorJid: 'alice@example' }, fence);
      await tc().affiliations.put(target.id, { realJid: 'alice@example', affiliation: 'owner' }, fence);
      expect(await tc().affiliations.list(target.id)).to.deep.equal([
        { realJid: 'alice@example', affiliation: 'owner' },
        { realJid: 'carol@example', affiliation: 'member', nick: 'Carol ☕', reason: 'welcome', actorJid: 'alice@example' },
      ]);
      await tc().affiliations.put(target.id, { realJid: 'carol@example', affiliation: 'outcast', reason: 'spam' }, fence);
      expect((await tc().affiliations.list(target.id))[1]).to.deep.equal({ realJid: 'carol@example', affiliation: 'outcast', reason: 'spam' });
      await tc().affiliations.remove(target.id, 'carol@example', fence);
      expect((await tc().affiliations.list(target.id)).map((record) => record.realJid)).to.deep.equal(['alice@example']);
    });

    it('survives a restart of the node', async () => {
      const before = await tc().rooms.get(`lobby@${ALIAS}`);
      await subject.reopen();
      expect(await tc().rooms.get(`lobby@${ALIAS}`)).to.deep.equal(before);
    });
  });

  describe('archive', () => {
    let fence: Fence;
    let roomId: number;
    const roomJid = `archive@${ALIAS}`;
    before(async () => {
      fence = fenceOf(await tc().leases.acquire(ALIAS, 'node1', TTL));
      roomId = (await tc().rooms.create(room(roomJid), fence)).id;
      // 250 appends at once: group commit carries them in few transactions, each resolved when committed.
      await Promise.all(Array.from({ length: 250 }, (_, index) => tc().archive.append(roomId, roomJid, message(index + 1, {
        nickJid: index % 5 === 0 ? `${roomJid}/bob` : `${roomJid}/alice`,
      }), fence)));
    });

    it('has every message, each once, in id order', async () => {
      expect(await tc().archive.lastId(roomId)).to.equal(250);
      const all = await tc().archive.page(roomId, { limit: 1000, from: 'oldest' });
      expect(all.messages.map((archived) => archived.id)).to.deep.equal(Array.from({ length: 250 }, (_, index) => index + 1));
      expect(all).to.include({ isComplete: true, count: 250 });
    });

    it('pages forwards and backwards by id, as RSM asks', async () => {
      const first = await tc().archive.page(roomId, { limit: 100, from: 'oldest' });
      expect(first.messages.map((archived) => archived.id).slice(0, 2)).to.deep.equal([1, 2]);
      expect(first).to.include({ isComplete: false, count: 250, firstIndex: 0 });
      const tail = await tc().archive.page(roomId, { afterId: 200, limit: 100, from: 'oldest' });
      expect(tail.messages.map((archived) => archived.id)).to.deep.equal(Array.from({ length: 50 }, (_, index) => index + 201));
      // XEP-0059: the count is the whole result set on every page; the index says where the page starts.
      expect(tail).to.include({ isComplete: true, count: 250, firstIndex: 200 });
      const last = await tc().archive.page(roomId, { limit: 10, from: 'newest' });
      expect(last.messages.map((archived) => archived.id)).to.deep.equal([241, 242, 243, 244, 245, 246, 247, 248, 249, 250]);
      const before = await tc().archive.page(roomId, { beforeId: 241, limit: 10, from: 'newest' });
      expect(before.messages.map((archived) => archived.id)).to.deep.equal([231, 232, 233, 234, 235, 236, 237, 238, 239, 240]);
      expect(before).to.include({ isComplete: false, count: 250, firstIndex: 230 });
    });

    it('filters by time and by sender', async () => {
      const window = await tc().archive.page(roomId, {
        start: new Date(Date.UTC(2026, 0, 1, 0, 0, 10)), end: new Date(Date.UTC(2026, 0, 1, 0, 0, 19)), limit: 100, from: 'oldest',
      });
      expect(window.messages.map((archived) => archived.id)).to.deep.equal([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
      const bob = await tc().archive.page(roomId, { nickJid: `${roomJid}/bob`, limit: 100, from: 'oldest' });
      expect(bob.count).to.equal(50);
      expect(bob.messages.every((archived) => archived.nickJid === `${roomJid}/bob`)).to.equal(true);
    });

    it('returns each message exactly as archived, long and non-ASCII bodies included, and finds it by stanza-id', async () => {
      const long = 'é'.repeat(3000);
      const stanza = `<message type="groupchat"><body>${long}</body></message>`;
      const archived = message(251, { body: long, stanza, subject: 'Topic ✓' });
      await tc().archive.append(roomId, roomJid, archived, fence);
      expect(await tc().archive.byStanzaId(roomId, 'sid-251')).to.deep.equal(archived);
      expect(await tc().archive.byStanzaId(roomId, 'sid-none')).to.equal(undefined);
      const plain = await tc().archive.byStanzaId(roomId, 'sid-7');
      expect(plain).to.deep.equal(message(7, { nickJid: `${roomJid}/alice` }));
    });

    it('leaves subject changes out of a page when asked (the history sent on entry), and keeps them otherwise', async () => {
      const topical = `topical@${ALIAS}`;
      const id = (await tc().rooms.create(room(topical), fence)).id;
      const change = message(2, { body: undefined, subject: 'New topic', stanza: '<message type="groupchat"><subject>New topic</subject></message>' });
      for (const archived of [message(1), change, message(3)]) await tc().archive.append(id, topical, archived, fence);
      const everything = await tc().archive.page(id, { limit: 10, from: 'newest' });
      expect(everything.messages.map((archived) => archived.id)).to.deep.equal([1, 2, 3]);
      expect(everything.messages[1]?.subject).to.equal('New topic');
      const history = await tc().archive.page(id, { limit: 2, from: 'newest', isWithoutSubjects: true });
      expect(history.messages.map((archived) => archived.id)).to.deep.equal([1, 3]);
    });

    it('refuses a message with an id the room already used, and commits nothing of its batch', async () => {
      const failure = await rejection(tc().archive.append(roomId, roomJid, message(5, { stanzaId: 'sid-duplicate' }), fence));
      expect(failure).to.be.an('error');
      expect(await tc().archive.byStanzaId(roomId, 'sid-duplicate')).to.equal(undefined);
    });
  });

  describe('occupants and the join/leave log', () => {
    let fence: Fence;
    before(async () => {
      fence = fenceOf(await tc().leases.acquire(ALIAS, 'node1', TTL));
    });

    it('records who is in a room through which node, several sessions under one nick included', async () => {
      const target = await tc().rooms.create(room(`occupied@${ALIAS}`), fence);
      const joinedAt = new Date(Date.UTC(2026, 0, 1));
      await tc().occupants.add(target.id, { nick: 'alice', realJid: 'alice@example/desk', role: 'moderator', node: 'node1', joinedAt }, fence);
      await tc().occupants.add(target.id, { nick: 'alice', realJid: 'alice@example/phone', role: 'moderator', node: 'node2', joinedAt }, fence);
      await tc().occupants.add(target.id, { nick: 'bob', realJid: 'bob@example/laptop', role: 'participant', node: 'node2', joinedAt }, fence);
      expect((await tc().occupants.list(target.id)).map((occupant) => `${occupant.nick} ${occupant.realJid} ${occupant.node}`)).to.have.members([
        'alice alice@example/desk node1', 'alice alice@example/phone node2', 'bob bob@example/laptop node2',
      ]);
      const onNode2 = await tc().occupants.listByNode(ALIAS, 'node2');
      expect(onNode2.filter((entry) => entry.roomJid === `occupied@${ALIAS}`).map((entry) => entry.occupant.realJid))
        .to.have.members(['alice@example/phone', 'bob@example/laptop']);
      await tc().occupants.add(target.id, { nick: 'bob', realJid: 'bob@example/laptop', role: 'visitor', node: 'node2', joinedAt }, fence);
      await tc().occupants.remove(target.id, 'alice@example/desk', fence);
      const left = await tc().occupants.list(target.id);
      expect(left.map((occupant) => `${occupant.nick} ${occupant.role}`)).to.have.members(['alice moderator', 'bob visitor']);
      expect(left[0]?.joinedAt.getTime()).to.equal(joinedAt.getTime());
      // A node that restarts forgets everyone it had, in one statement.
      expect(await tc().occupants.clearNode(ALIAS, 'node2', fence)).to.be.at.least(2);
      expect(await tc().occupants.listByNode(ALIAS, 'node2')).to.deep.equal([]);
      expect((await tc().occupants.list(target.id)).map((occupant) => occupant.node)).to.not.include('node2');
    });

    it('logs entries and exits in order', async () => {
      const target = await tc().rooms.create(room(`logged@${ALIAS}`), fence);
      const at = (second: number): Date => new Date(Date.UTC(2026, 0, 1, 0, 0, second));
      await tc().timelog.append(target.id, { realJid: 'alice@example/desk', nickJid: `logged@${ALIAS}/alice`, direction: 'E', at: at(1) }, fence);
      await tc().timelog.append(target.id, { realJid: 'alice@example/desk', nickJid: `logged@${ALIAS}/alice`, direction: 'L', at: at(2) }, fence);
      expect(await tc().timelog.list(target.id, 10)).to.deep.equal([
        { realJid: 'alice@example/desk', nickJid: `logged@${ALIAS}/alice`, direction: 'E', at: at(1) },
        { realJid: 'alice@example/desk', nickJid: `logged@${ALIAS}/alice`, direction: 'L', at: at(2) },
      ]);
    });
  });
});
