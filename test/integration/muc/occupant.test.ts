// XEP-0045 §7 use cases beyond entering, through xmpp.js: nick changes (303), availability,
// private messages, invitations and declines, registration (§7.10), several sessions under one
// nick, self-ping (XEP-0410), and history on entry by maxstanzas, maxchars and since.
import { expect } from 'chai';
import { xml } from '@xmpp/client';
import { type TestClient, useClients } from '../../helpers/clients.js';
import {
  DATA, createRoom, errorConditionOf, groupchat, isGroupchat, isPresenceFrom, isSubject, join, joinFully, joinPresence,
  mucItem, roomJid, statusCodes, submitForm, MUC_USER,
} from '../../helpers/muc.js';
import { errorCondition } from '../../helpers/requests.js';
import { STORAGE_KINDS, useTestServer } from '../../helpers/server.js';

for (const storage of STORAGE_KINDS) {
  describe(`MUC: occupant use cases (XEP-0045 §7) (${storage})`, function () {
    const node = useTestServer({ muc: { selfRegistration: true } }, ['alice', 'bob', 'carol'], storage);
    const login = useClients(node);

    it('bob changes his nick: unavailable from the old one with 303 and the new nick, then presence from the new one (§7.6)', async () => {
      const room = roomJid('renames');
      const alice = await login('alice');
      const bob = await login('bob');
      await createRoom(alice, room, 'Alice');
      await joinFully(bob, room, 'Bob');
      await bob.send(xml('presence', { to: `${room}/Robert` }));
      const gone = await alice.receive(isPresenceFrom(`${room}/Bob`, 'unavailable'));
      expect(statusCodes(gone)).to.include(303);
      expect(mucItem(gone).nick).to.equal('Robert');
      await alice.receive(isPresenceFrom(`${room}/Robert`));
      const ownGone = await bob.receive(isPresenceFrom(`${room}/Bob`, 'unavailable'));
      expect(statusCodes(ownGone)).to.include.members([303, 110]);
      await bob.send(groupchat(room, 'I am Robert now'));
      const message = await alice.receive(isGroupchat(room, 'I am Robert now'));
      expect(message.attrs.from).to.equal(`${room}/Robert`);
      // Taking alice's nick is refused.
      await bob.send(xml('presence', { to: `${room}/Alice` }));
      const conflict = await bob.receive((stanza) => stanza.is('presence') && stanza.attrs.type === 'error');
      expect(errorConditionOf(conflict)).to.equal('conflict');
    });

    it('bob changes his availability: everyone sees his show and status (§7.7)', async () => {
      const room = roomJid('moods');
      const alice = await login('alice');
      const bob = await login('bob');
      await createRoom(alice, room, 'Alice');
      await joinFully(bob, room, 'Bob');
      await bob.send(xml('presence', { to: `${room}/Bob` }, xml('show', {}, 'away'), xml('status', {}, 'brewing')));
      const seen = await alice.receive((stanza) => isPresenceFrom(`${room}/Bob`)(stanza) && stanza.getChildText('show') === 'away');
      expect(seen.getChildText('status')).to.equal('brewing');
    });

    it('bob and carol talk privately through the room; a non-occupant cannot (§7.5)', async () => {
      const room = roomJid('whispers');
      const alice = await login('alice');
      const bob = await login('bob');
      const carol = await login('carol');
      await createRoom(alice, room, 'Alice');
      await joinFully(bob, room, 'Bob');
      await bob.send(xml('message', { to: `${room}/Alice`, type: 'chat' }, xml('body', {}, 'psst')));
      const whisper = await alice.receive((stanza) => stanza.is('message') && stanza.getChildText('body') === 'psst');
      expect(whisper.attrs.from).to.equal(`${room}/Bob`);
      expect(whisper.getChild('x', MUC_USER)).to.not.equal(undefined);
      await carol.send(xml('message', { to: `${room}/Alice`, type: 'chat', id: 'p1' }, xml('body', {}, 'let me in')));
      const refused = await carol.receive((stanza) => stanza.attrs.id === 'p1' && stanza.attrs.type === 'error');
      expect(errorConditionOf(refused)).to.equal('not-acceptable');
      await bob.send(xml('message', { to: `${room}/Nobody`, type: 'chat', id: 'p2' }, xml('body', {}, 'hello?')));
      expect(errorConditionOf(await bob.receive((stanza) => stanza.attrs.id === 'p2' && stanza.attrs.type === 'error'))).to.equal('item-not-found');
      await bob.send(xml('message', { to: `${room}/Alice`, type: 'groupchat', id: 'p3' }, xml('body', {}, 'wrong type')));
      expect(errorConditionOf(await bob.receive((stanza) => stanza.attrs.id === 'p3' && stanza.attrs.type === 'error'))).to.equal('bad-request');
    });

    it('alice invites carol to a members-only room: carol gets the invitation and may enter; she may also decline (§7.8)', async () => {
      const room = roomJid('private-club');
      const alice = await login('alice');
      const carol = await login('carol');
      await carol.send(xml('presence'));
      await alice.send(xml('presence'));
      await createRoom(alice, room, 'Alice', { 'muc#roomconfig_membersonly': '1' });
      await carol.send(joinPresence(room, 'Carol'));
      const refused = await carol.receive((stanza) => stanza.is('presence') && stanza.attrs.type === 'error');
      expect(errorConditionOf(refused)).to.equal('registration-required');

      await alice.send(xml('message', { to: room }, xml('x', { xmlns: MUC_USER }, xml('invite', { to: 'carol@localhost' }, xml('reason', {}, 'join us')))));
      const invitation = await carol.receive((stanza) => stanza.is('message') && stanza.getChild('x', MUC_USER)?.getChild('invite') !== undefined);
      expect(invitation.attrs.from).to.equal(room);
      expect(invitation.getChild('x', MUC_USER)?.getChild('invite')?.attrs.from).to.equal('alice@localhost');
      expect(invitation.getChild('x', MUC_USER)?.getChild('invite')?.getChildText('reason')).to.equal('join us');
      await join(carol, room, 'Carol');

      await carol.send(xml('message', { to: room }, xml('x', { xmlns: MUC_USER }, xml('decline', { to: 'alice@localhost' }, xml('reason', {}, 'busy')))));
      const declined = await alice.receive((stanza) => stanza.is('message') && stanza.getChild('x', MUC_USER)?.getChild('decline') !== undefined);
      expect(declined.getChild('x', MUC_USER)?.getChild('decline')?.attrs.from).to.equal('carol@localhost');
    });

    it('a direct invitation (XEP-0249) is routed from user to user', async () => {
      const alice = await login('alice');
      const bob = await login('bob');
      await bob.send(xml('presence'));
      await bob.receive((stanza) => stanza.is('presence') && stanza.attrs.from === bob.jid);
      await alice.send(xml('message', { to: 'bob@localhost' }, xml('x', { xmlns: 'jabber:x:conference', jid: roomJid('direct'), reason: 'come' })));
      const invitation = await bob.receive((stanza) => stanza.getChild('x', 'jabber:x:conference') !== undefined);
      expect(invitation.getChild('x', 'jabber:x:conference')?.attrs.jid).to.equal(roomJid('direct'));
    });

    it('bob registers a nick with the room: he becomes a member, the nick is his alone (§7.10)', async () => {
      const room = roomJid('registry');
      const alice = await login('alice');
      const bob = await login('bob');
      const carol = await login('carol');
      await createRoom(alice, room, 'Alice');
      const form = await bob.request(xml('iq', { type: 'get', to: room }, xml('query', { xmlns: 'jabber:iq:register' })));
      expect(form.getChild('query')?.getChild('x', DATA)?.getChildren('field').map((field) => String(field.attrs.var))).to.include('muc#register_roomnick');
      await bob.request(xml('iq', { type: 'set', to: room }, xml('query', { xmlns: 'jabber:iq:register' },
        submitForm('http://jabber.org/protocol/muc#register', { 'muc#register_roomnick': 'thirdwitch' }))));
      const registered = await bob.request(xml('iq', { type: 'get', to: room }, xml('query', { xmlns: 'jabber:iq:register' })));
      expect(registered.getChild('query')?.getChildText('username')).to.equal('thirdwitch');
      const reserved = await bob.request(xml('iq', { type: 'get', to: room }, xml('query', { xmlns: 'http://jabber.org/protocol/disco#info', node: 'x-roomuser-item' })));
      expect(reserved.getChild('query')?.getChild('identity')?.attrs.name).to.equal('thirdwitch');
      await carol.send(joinPresence(room, 'thirdwitch'));
      expect(errorConditionOf(await carol.receive((stanza) => stanza.is('presence') && stanza.attrs.type === 'error'))).to.equal('conflict');
      expect(mucItem(await join(bob, room, 'thirdwitch')).affiliation).to.equal('member');
      expect(await errorCondition(carol, xml('iq', { type: 'set', to: room }, xml('query', { xmlns: 'jabber:iq:register' },
        submitForm('http://jabber.org/protocol/muc#register', { 'muc#register_roomnick': 'thirdwitch' }))))).to.equal('conflict');
    });

    it('bob joins from two resources under one nick: one occupant for the others, both get every message and follow a nick change', async () => {
      const room = roomJid('twins');
      const alice = await login('alice');
      const desk = await login('bob', 'desk');
      const phone = await login('bob', 'phone');
      await createRoom(alice, room, 'Alice');
      await joinFully(desk, room, 'Bob');
      await joinFully(phone, room, 'Bob');
      await alice.send(groupchat(room, 'to both'));
      await Promise.all([desk.receive(isGroupchat(room, 'to both')), phone.receive(isGroupchat(room, 'to both'))]);
      // A nick change from the desk renames Bob on the phone too (each hears 303 and 110).
      await desk.send(xml('presence', { to: `${room}/Robert` }));
      await Promise.all([desk, phone].map((session) => session.receive((stanza) => isPresenceFrom(`${room}/Robert`)(stanza) && statusCodes(stanza).includes(110))));
      expect(statusCodes(phone.received.filter(isPresenceFrom(`${room}/Bob`, 'unavailable')).pop()!)).to.include.members([303, 110]);
      await alice.receive(isPresenceFrom(`${room}/Robert`));
      expect(alice.received.filter(isPresenceFrom(`${room}/Bob`, 'unavailable')).map(statusCodes)).to.deep.equal([[303]]);
      await phone.send(xml('presence', { to: `${room}/Robert`, type: 'unavailable' }));
      await phone.receive((stanza) => isPresenceFrom(`${room}/Robert`, 'unavailable')(stanza) && statusCodes(stanza).includes(110));
      await alice.send(groupchat(room, 'still there?'));
      await desk.receive(isGroupchat(room, 'still there?'));
      expect(alice.received.filter(isPresenceFrom(`${room}/Robert`, 'unavailable'))).to.have.length(0);
    });

    it('self-ping (XEP-0410): answered while joined, not-acceptable once out', async () => {
      const room = roomJid('pings');
      const alice = await login('alice');
      await createRoom(alice, room, 'Alice');
      await alice.request(xml('iq', { type: 'get', to: `${room}/Alice` }, xml('ping', { xmlns: 'urn:xmpp:ping' })));
      await alice.send(xml('presence', { to: `${room}/Alice`, type: 'unavailable' }));
      await alice.receive(isPresenceFrom(`${room}/Alice`, 'unavailable'));
      await node().server.muc?.settled();
      const bob = await login('bob');
      await createRoom(bob, room, 'Bob');
      expect(await errorCondition(alice, xml('iq', { type: 'get', to: `${room}/Alice` }, xml('ping', { xmlns: 'urn:xmpp:ping' })))).to.equal('not-acceptable');
    });

    it('an IQ to an occupant JID is relayed to the occupant and answered back, real JIDs hidden (§17.4)', async () => {
      const room = roomJid('relay');
      const alice = await login('alice');
      const bob = await login('bob');
      await createRoom(alice, room, 'Alice', { 'muc#roomconfig_whois': 'moderators' });
      await joinFully(bob, room, 'Bob');
      let askedBy = '';
      alice.xmpp.iqCallee.get('urn:xmpp:time', 'time', (context) => {
        askedBy = String(context.stanza.attrs.from);
        return xml('time', { xmlns: 'urn:xmpp:time' }, xml('utc', {}, '2026-11-23T00:00:00Z'), xml('tzo', {}, '+00:00'));
      });
      const answer = await bob.request(xml('iq', { type: 'get', to: `${room}/Alice` }, xml('time', { xmlns: 'urn:xmpp:time' })));
      expect(answer.attrs.from).to.equal(`${room}/Alice`);
      expect(answer.getChild('time')?.getChildText('utc')).to.equal('2026-11-23T00:00:00Z');
      expect(askedBy).to.equal(`${room}/Bob`);
      expect(await errorCondition(bob, xml('iq', { type: 'get', to: `${room}/Alice` }, xml('query', { xmlns: 'urn:example:unknown' })))).to.equal('service-unavailable');
    });

    it('an occupant who blocks another occupant\'s occupant JID (XEP-0191) gets nothing from it through the room', async () => {
      const room = roomJid('blockers');
      const alice = await login('alice');
      const bob = await login('bob');
      const carol = await login('carol');
      await createRoom(alice, room, 'Alice');
      await joinFully(bob, room, 'Bob');
      await joinFully(carol, room, 'Carol');
      await bob.request(xml('iq', { type: 'set' }, xml('block', { xmlns: 'urn:xmpp:blocking' }, xml('item', { jid: `${room}/Alice` }))));
      await alice.send(groupchat(room, 'can you hear me?'));
      await carol.send(groupchat(room, 'I can'));
      await bob.receive(isGroupchat(room, 'I can'));
      expect(bob.received.filter(isGroupchat(room, 'can you hear me?'))).to.have.length(0);
      await carol.receive(isGroupchat(room, 'can you hear me?'));
    });

    it('history on entry follows maxstanzas, maxchars and since, each with a delay stamp (§7.2.14)', async () => {
      const room = roomJid('chronicle');
      const alice = await login('alice');
      await createRoom(alice, room, 'Alice');
      for (const body of ['one', 'two', 'three', 'four']) {
        await alice.send(groupchat(room, body));
        await alice.receive(isGroupchat(room, body));
      }
      const bodiesOnEntry = async (client: TestClient, nick: string, history: Record<string, string>): Promise<string[]> => {
        const before = client.received.length;
        await joinFully(client, room, nick, { history });
        const bodies = client.received.slice(before).filter((stanza) => stanza.is('message') && stanza.getChild('delay', 'urn:xmpp:delay') !== undefined && !isSubject(room)(stanza))
          .map((stanza) => stanza.getChildText('body') ?? '');
        await client.send(xml('presence', { to: `${room}/${nick}`, type: 'unavailable' }));
        await client.receive((stanza) => client.received.indexOf(stanza) >= before && isPresenceFrom(`${room}/${nick}`, 'unavailable')(stanza));
        return bodies;
      };
      const bob = await login('bob');
      expect(await bodiesOnEntry(bob, 'B1', { maxstanzas: '2' })).to.deep.equal(['three', 'four']);
      expect(await bodiesOnEntry(bob, 'B2', { maxstanzas: '0' })).to.deep.equal([]);
      expect(await bodiesOnEntry(bob, 'B3', { since: new Date(Date.now() + 60_000).toISOString() })).to.deep.equal([]);
      const oneMessage = alice.received.find(isGroupchat(room, 'four'))!.toString().length;
      expect((await bodiesOnEntry(bob, 'B4', { maxchars: String(oneMessage + 120) })).length).to.equal(1);
      expect(await bodiesOnEntry(bob, 'B5', {})).to.deep.equal(['one', 'two', 'three', 'four']);
    });
  });
}
