// Persistent rooms across a node restart (issue 5, DESIGN §5), on the embedded default and on
// PostgreSQL: configuration, affiliations, subject and 500 archived messages survive; a client
// entering afterwards gets exactly the right history, and XEP-0313 pages (the subject change
// among them) are exact. The room directory finds the room before it is loaded again.
import { expect } from 'chai';
import { xml } from '@xmpp/client';
import { useClients } from '../../helpers/clients.js';
import {
  RSM, adminGet, adminSet, configure, createRoom, formItems, groupchat, isGroupchat, isSubject, joinFully, mamQuery, roomJid,
} from '../../helpers/muc.js';
import { STORAGE_KINDS, useTestServer } from '../../helpers/server.js';
import { until } from '../../helpers/wait.js';

const MESSAGES = 500;

const range = (from: number, to: number): string[] => Array.from({ length: to - from + 1 }, (_, i) => `message ${from + i}`);

for (const storage of STORAGE_KINDS) {
  describe(`MUC: a persistent room survives a restart (${storage})`, function () {
    this.timeout(60_000);
    const node = useTestServer({ muc: { floodMessagesPerSecond: 0, archiveJoinsAndExits: true } }, ['alice', 'bob', 'carol'], storage);
    const login = useClients(node);

    it('configuration, members, subject and 500 messages are there after the restart; history and MAM pages are exact', async () => {
      const room = roomJid('chronicles');
      const alice = await login('alice');
      await createRoom(alice, room, 'Alice', {
        'muc#roomconfig_persistentroom': '1', 'muc#roomconfig_roomname': 'The Chronicles', 'muc#roomconfig_membersonly': '1',
        'muc#roomconfig_maxusers': '20', 'muc#maxhistoryfetch': '15',
      });
      await alice.request(adminSet(room, { jid: 'bob@localhost', affiliation: 'member' }, { jid: 'carol@localhost', affiliation: 'admin' }));
      await alice.send(xml('message', { to: room, type: 'groupchat' }, xml('subject', {}, 'Lasting')));
      const subjectChange = await alice.receive((stanza) => isSubject(room)(stanza) && stanza.getChildText('subject') === 'Lasting');
      const subjectId = String(subjectChange.getChild('stanza-id', 'urn:xmpp:sid:0')?.attrs.id);
      for (let i = 1; i <= MESSAGES; i += 1) await alice.send(groupchat(room, `message ${i}`));
      await alice.receive(isGroupchat(room, `message ${MESSAGES}`), 30_000);
      const sentIds = range(1, MESSAGES).map((body) => String(alice.received.find(isGroupchat(room, body))?.getChild('stanza-id', 'urn:xmpp:sid:0')?.attrs.id));
      await alice.stop();

      await node().restart();

      const bob = await login('bob');
      // Not loaded yet: the room directory finds it in the database, with nobody in it.
      const search = await bob.request(xml('iq', { type: 'set', to: 'conference.localhost' }, xml('query', { xmlns: 'jabber:iq:search' },
        xml('x', { xmlns: 'jabber:x:data', type: 'submit' }, xml('field', { var: 'name' }, xml('value', {}, 'chronicles'))))));
      expect(formItems(search.getChild('query'))).to.deep.equal([{
        jid: room, name: 'The Chronicles', description: '', subject: 'Lasting', num_users: '0', num_max_users: '20',
        is_password_protected: '0', is_member_only: '1',
      }]);
      const before = bob.received.length;
      await joinFully(bob, room, 'Bob');
      const entry = bob.received.slice(before);
      const history = entry.filter((stanza) => stanza.is('message') && stanza.getChild('delay', 'urn:xmpp:delay') !== undefined && stanza.getChild('body') !== undefined);
      expect(history.map((stanza) => stanza.getChildText('body'))).to.deep.equal(range(MESSAGES - 14, MESSAGES));
      expect(history.map((stanza) => String(stanza.getChild('stanza-id', 'urn:xmpp:sid:0')?.attrs.id))).to.deep.equal(sentIds.slice(-15));
      expect(entry.filter(isSubject(room)).pop()?.getChildText('subject')).to.equal('Lasting');

      const info = await bob.request(xml('iq', { type: 'get', to: room }, xml('query', { xmlns: 'http://jabber.org/protocol/disco#info' })));
      const features = info.getChild('query')?.getChildren('feature').map((feature) => String(feature.attrs.var));
      expect(features).to.include.members(['muc_persistent', 'muc_membersonly']);
      expect(info.getChild('query')?.getChild('identity')?.attrs.name).to.equal('The Chronicles');

      const carol = await login('carol');
      await joinFully(carol, room, 'Carol');
      const admins = await carol.request(adminGet(room, { affiliation: 'admin' }));
      expect(admins.getChild('query')?.getChildren('item').map((item) => String(item.attrs.jid))).to.deep.equal(['carol@localhost']);

      // The archive holds the subject change, then the messages; the history above leaves it out.
      const first = await mamQuery(bob, room, [xml('max', {}, '100')], 'q1');
      expect(first.bodies).to.deep.equal(['subject Lasting', ...range(1, 99)]);
      expect(first.ids).to.deep.equal([subjectId, ...sentIds.slice(0, 99)]);
      expect(first.fin.attrs.complete).to.equal(undefined);
      expect(first.fin.getChild('set', RSM)?.getChildText('count')).to.equal(String(MESSAGES + 1));
      const second = await mamQuery(bob, room, [xml('max', {}, '100'), xml('after', {}, first.ids[99])], 'q2');
      expect(second.bodies).to.deep.equal(range(100, 199));
      const last = await mamQuery(bob, room, [xml('max', {}, '50'), xml('before')], 'q3');
      expect(last.bodies).to.deep.equal(range(451, 500));
      const previous = await mamQuery(bob, room, [xml('max', {}, '50'), xml('before', {}, last.ids[0])], 'q4');
      expect(previous.bodies).to.deep.equal(range(401, 450));
      const tail = await mamQuery(bob, room, [xml('max', {}, '100'), xml('after', {}, sentIds[449])], 'q5');
      expect(tail.bodies).to.deep.equal(range(451, 500));
      expect(tail.fin.attrs.complete).to.equal('true');
    });

    it('occupants of a persistent room are recorded with their node, entries and exits logged (tc_occupants, tc_timelog)', async () => {
      const room = roomJid('register');
      const alice = await login('alice');
      const bob = await login('bob');
      await createRoom(alice, room, 'Alice', { 'muc#roomconfig_persistentroom': '1' });
      await joinFully(bob, room, 'Bob');
      const store = node().server.persistentChat!.store;
      const roomId = (await store.rooms.get(room))!.id;
      const recorded = async (): Promise<string[]> => (await store.occupants.list(roomId)).map((occupant) => `${occupant.nick} ${occupant.realJid} ${occupant.role} ${occupant.node}`).sort();
      await until(async () => (await recorded()).length === 2, 'both occupants recorded');
      expect(await recorded()).to.deep.equal([`Alice ${alice.jid} moderator node1`, `Bob ${bob.jid} participant node1`]);
      await bob.send(xml('presence', { to: `${room}/Bob`, type: 'unavailable' }));
      await until(async () => (await recorded()).length === 1, 'bob no longer recorded');
      // The log is written in the background too, maybe in a later batch than the occupant's removal.
      const log = async (): Promise<string[]> => (await store.timelog.list(roomId, 10)).map((entry) => `${entry.direction} ${entry.nickJid}`);
      await until(async () => (await log()).includes(`L ${room}/Bob`), 'bob\'s exit logged');
      expect(await log()).to.include.members([`E ${room}/Bob`, `L ${room}/Bob`]);

      // A node that stops with occupants recorded finds them gone when it starts again.
      await node().restart();
      expect(await node().server.persistentChat!.store.occupants.list(roomId)).to.deep.equal([]);
    });
  });
}

