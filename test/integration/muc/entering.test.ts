// XEP-0045 §7.1–7.2 and §10.1 through xmpp.js: creating a room, entering it, the order of what a
// newcomer receives, messages to everyone, leaving, and the errors of §7.2.
import { expect } from 'chai';
import { xml } from '@xmpp/client';
import { useClients } from '../../helpers/clients.js';
import {
  RSM, createRoom, errorConditionOf, formItems, groupchat, isGroupchat, isPresenceFrom, isSubject, join, joinFully,
  joinPresence, mamQuery, mucItem, roomJid, say, statusCodes,
} from '../../helpers/muc.js';
import { errorCondition } from '../../helpers/requests.js';
import { STORAGE_KINDS, useTestServer } from '../../helpers/server.js';

for (const storage of STORAGE_KINDS) {
  describe(`MUC: creating, entering and leaving rooms (XEP-0045 §7.1, §7.2, §7.14, §10.1) (${storage})`, function () {
    const node = useTestServer({}, ['alice', 'bob', 'carol'], storage);
    const login = useClients(node);

    it('alice creates a room: she is its owner, it is locked (201) until she accepts the instant room', async () => {
      const room = roomJid('coven');
      const alice = await login('alice');
      const self = await join(alice, room, 'Crone');
      expect(statusCodes(self)).to.include.members([110, 201]);
      expect(mucItem(self)).to.include({ affiliation: 'owner', role: 'moderator' });

      const bob = await login('bob');
      await bob.send(joinPresence(room, 'Wiccarocks'));
      const refused = await bob.receive((stanza) => stanza.is('presence') && stanza.attrs.type === 'error');
      expect(errorConditionOf(refused)).to.equal('item-not-found');

      await alice.request(xml('iq', { type: 'set', to: room }, xml('query', { xmlns: 'http://jabber.org/protocol/muc#owner' },
        xml('x', { xmlns: 'jabber:x:data', type: 'submit' }))));
      const bobSelf = await join(bob, room, 'Wiccarocks');
      expect(mucItem(bobSelf)).to.include({ affiliation: 'none', role: 'participant', jid: bob.jid });
    });

    it('bob enters: occupants first, his own presence last, then history, then the subject', async () => {
      const room = roomJid('order');
      const alice = await login('alice');
      await createRoom(alice, room, 'Alice');
      await alice.send(groupchat(room, 'before bob'));
      await alice.receive(isGroupchat(room, 'before bob'));

      const bob = await login('bob');
      await joinFully(bob, room, 'Bob');
      const sequence = bob.received.filter((stanza) => String(stanza.attrs.from).startsWith(room));
      const kinds = sequence.map((stanza) => {
        if (stanza.is('presence')) return statusCodes(stanza).includes(110) ? 'self' : `presence ${String(stanza.attrs.from).split('/')[1]}`;
        if (stanza.getChild('subject') !== undefined) return 'subject';
        return `history ${stanza.getChildText('body')}`;
      });
      expect(kinds).to.deep.equal(['presence Alice', 'self', 'history before bob', 'subject']);
      const history = sequence[2]!;
      expect(history.getChild('delay', 'urn:xmpp:delay')?.attrs.from).to.equal(room);
      expect(mucItem(sequence[0]!)).to.include({ jid: alice.jid, affiliation: 'owner' });
      await alice.receive(isPresenceFrom(`${room}/Bob`));
    });

    it('a message goes to every occupant, the sender too, with the room\'s stanza-id and the sender\'s occupant-id', async () => {
      const room = roomJid('chatter');
      const alice = await login('alice');
      const bob = await login('bob');
      await createRoom(alice, room, 'Alice');
      await joinFully(bob, room, 'Bob');
      await bob.send(groupchat(room, 'hello all', 'm1'));
      const [atAlice, atBob] = await Promise.all([alice.receive(isGroupchat(room, 'hello all')), bob.receive(isGroupchat(room, 'hello all'))]);
      expect(atAlice.attrs.from).to.equal(`${room}/Bob`);
      expect(atBob.attrs.id).to.equal('m1');
      const stanzaId = atAlice.getChild('stanza-id', 'urn:xmpp:sid:0');
      expect(stanzaId?.attrs.by).to.equal(room);
      expect(stanzaId?.attrs.id).to.equal(atBob.getChild('stanza-id', 'urn:xmpp:sid:0')?.attrs.id);
      expect(atAlice.getChild('occupant-id', 'urn:xmpp:occupant-id:0')?.attrs.id).to.be.a('string');
    });

    it('a chat state goes to everyone but is neither history nor archived', async () => {
      const room = roomJid('typing');
      const alice = await login('alice');
      const bob = await login('bob');
      await createRoom(alice, room, 'Alice');
      await joinFully(bob, room, 'Bob');
      await alice.send(xml('message', { to: room, type: 'groupchat' }, xml('composing', { xmlns: 'http://jabber.org/protocol/chatstates' })));
      const state = await bob.receive((stanza) => stanza.is('message') && stanza.getChild('composing') !== undefined);
      expect(state.getChild('stanza-id', 'urn:xmpp:sid:0')).to.equal(undefined);
      await alice.send(groupchat(room, 'typed'));
      await bob.receive(isGroupchat(room, 'typed'));
      const carol = await login('carol');
      const before = carol.received.length;
      await joinFully(carol, room, 'Carol');
      const history = carol.received.slice(before).filter((stanza) => stanza.is('message') && stanza.getChild('delay', 'urn:xmpp:delay') !== undefined && !isSubject(room)(stanza));
      expect(history.map((stanza) => stanza.getChildText('body'))).to.deep.equal(['typed']);
    });

    it('a temporary room\'s archive, kept in memory, has its messages and subject changes in order (XEP-0313 §6.1.1)', async () => {
      const room = roomJid('fleeting');
      const alice = await login('alice');
      await createRoom(alice, room, 'Alice');
      await say(alice, room, 'before');
      await alice.send(xml('message', { to: room, type: 'groupchat' }, xml('subject', {}, 'Brew')));
      await alice.receive((stanza) => isSubject(room)(stanza) && stanza.getChildText('subject') === 'Brew');
      await say(alice, room, 'after');
      const page = await mamQuery(alice, room, [xml('max', {}, '10')], 'fleeting');
      expect(page.bodies).to.deep.equal(['before', 'subject Brew', 'after']);
      expect(page.fin.getChild('set', RSM)?.getChildText('count')).to.equal('3');
      // One at a time: the subject change is a page of its own, and paging goes on after it.
      const second = await mamQuery(alice, room, [xml('max', {}, '1'), xml('after', {}, page.ids[0])], 'fleeting-2');
      expect(second.bodies).to.deep.equal(['subject Brew']);
      const third = await mamQuery(alice, room, [xml('max', {}, '1'), xml('after', {}, second.ids[0])], 'fleeting-3');
      expect(third.bodies).to.deep.equal(['after']);
    });

    it('carol takes a nick in use and gets conflict; without a nick she gets jid-malformed', async () => {
      const room = roomJid('nicks');
      const alice = await login('alice');
      await createRoom(alice, room, 'Alice');
      const carol = await login('carol');
      await carol.send(joinPresence(room, 'Alice'));
      const conflict = await carol.receive((stanza) => stanza.is('presence') && stanza.attrs.type === 'error');
      expect(errorConditionOf(conflict)).to.equal('conflict');
      await carol.send(xml('presence', { to: room }, xml('x', { xmlns: 'http://jabber.org/protocol/muc' })));
      const malformed = await carol.receive((stanza) => stanza.is('presence') && stanza.attrs.type === 'error' && stanza.attrs.from === room);
      expect(errorConditionOf(malformed)).to.equal('jid-malformed');
    });

    it('bob leaves: everyone gets his unavailable presence, he gets his own with 110; an empty temporary room is gone', async () => {
      const room = roomJid('passing');
      const alice = await login('alice');
      const bob = await login('bob');
      await createRoom(alice, room, 'Alice');
      await joinFully(bob, room, 'Bob');
      await bob.send(xml('presence', { to: `${room}/Bob`, type: 'unavailable' }, xml('status', {}, 'gone fishing')));
      const seen = await alice.receive(isPresenceFrom(`${room}/Bob`, 'unavailable'));
      expect(seen.getChildText('status')).to.equal('gone fishing');
      const own = await bob.receive((stanza) => isPresenceFrom(`${room}/Bob`, 'unavailable')(stanza) && statusCodes(stanza).includes(110));
      expect(mucItem(own).role).to.equal('none');

      await alice.send(xml('presence', { to: `${room}/Alice`, type: 'unavailable' }));
      await alice.receive(isPresenceFrom(`${room}/Alice`, 'unavailable'));
      await node().server.muc?.settled();
      // The room is gone: entering creates it anew.
      const again = await join(bob, room, 'Bob');
      expect(statusCodes(again)).to.include(201);
    });

    it('a client that disconnects leaves every room it was in', async () => {
      const room = roomJid('dropouts');
      const alice = await login('alice');
      const bob = await login('bob');
      await createRoom(alice, room, 'Alice');
      await joinFully(bob, room, 'Bob');
      await bob.stop();
      await alice.receive(isPresenceFrom(`${room}/Bob`, 'unavailable'));
    });

    it('the subject is sent on entry once set, and only a participant or moderator may change it', async () => {
      const room = roomJid('topics');
      const alice = await login('alice');
      await createRoom(alice, room, 'Alice');
      await alice.send(xml('message', { to: room, type: 'groupchat' }, xml('subject', {}, 'Spells')));
      await alice.receive((stanza) => isSubject(room)(stanza) && stanza.getChildText('subject') === 'Spells');
      const bob = await login('bob');
      await joinFully(bob, room, 'Bob');
      const subject = bob.received.filter(isSubject(room)).pop();
      expect(subject?.getChildText('subject')).to.equal('Spells');
      expect(subject?.attrs.from).to.equal(`${room}/Alice`);
    });

    it('a client discovers the service at its server and the room\'s features', async () => {
      const room = roomJid('findme');
      const alice = await login('alice');
      await createRoom(alice, room, 'Alice', { 'muc#roomconfig_roomname': 'Find Me' });
      const items = await alice.request(xml('iq', { type: 'get', to: 'localhost' }, xml('query', { xmlns: 'http://jabber.org/protocol/disco#items' })));
      const services = items.getChild('query')?.getChildren('item').map((item) => String(item.attrs.jid)) ?? [];
      expect(services).to.include('conference.localhost');
      const rooms = await alice.request(xml('iq', { type: 'get', to: 'conference.localhost' }, xml('query', { xmlns: 'http://jabber.org/protocol/disco#items' })));
      expect(rooms.getChild('query')?.getChildren('item').map((item) => item.attrs)).to.deep.include({ jid: room, name: 'Find Me' });
      const info = await alice.request(xml('iq', { type: 'get', to: room }, xml('query', { xmlns: 'http://jabber.org/protocol/disco#info' })));
      const features = info.getChild('query')?.getChildren('feature').map((feature) => String(feature.attrs.var)) ?? [];
      expect(features).to.include.members(['http://jabber.org/protocol/muc', 'muc_public', 'muc_open', 'muc_unmoderated', 'muc_nonanonymous', 'muc_temporary', 'muc_unsecured']);
      expect(info.getChild('query')?.getChild('identity')?.attrs).to.include({ category: 'conference', name: 'Find Me' });
    });

    it('a client searches the public rooms (XEP-0055): the form, then the rooms that match with their details', async () => {
      const wanted = roomJid('searchable');
      const alice = await login('alice');
      await createRoom(alice, wanted, 'Alice', { 'muc#roomconfig_roomname': 'Cauldron Talk', 'muc#roomconfig_roomdesc': 'Spells and brews' });
      await createRoom(alice, roomJid('unlisted'), 'Alice', { 'muc#roomconfig_roomname': 'Cauldron Secrets', 'muc#roomconfig_publicroom': '0' });
      const bob = await login('bob');
      const form = await bob.request(xml('iq', { type: 'get', to: 'conference.localhost' }, xml('query', { xmlns: 'jabber:iq:search' })));
      const fields = form.getChild('query')?.getChild('x', 'jabber:x:data')?.getChildren('field').map((field) => String(field.attrs.var));
      expect(fields).to.include.members(['name', 'subject', 'num_users']);

      const result = await bob.request(xml('iq', { type: 'set', to: 'conference.localhost' }, xml('query', { xmlns: 'jabber:iq:search' },
        xml('x', { xmlns: 'jabber:x:data', type: 'submit' },
          xml('field', { var: 'FORM_TYPE' }, xml('value', {}, 'jabber:iq:search')),
          xml('field', { var: 'name' }, xml('value', {}, 'cauldron'))))));
      expect(formItems(result.getChild('query'))).to.deep.equal([{
        jid: wanted, name: 'Cauldron Talk', description: 'Spells and brews', subject: '', num_users: '1', num_max_users: '50',
        is_password_protected: '0', is_member_only: '0',
      }]);

      const legacy = xml('iq', { type: 'set', to: 'conference.localhost' }, xml('query', { xmlns: 'jabber:iq:search' }, xml('nick', {}, 'Alice')));
      expect(await errorCondition(bob, legacy)).to.equal('bad-request');
    });
  });
}
