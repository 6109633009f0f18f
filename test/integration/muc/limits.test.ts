// Limits and bad input in the text conference service (issue 5 §6): message size, flood control,
// rooms per user, who may create rooms, and garbage a client may send; each refused with a
// precise error while the room carries on.
import { expect } from 'chai';
import { xml } from '@xmpp/client';
import { connect, type TestClient, useClients } from '../../helpers/clients.js';
import {
  DATA, MAM, MUC_ADMIN, MUC_OWNER, RSM, createRoom, submitForm, errorConditionOf, groupchat, isGroupchat, joinFully, joinPresence, roomJid, statusCodes,
} from '../../helpers/muc.js';
import { errorCondition } from '../../helpers/requests.js';
import { useTestServer } from '../../helpers/server.js';

describe('MUC: limits and bad input', function () {
  const node = useTestServer({
    muc: { maxMessageBytes: 1024, floodMessagesPerSecond: 1, floodBurst: 3, maxRoomsPerUser: 2, admins: ['alice@localhost'], roomCreation: 'admins' },
  }, ['alice', 'bob']);
  const login = useClients(node);

  const errorFor = (client: TestClient, id: string): Promise<string | undefined> =>
    client.receive((stanza) => stanza.attrs.id === id && stanza.attrs.type === 'error').then(errorConditionOf);

  it('a message over the size limit is refused with not-acceptable and reaches nobody', async () => {
    const room = roomJid('small-talk');
    const alice = await login('alice');
    await createRoom(alice, room, 'Alice');
    await alice.send(groupchat(room, 'x'.repeat(2000), 'big'));
    expect(await errorFor(alice, 'big')).to.equal('not-acceptable');
    expect(alice.received.filter(isGroupchat(room, 'x'.repeat(2000)))).to.have.length(0);
  });

  it('an occupant sending faster than the flood limit gets policy-violation (wait) for the excess', async () => {
    const room = roomJid('floods');
    const alice = await login('alice');
    await createRoom(alice, room, 'Alice');
    for (let i = 1; i <= 6; i += 1) await alice.send(groupchat(room, `flood ${i}`, `f${i}`));
    const refused = await alice.receive((stanza) => stanza.attrs.id === 'f6' && stanza.attrs.type === 'error');
    expect(errorConditionOf(refused)).to.equal('policy-violation');
    expect(refused.getChild('error')?.attrs.type).to.equal('wait');
    await alice.receive(isGroupchat(room, 'flood 3'));
  });

  it('only group chat administrators create rooms; a user may be in at most maxRoomsPerUser rooms', async () => {
    const alice = await login('alice');
    const bob = await login('bob');
    await bob.send(joinPresence(roomJid('bobs-own'), 'Bob'));
    expect(await bob.receive((stanza) => stanza.is('presence') && stanza.attrs.type === 'error').then(errorConditionOf)).to.equal('not-allowed');
    for (const name of ['one', 'two', 'three']) {
      await createRoom(alice, roomJid(name), 'Alice', { 'muc#roomconfig_persistentroom': '1' });
      await alice.send(xml('presence', { to: `${roomJid(name)}/Alice`, type: 'unavailable' }));
    }
    await joinFully(bob, roomJid('one'), 'Bob');
    await joinFully(bob, roomJid('two'), 'Bob');
    await bob.send(joinPresence(roomJid('three'), 'Bob'));
    const refused = await bob.receive((stanza) => stanza.is('presence') && stanza.attrs.type === 'error' && stanza.attrs.from === `${roomJid('three')}/Bob`);
    expect(errorConditionOf(refused)).to.equal('policy-violation');
  });

  it('garbage gets precise errors and the room carries on', async () => {
    const room = roomJid('garbage');
    const alice = await login('alice');
    await createRoom(alice, room, 'Alice');
    const iq = (payload: ReturnType<typeof xml>, type = 'set', to = room): ReturnType<typeof xml> => xml('iq', { type, to }, payload);
    expect(await errorCondition(alice, iq(xml('query', { xmlns: MUC_ADMIN }, xml('item', { nick: 'Alice', role: 'emperor' }))))).to.equal('bad-request');
    expect(await errorCondition(alice, iq(xml('query', { xmlns: MUC_ADMIN }, xml('item', { jid: '@@@', affiliation: 'member' }))))).to.equal('jid-malformed');
    expect(await errorCondition(alice, iq(xml('query', { xmlns: MUC_ADMIN })))).to.equal('bad-request');
    expect(await errorCondition(alice, iq(xml('query', { xmlns: MUC_ADMIN }, xml('item', { affiliation: 'overlord' })), 'get'))).to.equal('bad-request');
    expect(await errorCondition(alice, iq(xml('query', { xmlns: MUC_OWNER }, xml('x', { xmlns: DATA, type: 'submit' },
      xml('field', { var: 'muc#roomconfig_membersonly' }, xml('value', {}, 'perhaps'))))))).to.equal('bad-request');
    expect(await errorCondition(alice, iq(xml('query', { xmlns: MUC_OWNER }, xml('destroy', { jid: 'not a jid@@' }))))).to.equal('jid-malformed');
    expect(await errorCondition(alice, iq(xml('query', { xmlns: MAM }, xml('set', { xmlns: RSM }, xml('max', {}, 'lots')))))).to.equal('bad-request');
    expect(await errorCondition(alice, iq(xml('query', { xmlns: MAM }, xml('set', { xmlns: RSM }, xml('after', {}, 'no-such-id')))))).to.equal('item-not-found');
    expect(await errorCondition(alice, iq(xml('query', { xmlns: 'urn:example:nothing' }), 'get'))).to.equal('service-unavailable');
    expect(await errorCondition(alice, iq(xml('query', { xmlns: 'urn:example:nothing' }), 'get', 'conference.localhost'))).to.equal('service-unavailable');
    await alice.send(xml('message', { to: room, id: 'inv' }, xml('x', { xmlns: 'http://jabber.org/protocol/muc#user' }, xml('invite'))));
    expect(await errorFor(alice, 'inv')).to.equal('jid-malformed');
    await alice.send(xml('message', { to: room, type: 'normal', id: 'plain' }, xml('body', {}, 'hello?')));
    expect(await errorFor(alice, 'plain')).to.equal('bad-request');
    await alice.send(groupchat(room, 'still here'));
    await alice.receive(isGroupchat(room, 'still here'));
  });
});