describe('MUC: rooms persistent and open from their creation (lockNewRooms off, roomsPersistentByDefault on)', function () {
  const node = useTestServer({ muc: { lockNewRooms: false, roomsPersistentByDefault: true } }, ['alice', 'bob']);
  const login = useClients(node);

  it('the room is stored on its first entry and its messages are archived', async () => {
    const room = roomJid('born-lasting');
    const alice = await login('alice');
    await joinFully(alice, room, 'Alice');
    await alice.send(groupchat(room, 'kept from the start'));
    await alice.receive(isGroupchat(room, 'kept from the start'));
    const store = node().server.persistentChat!.store;
    const record = await store.rooms.get(room);
    expect(record?.type).to.equal('persistent');
    const page = await store.archive.page(record!.id, { limit: 10, from: 'oldest' });
    expect(page.messages.map((message) => message.body)).to.deep.equal(['kept from the start']);
  });
});

describe('MUC: the room directory follows stored rooms as they leave memory (muc.idleRoomUnloadMs)', function () {
  const node = useTestServer({ muc: { lockNewRooms: false, roomsPersistentByDefault: true, idleRoomUnloadMs: 20 } }, ['alice']);
  const login = useClients(node);

  it('rooms renamed, hidden or destroyed while loaded are listed as they were when they were unloaded', async () => {
    const [renamed, hidden, destroyed, untouched] = ['renamed', 'hidden', 'destroyed', 'untouched'].map(roomJid) as [string, string, string, string];
    const alice = await login('alice');
    const listed = async (): Promise<Record<string, string>> => {
      const items = await alice.request(xml('iq', { type: 'get', to: 'conference.localhost' }, xml('query', { xmlns: 'http://jabber.org/protocol/disco#items' })));
      const rooms = items.getChild('query')?.getChildren('item') ?? [];
      return Object.fromEntries(rooms.map((item) => [String(item.attrs.jid), String(item.attrs.name)]));
    };
    const leave = async (room: string): Promise<void> => {
      await alice.send(xml('presence', { to: `${room}/Alice`, type: 'unavailable' }));
      await alice.receive((stanza) => stanza.attrs.from === `${room}/Alice` && stanza.attrs.type === 'unavailable');
    };
    const muc = node().server.muc!;
    for (const room of [renamed, hidden, destroyed, untouched]) await joinFully(alice, room, 'Alice');
    for (const room of [renamed, hidden, destroyed, untouched]) await leave(room);
    await until(() => muc.loadedRooms() === 0, 'the rooms unloaded');
    expect(await listed()).to.deep.include({ [renamed]: 'renamed', [hidden]: 'hidden', [destroyed]: 'destroyed', [untouched]: 'untouched' });

    for (const room of [renamed, hidden, destroyed]) await joinFully(alice, room, 'Alice');
    await configure(alice, renamed, { 'muc#roomconfig_roomname': 'Renamed Room' });
    await configure(alice, hidden, { 'muc#roomconfig_publicroom': '0' });
    await alice.request(xml('iq', { type: 'set', to: destroyed }, xml('query', { xmlns: 'http://jabber.org/protocol/muc#owner' }, xml('destroy'))));
    for (const room of [renamed, hidden]) await leave(room);
    await until(() => muc.loadedRooms() === 0, 'the rooms unloaded again');

    const after = await listed();
    expect(after[renamed]).to.equal('Renamed Room');
    expect(after[untouched]).to.equal('untouched');
    expect(after).to.not.have.any.keys(hidden, destroyed);
  });

  it('a room loaded by a query alone (disco#info, MAM) leaves memory again', async () => {
    const room = roomJid('queried');
    const alice = await login('alice');
    const muc = node().server.muc!;
    await joinFully(alice, room, 'Alice');
    await alice.send(xml('presence', { to: `${room}/Alice`, type: 'unavailable' }));
    await until(() => muc.loadedRooms() === 0, 'the room unloaded');
    const info = await alice.request(xml('iq', { type: 'get', to: room }, xml('query', { xmlns: 'http://jabber.org/protocol/disco#info' })));
    expect(info.getChild('query')?.getChild('identity')?.attrs.category).to.equal('conference');
    await mamQuery(alice, room, [xml('max', {}, '5')], 'queried');
    await until(() => muc.loadedRooms() === 0, 'the queried room unloaded');
  });
});
