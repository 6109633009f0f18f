// XEP-0045 §10 (owner) through xmpp.js: the configuration form, password and occupant limits,
// the notice of a changed configuration (104, 172/173), cancelling a new room, unique room names,
// and destroying a room with an alternate venue.
import { expect } from 'chai';
import { xml } from '@xmpp/client';
import type { Element } from 'ltx';
import { type TestClient, useClients } from '../../helpers/clients.js';
import {
  DATA, MUC_OWNER, MUC_USER, configure, createRoom, errorConditionOf, isPresenceFrom, join, joinFully, joinPresence,
  roomJid, statusCodes,
} from '../../helpers/muc.js';
import { errorCondition } from '../../helpers/requests.js';
import { STORAGE_KINDS, useTestServer } from '../../helpers/server.js';

function formValues(result: Element): Record<string, string[]> {
  const form = result.getChild('query')?.getChild('x', DATA);
  return Object.fromEntries(form?.getChildren('field').filter((field) => field.attrs.var !== undefined)
    .map((field) => [String(field.attrs.var), field.getChildren('value').map((value) => value.getText())]) ?? []);
}

for (const storage of STORAGE_KINDS) {
  describe(`MUC: owner use cases (XEP-0045 §10) (${storage})`, function () {
    const node = useTestServer({}, ['alice', 'bob', 'carol'], storage);
    const login = useClients(node);

    it('alice reserves a room: she gets the form, fills it, and the room is configured as she said (§10.1.3, §10.2)', async () => {
      const room = roomJid('reserved');
      const alice = await login('alice');
      await joinFully(alice, room, 'Alice');
      const form = await alice.request(xml('iq', { type: 'get', to: room }, xml('query', { xmlns: MUC_OWNER })));
      const fields = formValues(form);
      expect(fields).to.include.keys('FORM_TYPE', 'muc#roomconfig_roomname', 'muc#roomconfig_membersonly', 'muc#roomconfig_moderatedroom',
        'muc#roomconfig_passwordprotectedroom', 'muc#roomconfig_roomsecret', 'muc#roomconfig_whois', 'muc#roomconfig_maxusers',
        'muc#roomconfig_persistentroom', 'muc#roomconfig_publicroom', 'muc#roomconfig_allowpm', 'muc#roomconfig_changesubject',
        'muc#roomconfig_allowinvites', 'muc#roomconfig_presencebroadcast', 'muc#roomconfig_getmemberlist', 'muc#maxhistoryfetch');
      expect(fields['muc#roomconfig_maxusers']).to.deep.equal(['50']);
      await configure(alice, room, { 'muc#roomconfig_roomname': 'A Dark Cave', 'muc#roomconfig_publicroom': '0', 'muc#roomconfig_maxusers': '10' });
      const after = formValues(await alice.request(xml('iq', { type: 'get', to: room }, xml('query', { xmlns: MUC_OWNER }))));
      expect(after).to.deep.include({ 'muc#roomconfig_roomname': ['A Dark Cave'], 'muc#roomconfig_publicroom': ['0'], 'muc#roomconfig_maxusers': ['10'] });
      const rooms = await alice.request(xml('iq', { type: 'get', to: 'conference.localhost' }, xml('query', { xmlns: 'http://jabber.org/protocol/disco#items' })));
      expect(rooms.getChild('query')?.getChildren('item').map((item) => String(item.attrs.jid))).to.not.include(room);
      const info = await alice.request(xml('iq', { type: 'get', to: room }, xml('query', { xmlns: 'http://jabber.org/protocol/disco#info' })));
      expect(info.getChild('query')?.getChildren('feature').map((feature) => String(feature.attrs.var))).to.include('muc_hidden');
    });

    it('a non-owner gets forbidden for the form; a bad value gets not-acceptable (§10.2)', async () => {
      const room = roomJid('guarded');
      const alice = await login('alice');
      const bob = await login('bob');
      await createRoom(alice, room, 'Alice');
      await joinFully(bob, room, 'Bob');
      expect(await errorCondition(bob, xml('iq', { type: 'get', to: room }, xml('query', { xmlns: MUC_OWNER })))).to.equal('forbidden');
      expect(await errorCondition(alice, xml('iq', { type: 'set', to: room }, xml('query', { xmlns: MUC_OWNER },
        xml('x', { xmlns: DATA, type: 'submit' }, xml('field', { var: 'muc#roomconfig_passwordprotectedroom' }, xml('value', {}, '1'))))))).to.equal('not-acceptable');
      expect(await errorCondition(alice, xml('iq', { type: 'set', to: room }, xml('query', { xmlns: MUC_OWNER },
        xml('x', { xmlns: DATA, type: 'submit' }, xml('field', { var: 'muc#roomconfig_maxusers' }, xml('value', {}, '100000'))))))).to.equal('not-acceptable');
    });

    it('a password-protected room admits only those who give the password (§7.2.6)', async () => {
      const room = roomJid('secret');
      const alice = await login('alice');
      const bob = await login('bob');
      await createRoom(alice, room, 'Alice', { 'muc#roomconfig_passwordprotectedroom': '1', 'muc#roomconfig_roomsecret': 'cauldronburn' });
      await bob.send(joinPresence(room, 'Bob'));
      expect(errorConditionOf(await bob.receive((stanza) => stanza.is('presence') && stanza.attrs.type === 'error'))).to.equal('not-authorized');
      await join(bob, room, 'Bob', { password: 'cauldronburn' });
    });

    it('a full room refuses newcomers with service-unavailable, but not its admins (§7.2.10)', async () => {
      const room = roomJid('tiny');
      const alice = await login('alice');
      const bob = await login('bob');
      const carol = await login('carol');
      await createRoom(alice, room, 'Alice', { 'muc#roomconfig_maxusers': '2' });
      await joinFully(bob, room, 'Bob');
      await carol.send(joinPresence(room, 'Carol'));
      expect(errorConditionOf(await carol.receive((stanza) => stanza.is('presence') && stanza.attrs.type === 'error'))).to.equal('service-unavailable');
    });

    it('occupants hear of a configuration change: 172 when the room becomes non-anonymous, 104 for the rest (§10.2.1)', async () => {
      const room = roomJid('changing');
      const alice = await login('alice');
      const bob = await login('bob');
      await createRoom(alice, room, 'Alice', { 'muc#roomconfig_whois': 'moderators' });
      const bobSelf = await join(bob, room, 'Bob');
      expect(statusCodes(bobSelf)).to.not.include(100);
      const aliceSeen = bob.received.find(isPresenceFrom(`${room}/Alice`));
      expect(aliceSeen?.getChild('x', MUC_USER)?.getChild('item')?.attrs.jid).to.equal(undefined);
      await configure(alice, room, { 'muc#roomconfig_whois': 'anyone' });
      const notice = await bob.receive((stanza) => stanza.is('message') && stanza.attrs.from === room && statusCodes(stanza).includes(172));
      expect(statusCodes(notice)).to.not.include(104);
      await configure(alice, room, { 'muc#roomconfig_roomname': 'Renamed' });
      await bob.receive((stanza) => stanza.is('message') && stanza.attrs.from === room && statusCodes(stanza).includes(104));
    });

    it('cancelling the initial configuration destroys the new room (§10.1.3)', async () => {
      const room = roomJid('never');
      const alice = await login('alice');
      await joinFully(alice, room, 'Alice');
      await alice.request(xml('iq', { type: 'set', to: room }, xml('query', { xmlns: MUC_OWNER }, xml('x', { xmlns: DATA, type: 'cancel' }))));
      await alice.receive(isPresenceFrom(`${room}/Alice`, 'unavailable'));
      await node().server.muc?.settled();
      expect(statusCodes(await join(alice, room, 'Alice'))).to.include(201);
    });

    it('the form lists owners and admins; an owner adds an owner and an admin there (§10.2, §10.3, §10.6)', async () => {
      const room = roomJid('council');
      const alice = await login('alice');
      const bob = await login('bob');
      await createRoom(alice, room, 'Alice');
      expect(formValues(await alice.request(xml('iq', { type: 'get', to: room }, xml('query', { xmlns: MUC_OWNER })))))
        .to.deep.include({ 'muc#roomconfig_roomowners': ['alice@localhost'], 'muc#roomconfig_roomadmins': [] });
      await configure(alice, room, { 'muc#roomconfig_roomowners': ['alice@localhost', 'bob@localhost'], 'muc#roomconfig_roomadmins': ['carol@localhost'] });
      const asBob = formValues(await bob.request(xml('iq', { type: 'get', to: room }, xml('query', { xmlns: MUC_OWNER }))));
      expect(asBob['muc#roomconfig_roomowners']).to.deep.equal(['alice@localhost', 'bob@localhost']);
      expect(asBob['muc#roomconfig_roomadmins']).to.deep.equal(['carol@localhost']);
      expect(await errorCondition(alice, xml('iq', { type: 'set', to: room }, xml('query', { xmlns: MUC_OWNER },
        xml('x', { xmlns: DATA, type: 'submit' }, xml('field', { var: 'muc#roomconfig_roomowners' })))))).to.equal('conflict');
    });

    it('a unique room name comes from the service (§10.1.4)', async () => {
      const alice = await login('alice');
      const result = await alice.request(xml('iq', { type: 'get', to: 'conference.localhost' }, xml('unique', { xmlns: 'http://jabber.org/protocol/muc#unique' })));
      const first = result.getChildText('unique');
      const second = (await alice.request(xml('iq', { type: 'get', to: 'conference.localhost' }, xml('unique', { xmlns: 'http://jabber.org/protocol/muc#unique' })))).getChildText('unique');
      expect(first).to.match(/^[a-z0-9]{8,}$/);
      expect(second).to.not.equal(first);
    });

    it('alice destroys the room: everyone leaves with the alternate venue and reason; bob cannot destroy it (§10.9)', async () => {
      const room = roomJid('doomed');
      const alice = await login('alice');
      const bob = await login('bob');
      await createRoom(alice, room, 'Alice');
      await joinFully(bob, room, 'Bob');
      const destroy = (client: TestClient): Promise<Element> => client.request(xml('iq', { type: 'set', to: room }, xml('query', { xmlns: MUC_OWNER },
        xml('destroy', { jid: roomJid('new-cave') }, xml('reason', {}, 'Macbeth doth come.')))));
      expect(await errorCondition(bob, xml('iq', { type: 'set', to: room }, xml('query', { xmlns: MUC_OWNER }, xml('destroy'))))).to.equal('forbidden');
      await destroy(alice);
      const gone = await bob.receive(isPresenceFrom(`${room}/Bob`, 'unavailable'));
      const element = gone.getChild('x', MUC_USER)?.getChild('destroy');
      expect(element?.attrs.jid).to.equal(roomJid('new-cave'));
      expect(element?.getChildText('reason')).to.equal('Macbeth doth come.');
      await node().server.muc?.settled();
      expect(statusCodes(await join(bob, room, 'Bob'))).to.include(201);
    });
  });
}