describe('MUC: the operator\'s maximum of persistent rooms (muc.maxPersistentRooms)', function () {
  const node = useTestServer({ muc: { maxPersistentRooms: 1 } }, ['alice']);
  const login = useClients(node);

  it('the second room made persistent is refused with not-allowed and stays temporary', async () => {
    const alice = await login('alice');
    await createRoom(alice, roomJid('first-keep'), 'Alice', { 'muc#roomconfig_persistentroom': '1' });
    await joinFully(alice, roomJid('second-keep'), 'Alice');
    expect(await errorCondition(alice, xml('iq', { type: 'set', to: roomJid('second-keep') }, xml('query', { xmlns: MUC_OWNER },
      submitForm('http://jabber.org/protocol/muc#roomconfig', { 'muc#roomconfig_persistentroom': '1' }))))).to.equal('not-allowed');
    const info = await alice.request(xml('iq', { type: 'get', to: roomJid('second-keep') }, xml('query', { xmlns: 'http://jabber.org/protocol/disco#info' })));
    expect(info.getChild('query')?.getChildren('feature').map((feature) => String(feature.attrs.var))).to.include('muc_temporary');
  });
});

describe('MUC: ad hoc rooms open to invited users only (muc.adHocRequiresInvitation)', function () {
  const node = useTestServer({ muc: { adHocRequiresInvitation: true } }, ['alice', 'bob']);
  const clients: TestClient[] = [];

  after(async () => {
    await Promise.all(clients.splice(0).map((client) => client.stop()));
  });

  it('bob cannot enter alice\'s ad hoc room until she invites him; a persistent room is open', async () => {
    const alice = await connect({ service: `xmpp://localhost:${node().server.ports.c2s}`, username: 'alice', resource: 'desk' });
    const bob = await connect({ service: `xmpp://localhost:${node().server.ports.c2s}`, username: 'bob', resource: 'desk' });
    clients.push(alice, bob);
    await bob.send(xml('presence'));
    await bob.receive((stanza) => stanza.is('presence') && stanza.attrs.from === bob.jid);
    const adHoc = roomJid('huddle');
    await createRoom(alice, adHoc, 'Alice');
    await bob.send(joinPresence(adHoc, 'Bob'));
    expect(await bob.receive((stanza) => stanza.is('presence') && stanza.attrs.type === 'error').then(errorConditionOf)).to.equal('registration-required');
    await alice.send(xml('message', { to: adHoc }, xml('x', { xmlns: 'http://jabber.org/protocol/muc#user' }, xml('invite', { to: 'bob@localhost' }))));
    await bob.receive((stanza) => stanza.is('message') && stanza.getChild('x', 'http://jabber.org/protocol/muc#user') !== undefined);
    await joinFully(bob, adHoc, 'Bob');
    const lasting = roomJid('lasting');
    await createRoom(alice, lasting, 'Alice', { 'muc#roomconfig_persistentroom': '1' });
    await joinFully(bob, lasting, 'Bob');
  });
});

