// XEP-0045 §8 (moderator) and §9 (admin) through xmpp.js: kick (307), voice in a moderated room
// and voice requests (§7.13), ban (301) and the outcast list, members and the member list, the
// out-of-room 101 notice, moderator and admin grants, and the refusals each section names.
import { expect } from 'chai';
import { xml } from '@xmpp/client';
import type { Element } from 'ltx';
import { useClients } from '../../helpers/clients.js';
import {
  DATA, adminGet, adminSet, createRoom, errorConditionOf, groupchat, isGroupchat, isPresenceFrom, join, joinFully,
  joinPresence, mucItem, roomJid, statusCodes, submitForm,
} from '../../helpers/muc.js';
import { errorCondition } from '../../helpers/requests.js';
import { STORAGE_KINDS, useTestServer } from '../../helpers/server.js';

const itemsOf = (result: Element): Record<string, string>[] =>
  result.getChild('query')?.getChildren('item').map((item) => item.attrs) ?? [];

for (const storage of STORAGE_KINDS) {
  describe(`MUC: moderator and admin use cases (XEP-0045 §8, §9) (${storage})`, function () {
    const node = useTestServer({}, ['alice', 'bob', 'carol', 'dave'], storage);
    const login = useClients(node);

    it('alice kicks bob with a reason: 307 for everyone, bob learns who and why; a participant cannot kick (§8.2)', async () => {
      const room = roomJid('kicks');
      const alice = await login('alice');
      const bob = await login('bob');
      const carol = await login('carol');
      await createRoom(alice, room, 'Alice');
      await joinFully(bob, room, 'Bob');
      await joinFully(carol, room, 'Carol');
      expect(await errorCondition(carol, adminSet(room, { nick: 'Bob', role: 'none' }))).to.equal('forbidden');
      await alice.request(adminSet(room, { nick: 'Bob', role: 'none', reason: 'Avaunt, you cullion!' }));
      const own = await bob.receive(isPresenceFrom(`${room}/Bob`, 'unavailable'));
      expect(statusCodes(own)).to.include.members([307, 110]);
      expect(own.getChild('x', 'http://jabber.org/protocol/muc#user')?.getChild('item')?.getChildText('reason')).to.equal('Avaunt, you cullion!');
      expect(own.getChild('x', 'http://jabber.org/protocol/muc#user')?.getChild('item')?.getChild('actor')?.attrs.nick).to.equal('Alice');
      expect(statusCodes(await carol.receive(isPresenceFrom(`${room}/Bob`, 'unavailable')))).to.include(307);
      // An owner cannot be kicked (§8.2: not-allowed).
      await alice.request(adminSet(room, { nick: 'Carol', role: 'moderator' })).catch(() => undefined);
      expect(await errorCondition(carol, adminSet(room, { nick: 'Alice', role: 'none' }))).to.equal('not-allowed');
    });

    it('in a moderated room a visitor has no voice, asks for it, and the moderator grants it (§7.13, §8.3, §8.4)', async () => {
      const room = roomJid('moderated');
      const alice = await login('alice');
      const bob = await login('bob');
      await createRoom(alice, room, 'Alice', { 'muc#roomconfig_moderatedroom': '1' });
      expect(mucItem(await join(bob, room, 'Bob')).role).to.equal('visitor');
      await bob.send(groupchat(room, 'may I?', 'v1'));
      const refused = await bob.receive((stanza) => stanza.attrs.id === 'v1' && stanza.attrs.type === 'error');
      expect(errorConditionOf(refused)).to.equal('forbidden');

      await bob.send(xml('message', { to: room }, submitForm('http://jabber.org/protocol/muc#request', { 'muc#role': 'participant' })));
      const request = await alice.receive((stanza) => stanza.is('message') && stanza.getChild('x', DATA) !== undefined);
      const fields: Record<string, string | null> = Object.fromEntries(request.getChild('x', DATA)!.getChildren('field').map((field) => [String(field.attrs.var), field.getChildText('value')]));
      expect(fields).to.include({ 'muc#roomnick': 'Bob', 'muc#role': 'participant' });
      await alice.send(xml('message', { to: room }, submitForm('http://jabber.org/protocol/muc#request', {
        'muc#role': 'participant', 'muc#jid': String(fields['muc#jid']), 'muc#roomnick': 'Bob', 'muc#request_allow': 'true',
      })));
      const voiced = await bob.receive((stanza) => isPresenceFrom(`${room}/Bob`)(stanza) && mucItem(stanza).role === 'participant');
      expect(statusCodes(voiced)).to.include(110);
      await bob.send(groupchat(room, 'thank you'));
      await alice.receive(isGroupchat(room, 'thank you'));

      // Revoking voice (§8.5) and the voice list.
      await alice.request(adminSet(room, { nick: 'Bob', role: 'visitor' }));
      await bob.receive((stanza) => isPresenceFrom(`${room}/Bob`)(stanza) && mucItem(stanza).role === 'visitor');
      expect(itemsOf(await alice.request(adminGet(room, { role: 'visitor' })))).to.deep.include({ nick: 'Bob', role: 'visitor', affiliation: 'none', jid: bob.jid });
    });

    it('alice bans bob: he is removed with 301, cannot come back, and is on the outcast list until unbanned (§9.1, §9.2)', async () => {
      const room = roomJid('bans');
      const alice = await login('alice');
      const bob = await login('bob');
      await createRoom(alice, room, 'Alice');
      await joinFully(bob, room, 'Bob');
      await alice.request(adminSet(room, { jid: 'bob@localhost', affiliation: 'outcast', reason: 'Treason' }));
      const own = await bob.receive(isPresenceFrom(`${room}/Bob`, 'unavailable'));
      expect(statusCodes(own)).to.include(301);
      expect(mucItem(own).affiliation).to.equal('outcast');
      await bob.send(joinPresence(room, 'Bob'));
      expect(errorConditionOf(await bob.receive((stanza) => stanza.is('presence') && stanza.attrs.type === 'error'))).to.equal('forbidden');
      const outcasts = itemsOf(await alice.request(adminGet(room, { affiliation: 'outcast' })));
      expect(outcasts).to.deep.equal([{ affiliation: 'outcast', jid: 'bob@localhost' }]);
      // Nobody bans themselves (§9.1: conflict).
      expect(await errorCondition(alice, adminSet(room, { jid: 'alice@localhost', affiliation: 'outcast' }))).to.equal('conflict');
      await alice.request(adminSet(room, { jid: 'bob@localhost', affiliation: 'none' }));
      await join(bob, room, 'Bob');
    });

    it('members, admins and their lists: grants show in presence, revoking membership in a members-only room removes with 321 (§9.3–§9.8)', async () => {
      const room = roomJid('guild');
      const alice = await login('alice');
      const bob = await login('bob');
      const carol = await login('carol');
      await createRoom(alice, room, 'Alice', { 'muc#roomconfig_membersonly': '1' });
      await alice.request(adminSet(room, { jid: 'bob@localhost', affiliation: 'member' }, { jid: 'carol@localhost', affiliation: 'member' }));
      await joinFully(bob, room, 'Bob');
      await joinFully(carol, room, 'Carol');
      const members = itemsOf(await alice.request(adminGet(room, { affiliation: 'member' })));
      expect(members.map((item) => item.jid).sort()).to.deep.equal(['bob@localhost', 'carol@localhost']);
      // Members read the member list too (§9.5, getmemberlist).
      expect(itemsOf(await bob.request(adminGet(room, { affiliation: 'member' })))).to.have.length(2);
      expect(await errorCondition(bob, adminGet(room, { affiliation: 'outcast' }))).to.equal('forbidden');

      await alice.request(adminSet(room, { jid: 'bob@localhost', affiliation: 'admin' }));
      const promoted = await carol.receive((stanza) => isPresenceFrom(`${room}/Bob`)(stanza) && mucItem(stanza).affiliation === 'admin');
      expect(mucItem(promoted).role).to.equal('moderator');
      // The owner list is the owners' (§10.3, §10.4: forbidden); banning an owner is not-allowed (§9.1).
      expect(await errorCondition(bob, adminSet(room, { jid: 'dave@localhost', affiliation: 'owner' }))).to.equal('forbidden');
      expect(await errorCondition(bob, adminSet(room, { jid: 'alice@localhost', affiliation: 'member' }))).to.equal('forbidden');
      expect(await errorCondition(bob, adminSet(room, { jid: 'alice@localhost', affiliation: 'outcast' }))).to.equal('not-allowed');

      await bob.request(adminSet(room, { jid: 'carol@localhost', affiliation: 'none' }));
      const removed = await carol.receive(isPresenceFrom(`${room}/Carol`, 'unavailable'));
      expect(statusCodes(removed)).to.include(321);
      expect(itemsOf(await alice.request(adminGet(room, { affiliation: 'admin' })))).to.deep.equal([{ affiliation: 'admin', jid: 'bob@localhost' }]);
    });

    it('dave, online but not in the room, hears of his new affiliation from a 101 headline (§17.1)', async () => {
      const room = roomJid('hall');
      const alice = await login('alice');
      const dave = await login('dave');
      await dave.send(xml('presence'));
      await dave.receive((stanza) => stanza.is('presence') && stanza.attrs.from === dave.jid);
      await createRoom(alice, room, 'Alice');
      await alice.request(adminSet(room, { jid: 'dave@localhost', affiliation: 'admin' }));
      const notice = await dave.receive((stanza) => stanza.is('message') && stanza.attrs.type === 'headline' && stanza.attrs.from === room);
      expect(statusCodes(notice)).to.deep.equal([101]);
      expect(mucItem(notice).affiliation).to.equal('admin');
    });

    it('an owner may not leave a room without owners; a second owner makes it possible (§10.5–§10.6)', async () => {
      const room = roomJid('crowns');
      const alice = await login('alice');
      await createRoom(alice, room, 'Alice');
      expect(await errorCondition(alice, adminSet(room, { jid: 'alice@localhost', affiliation: 'member' }))).to.equal('conflict');
      await alice.request(adminSet(room, { jid: 'dave@localhost', affiliation: 'owner' }));
      await alice.request(adminSet(room, { jid: 'alice@localhost', affiliation: 'member' }));
      const self = await alice.receive((stanza) => isPresenceFrom(`${room}/Alice`)(stanza) && mucItem(stanza).affiliation === 'member');
      expect(mucItem(self).role).to.equal('participant');
      const owners = itemsOf(await alice.request(adminGet(room, { affiliation: 'member' })));
      expect(owners.map((item) => item.jid)).to.include('alice@localhost');
    });

    it('an admin grants and revokes moderator status (§9.6, §9.7) and lists moderators', async () => {
      const room = roomJid('chairs');
      const alice = await login('alice');
      const bob = await login('bob');
      await createRoom(alice, room, 'Alice');
      await joinFully(bob, room, 'Bob');
      await alice.request(adminSet(room, { nick: 'Bob', role: 'moderator' }));
      await bob.receive((stanza) => isPresenceFrom(`${room}/Bob`)(stanza) && mucItem(stanza).role === 'moderator');
      const moderators = itemsOf(await alice.request(adminGet(room, { role: 'moderator' }))).map((item) => item.nick).sort();
      expect(moderators).to.deep.equal(['Alice', 'Bob']);
      // A moderator who is not an admin cannot make moderators, nor unmake the owner.
      expect(await errorCondition(bob, adminSet(room, { nick: 'Alice', role: 'participant' }))).to.equal('not-allowed');
      await alice.request(adminSet(room, { nick: 'Bob', role: 'participant' }));
      await bob.receive((stanza) => isPresenceFrom(`${room}/Bob`)(stanza) && mucItem(stanza).role === 'participant');
      expect(await errorCondition(alice, adminSet(room, { nick: 'Nobody', role: 'none' }))).to.equal('item-not-found');
    });
  });
}