describe('MUC: the room limit counts stored rooms that are not loaded (muc.maxRooms)', function () {
  this.timeout(30_000);
  const node = useTestServer({ muc: { maxRooms: 2 } }, ['alice']);
  const login = useClients(node);

  it('two stored rooms reach a limit of 2 after a restart, when neither is loaded; destroying one makes room for another', async () => {
    const first = await login('alice');
    await createRoom(first, roomJid('stored-one'), 'Alice', { 'muc#roomconfig_persistentroom': '1' });
    await createRoom(first, roomJid('stored-two'), 'Alice', { 'muc#roomconfig_persistentroom': '1' });
    await first.stop();
    // After the restart no room is loaded: only the store knows them.
    await node().restart();
    const alice = await login('alice');
    await alice.send(joinPresence(roomJid('adhoc'), 'Alice'));
    const refused = await alice.receive((stanza) => stanza.is('presence') && stanza.attrs.type === 'error' && stanza.attrs.from === `${roomJid('adhoc')}/Alice`);
    expect(errorConditionOf(refused)).to.equal('not-allowed');
    await joinFully(alice, roomJid('stored-one'), 'Alice');
    await alice.request(xml('iq', { type: 'set', to: roomJid('stored-one') }, xml('query', { xmlns: MUC_OWNER }, xml('destroy'))));
    await createRoom(alice, roomJid('adhoc'), 'Alice');
  });
});

describe('MUC: rooms created side by side share the room limit (muc.maxRooms)', function () {
  const node = useTestServer({ muc: { maxRooms: 2 } }, ['alice']);
  const login = useClients(node);

  it('three rooms asked for at once under a limit of 2: two are created, the third is refused', async () => {
    const alice = await login('alice');
    const rooms = ['side-a', 'side-b', 'side-c'].map(roomJid);
    for (const room of rooms) await alice.send(joinPresence(room, 'Alice'));
    const answers = await Promise.all(rooms.map((room) => alice.receive((stanza) => stanza.is('presence') && stanza.attrs.from === `${room}/Alice`)));
    const created = answers.filter((stanza) => stanza.attrs.type === undefined && statusCodes(stanza).includes(201));
    const refused = answers.filter((stanza) => stanza.attrs.type === 'error');
    expect(created).to.have.length(2);
    expect(refused.map(errorConditionOf)).to.deep.equal(['not-allowed']);
  });
});
