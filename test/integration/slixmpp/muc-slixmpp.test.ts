// Multi-user chat interop with a second, independent client implementation: slixmpp's xep_0045,
// xep_0313, xep_0249, xep_0055 and xep_0199 plugins (driven through muc_client.py), in the same
// rooms as xmpp.js users, so that the two implementations talk to each other through the room.
// PARLEY_TEST_LOG_LEVEL=debug also prints every stanza each slixmpp client sends and receives.
// slixmpp 1.8.3 quirks the assertions allow for: hidden form fields (FORM_TYPE) read as lists, and
// muc_client.py works around its xep_0045 decline handler (see there); it has no xep_0410 plugin, so
// the self-ping is xep_0199's ping to the occupant JID.
import { expect } from 'chai';
import { xml } from '@xmpp/client';
import type { Element } from 'ltx';
import { connect, type TestClient } from '../../helpers/clients.js';
import {
  configure, createRoom, errorConditionOf, groupchat, isGroupchat, isPresenceFrom, isSubject, join,
  joinFully, joinPresence, MUC_USER, mucItem, roomJid, statusCodes,
} from '../../helpers/muc.js';
import { testPkiFiles } from '../../helpers/pki.js';
import { DOMAIN, useTestServer } from '../../helpers/server.js';
import { assertSlixmppImportable, refusal, SlixClient, type FormSeen, type PresenceSeen } from './muc-driver.js';

const ROOMCONFIG = 'http://jabber.org/protocol/muc#roomconfig';

function fieldValue(form: FormSeen, name: string): unknown {
  return form.fields.find((field) => field.var === name)?.value;
}

/** A presence from that occupant JID, of that type ("available" for none). */
function presenceOf(occupantJid: string, type = 'available') {
  return (presence: PresenceSeen): boolean => presence.from === occupantJid && presence.type === type;
}

function isMessageFrom(from: string, predicate: (stanza: Element) => boolean = () => true) {
  return (stanza: Element): boolean => stanza.is('message') && stanza.attrs.from === from && predicate(stanza);
}

const ping = (to: string): Element => xml('iq', { type: 'get', to }, xml('ping', { xmlns: 'urn:xmpp:ping' }));

describe('MUC interop with slixmpp (XEP-0045 through slixmpp\'s xep_0045, xep_0313, xep_0249, xep_0055, xep_0199)', function () {
  // Each slixmpp client is a Python interpreter doing SCRAM in pure Python: a few hundred ms.
  this.timeout(20000);

  const node = useTestServer({}, ['alice', 'bob', 'carol', 'dave']);
  const slixClients: SlixClient[] = [];
  const jsClients: TestClient[] = [];
  let caFile: string;

  before(() => {
    assertSlixmppImportable();
    const pki = process.env.PARLEY_TEST_PKI;
    if (pki === undefined) throw new Error('PARLEY_TEST_PKI is not set: run the tests through scripts/test.sh');
    caFile = testPkiFiles(pki).caFile;
  });

  afterEach(async () => {
    const codes = await Promise.all(slixClients.splice(0).map(async (client) => ({ client, code: await client.stop() })));
    await Promise.all(jsClients.splice(0).map((client) => client.stop()));
    // A test that passed must also have left every slixmpp client healthy (no exception in the script).
    for (const { client, code } of codes) {
      if (code !== 0) throw new Error(`slixmpp ${client.jid} exited with ${code}\n${client.stderr()}`);
    }
  });

  async function slixmpp(username: string, resource = 'slix'): Promise<SlixClient> {
    const client = await SlixClient.start({ jid: `${username}@${DOMAIN}/${resource}`, port: node().server.ports.c2s, ca: caFile });
    slixClients.push(client);
    return client;
  }

  async function xmppjs(username: string, resource = 'desk'): Promise<TestClient> {
    const client = await connect({ service: `xmpp://localhost:${node().server.ports.c2s}`, username, resource });
    jsClients.push(client);
    return client;
  }

  /** Online with initial presence, so messages to the bare JID reach this client. */
  async function xmppjsOnline(username: string, resource = 'desk'): Promise<TestClient> {
    const client = await xmppjs(username, resource);
    await client.send(xml('presence'));
    await client.request(ping(DOMAIN));
    return client;
  }

  it('alice (slixmpp) creates a room and owns it; it stays locked for bob (xmpp.js) until she accepts the instant room', async () => {
    const room = roomJid('slix-instant');
    const alice = await slixmpp('alice');
    const created = await alice.join(room, 'Alice');
    // §10.1.1: 201 (new room) and 110 (self) in one presence; owner and moderator.
    expect(created.self.from).to.equal(`${room}/Alice`);
    expect(created.self.codes).to.include.members([110, 201]);
    expect(created.self.item).to.include({ affiliation: 'owner', role: 'moderator', jid: alice.jid });
    expect(created.roster).to.deep.equal(['Alice']);
    expect(created.history).to.deep.equal([]);

    // §10.1.1: the room is locked; anyone else is told it does not exist.
    const bob = await xmppjs('bob');
    await bob.send(joinPresence(room, 'Bob'));
    const refused = await bob.receive((stanza) => stanza.is('presence') && stanza.attrs.type === 'error' && stanza.attrs.from === `${room}/Bob`);
    expect(errorConditionOf(refused)).to.equal('item-not-found');

    // §10.1.2: slixmpp submits an empty form; the room opens.
    await alice.acceptInstantRoom(room);
    const bobSelf = await join(bob, room, 'Bob');
    expect(mucItem(bobSelf)).to.include({ affiliation: 'none', role: 'participant', jid: bob.jid });
    const bobSeen = await alice.presence(presenceOf(`${room}/Bob`));
    expect(bobSeen.item).to.include({ affiliation: 'none', role: 'participant', jid: bob.jid });
    expect(bobSeen.codes).to.deep.equal([]);
    await alice.pluginEvent('groupchat_presence', `${room}/Bob`);
  });

  it('alice (slixmpp) configures her room with slixmpp\'s get_room_config / set_room_config; the room and its disco#info change, occupants hear 104', async () => {
    const room = roomJid('slix-config');
    const alice = await slixmpp('alice');
    await alice.join(room, 'Alice');

    // §10.1.3: the form, with the FORM_TYPE and the standard fields.
    const form = await alice.getConfig(room);
    expect(form.type).to.equal('form');
    // slixmpp reads a hidden field as multi-valued.
    expect(form.fields.find((field) => field.var === 'FORM_TYPE')).to.deep.include({ type: 'hidden', value: [ROOMCONFIG] });
    expect(form.fields.map((field) => field.var)).to.include.members([
      'muc#roomconfig_roomname', 'muc#roomconfig_roomdesc', 'muc#roomconfig_changesubject', 'muc#roomconfig_moderatedroom',
      'muc#roomconfig_membersonly', 'muc#roomconfig_persistentroom', 'muc#roomconfig_publicroom', 'muc#roomconfig_whois',
      'muc#roomconfig_maxusers', 'muc#roomconfig_allowinvites',
    ]);
    expect(fieldValue(form, 'muc#roomconfig_moderatedroom')).to.equal(false);

    // slixmpp submits the whole form back with three values changed; that also unlocks the room.
    await alice.configure(room, {
      'muc#roomconfig_roomname': 'Slix Lounge',
      'muc#roomconfig_roomdesc': 'configured by slixmpp',
      'muc#roomconfig_changesubject': false,
    });
    const again = await alice.getConfig(room);
    expect(fieldValue(again, 'muc#roomconfig_roomname')).to.equal('Slix Lounge');
    expect(fieldValue(again, 'muc#roomconfig_roomdesc')).to.equal('configured by slixmpp');
    expect(fieldValue(again, 'muc#roomconfig_changesubject')).to.equal(false);
    // Untouched fields keep their values through slixmpp's round trip.
    expect(fieldValue(again, 'muc#roomconfig_whois')).to.equal(fieldValue(form, 'muc#roomconfig_whois'));
    expect(fieldValue(again, 'muc#roomconfig_maxusers')).to.equal(fieldValue(form, 'muc#roomconfig_maxusers'));

    // §6.4: slixmpp's xep_0030 sees the new name and the room's features.
    const info = await alice.discoInfo(room);
    expect(info.identities).to.deep.equal([{ category: 'conference', type: 'text', lang: null, name: 'Slix Lounge' }]);
    expect(info.features).to.include.members(['http://jabber.org/protocol/muc', 'muc_unmoderated', 'muc_open', 'muc_nonanonymous']);

    // bob (xmpp.js) enters; a change while he is there is announced to everyone with 104 (§10.2.1).
    const bob = await xmppjs('bob');
    await joinFully(bob, room, 'Bob');
    await alice.configure(room, { 'muc#roomconfig_roomname': 'Slix Lounge II' });
    const notice = await bob.receive(isMessageFrom(room, (stanza) => statusCodes(stanza).includes(104)));
    expect(notice.getChild('body')).to.equal(undefined);
    expect((await alice.message((message) => message.from === room && message.codes.includes(104))).codes).to.deep.equal([104]);
    await alice.pluginEvent('groupchat_config_status', room);

    // §10.2: only an owner gets the form.
    const carol = await slixmpp('carol');
    await carol.join(room, 'Carol');
    expect(await refusal(carol.getConfig(room))).to.include({ condition: 'forbidden', type: 'auth' });
  });

  it('alice (xmpp.js) and bob (slixmpp) talk through the room, each seeing the other\'s message from the occupant JID with the room\'s stanza-id', async () => {
    const room = roomJid('slix-chatter');
    const alice = await xmppjs('alice');
    await createRoom(alice, room, 'Alice');
    const bob = await slixmpp('bob');
    await bob.join(room, 'Bob');

    // slixmpp → xmpp.js (§7.4), and the reflection to bob carries his id (§7.4: the same id).
    await bob.say(room, 'Hello from slixmpp', 'slix-1');
    const atAlice = await alice.receive(isGroupchat(room, 'Hello from slixmpp'));
    expect(atAlice.attrs.from).to.equal(`${room}/Bob`);
    const reflected = await bob.message((message) => message.body === 'Hello from slixmpp');
    expect(reflected).to.include({ from: `${room}/Bob`, type: 'groupchat', id: 'slix-1', delay: null });
    const stanzaId = atAlice.getChild('stanza-id', 'urn:xmpp:sid:0')?.attrs.id as string | undefined;
    expect(stanzaId).to.be.a('string');
    expect(reflected.stanza_id).to.deep.equal({ id: stanzaId, by: room });

    // xmpp.js → slixmpp: slixmpp's xep_0045 raises groupchat_message for it.
    await alice.send(groupchat(room, 'Hello from xmpp.js', 'js-1'));
    const atBob = await bob.message((message) => message.body === 'Hello from xmpp.js');
    expect(atBob).to.include({ from: `${room}/Alice`, type: 'groupchat', to: bob.jid });
    expect(atBob.stanza_id?.by).to.equal(room);
    expect(atBob.occupant_id).to.be.a('string');
    await bob.pluginEvent('groupchat_message', `${room}/Alice`);
    expect((await alice.receive(isGroupchat(room, 'Hello from xmpp.js'))).attrs.id).to.equal('js-1');

    // §7.4 (Example 50ff.): someone who is not in the room may not speak there.
    const carol = await slixmpp('carol');
    await carol.say(room, 'let me talk');
    const error = await carol.message((message) => message.type === 'error' && message.from === room);
    expect(error.error).to.include({ condition: 'not-acceptable' });
    await bob.ping(room);
    expect(bob.seen.some((seen) => seen.event === 'message' && seen.body === 'let me talk')).to.equal(false);
  });

  it('bob (slixmpp) sets the subject; carol (slixmpp) enters with maxstanzas=2 and gets the last two messages, delayed, then the subject', async () => {
    const room = roomJid('slix-history');
    const alice = await xmppjs('alice');
    await createRoom(alice, room, 'Alice');
    const bob = await slixmpp('bob');
    await bob.join(room, 'Bob');
    for (const body of ['one', 'two']) {
      await alice.send(groupchat(room, body));
      await alice.receive(isGroupchat(room, body));
    }
    await bob.say(room, 'three');
    await alice.receive(isGroupchat(room, 'three'));

    // §8.1: a participant may change the subject (the room's default); everyone gets it, bob's plugin too.
    await bob.setSubject(room, 'Slixmpp was here');
    const subject = await alice.receive((stanza) => isSubject(room)(stanza) && stanza.getChildText('subject') === 'Slixmpp was here');
    expect(subject.attrs.from).to.equal(`${room}/Bob`);
    await bob.pluginEvent('groupchat_subject', `${room}/Bob`);

    // §7.2.13: maxstanzas=2 is the last two messages, each with a delay from the room; §7.2.15 the subject ends it.
    const carol = await slixmpp('carol');
    const entered = await carol.join(room, 'Carol', { maxstanzas: 2 });
    expect(entered.history.map((message) => [message.from, message.body])).to.deep.equal([[`${room}/Alice`, 'two'], [`${room}/Bob`, 'three']]);
    for (const message of entered.history) expect(message.delay?.from).to.equal(room);
    expect(entered.subject).to.include({ from: `${room}/Bob`, subject: 'Slixmpp was here', body: null });
    // §7.2.3: occupants first, each with the real JID (non-anonymous room), then 110 and 100 on her own.
    expect(entered.occupants.map((presence) => presence.from)).to.deep.equal([`${room}/Alice`, `${room}/Bob`, `${room}/Carol`]);
    expect(entered.occupants[1]?.item?.jid).to.equal(bob.jid);
    expect(entered.self.codes).to.include.members([100, 110]);

    // maxstanzas=0: no history at all, the subject all the same.
    const dave = await slixmpp('dave');
    const bare = await dave.join(room, 'Dave', { maxstanzas: 0 });
    expect(bare.history).to.deep.equal([]);
    expect(bare.subject.subject).to.equal('Slixmpp was here');

    // §8.1: once the owner reserves it for moderators, bob's change is refused with forbidden.
    await configure(alice, room, { 'muc#roomconfig_changesubject': '0' });
    await bob.setSubject(room, 'Not allowed');
    const error = await bob.message((message) => message.type === 'error' && message.from === room);
    expect(error.error).to.include({ condition: 'forbidden' });
    await alice.request(ping(room));
    expect(alice.received.some((stanza) => stanza.getChildText('subject') === 'Not allowed')).to.equal(false);
  });

  it('carol (slixmpp) changes her nick, which bob (xmpp.js) and alice (slixmpp) see as 303; private messages go both ways', async () => {
    const room = roomJid('slix-nicks');
    const alice = await slixmpp('alice');
    await alice.join(room, 'Alice');
    await alice.acceptInstantRoom(room);
    const bob = await xmppjs('bob');
    await joinFully(bob, room, 'Bob');
    const carol = await slixmpp('carol');
    await carol.join(room, 'Carol');

    // §7.6.2: unavailable from the old nick with 303 and the new nick, then available from the new one.
    const changed = await carol.changeNick(room, 'Caroline');
    expect(changed.self.codes).to.include(110);
    expect(changed.self.item).to.include({ nick: null, role: 'participant' });
    const ownOld = await carol.presence(presenceOf(`${room}/Carol`, 'unavailable'));
    expect(ownOld.codes).to.include.members([110, 303]);
    expect(ownOld.item?.nick).to.equal('Caroline');
    const atAlice = await alice.presence(presenceOf(`${room}/Carol`, 'unavailable'));
    expect(atAlice.codes).to.deep.equal([303]);
    expect(atAlice.item).to.include({ nick: 'Caroline', jid: carol.jid });
    await alice.presence(presenceOf(`${room}/Caroline`));
    const atBob = await bob.receive(isPresenceFrom(`${room}/Carol`, 'unavailable'));
    expect(statusCodes(atBob)).to.deep.equal([303]);
    expect(mucItem(atBob).nick).to.equal('Caroline');
    await bob.receive(isPresenceFrom(`${room}/Caroline`));

    // §7.6.3: a nick in use is a conflict.
    expect(await refusal(carol.changeNick(room, 'Bob'))).to.include({ condition: 'conflict' });

    // §7.5: xmpp.js → slixmpp and back, each from the sender's occupant JID.
    await bob.send(xml('message', { to: `${room}/Caroline`, type: 'chat' }, xml('body', {}, 'psst'), xml('x', { xmlns: MUC_USER })));
    const whisper = await carol.message((message) => message.body === 'psst');
    expect(whisper).to.include({ from: `${room}/Bob`, type: 'chat', to: carol.jid });
    await carol.privateMessage(`${room}/Bob`, 'psst back');
    const answer = await bob.receive((stanza) => stanza.is('message') && stanza.getChildText('body') === 'psst back');
    expect(answer.attrs).to.include({ from: `${room}/Caroline`, type: 'chat' });
    expect(alice.seen.some((seen) => seen.event === 'message' && (seen.body === 'psst' || seen.body === 'psst back'))).to.equal(false);

    // §7.5: no one by that nick here.
    await carol.privateMessage(`${room}/Nobody`, 'hello?');
    const error = await carol.message((message) => message.type === 'error' && message.from === `${room}/Nobody`);
    expect(error.error).to.include({ condition: 'item-not-found' });
  });

  // XEP-0045 §7.6.2: the user changing nick gets one available presence from the new nick, her own with 110.
  it('carol (slixmpp) changing her nick gets one presence from the new nick: her own, with 110', async () => {
    const room = roomJid('slix-renamed');
    const alice = await xmppjs('alice');
    await createRoom(alice, room, 'Alice');
    const carol = await slixmpp('carol');
    await carol.join(room, 'Carol');
    await carol.changeNick(room, 'Caroline');
    await alice.receive(isPresenceFrom(`${room}/Caroline`));
    await carol.ping(room);
    const fromNewNick = carol.seen.filter((seen): seen is PresenceSeen => seen.event === 'presence' && seen.from === `${room}/Caroline`);
    expect(fromNewNick.map((presence) => presence.codes)).to.deep.equal([[110]]);
    const fromOldNick = carol.seen.filter((seen): seen is PresenceSeen => seen.event === 'presence' && seen.from === `${room}/Carol`);
    expect(fromOldNick.map((presence) => presence.type)).to.deep.equal(['available', 'unavailable']);
  });

  it('alice (slixmpp, moderator) kicks bob (xmpp.js) and bans carol (slixmpp), who may not come back', async () => {
    const room = roomJid('slix-bouncer');
    const alice = await slixmpp('alice');
    await alice.join(room, 'Alice');
    await alice.acceptInstantRoom(room);
    const bob = await xmppjs('bob');
    await joinFully(bob, room, 'Bob');
    const carol = await slixmpp('carol');
    await carol.join(room, 'Carol');

    // §8.2: role none by nick, with a reason; 307, and 110 for bob himself.
    await alice.setRole(room, 'Bob', 'none', 'Too loud');
    const kicked = await bob.receive((stanza) => isPresenceFrom(`${room}/Bob`, 'unavailable')(stanza) && statusCodes(stanza).includes(110));
    expect(statusCodes(kicked)).to.include(307);
    expect(mucItem(kicked)).to.include({ role: 'none', affiliation: 'none' });
    expect(kicked.getChild('x', MUC_USER)?.getChild('item')?.getChildText('reason')).to.equal('Too loud');
    const kickSeen = await carol.presence(presenceOf(`${room}/Bob`, 'unavailable'));
    expect(kickSeen.codes).to.deep.equal([307]);
    expect(kickSeen.item).to.include({ role: 'none', reason: 'Too loud' });

    // §9.1: outcast by bare JID; 301 for carol, who is removed.
    await alice.setAffiliation(room, 'outcast', { jid: `carol@${DOMAIN}` }, 'Spamming');
    const banned = await carol.presence(presenceOf(`${room}/Carol`, 'unavailable'));
    expect(banned.codes).to.include.members([110, 301]);
    expect(banned.item).to.include({ affiliation: 'outcast', role: 'none', reason: 'Spamming' });
    const banSeen = await alice.presence(presenceOf(`${room}/Carol`, 'unavailable'));
    expect(banSeen.codes).to.deep.equal([301]);
    expect(await alice.affiliationList(room, 'outcast')).to.deep.equal([`carol@${DOMAIN}`]);

    // §7.2.7: a banned user is refused with forbidden; a kicked one may come back.
    expect(await refusal(carol.join(room, 'Carol'))).to.include({ condition: 'forbidden', type: 'auth' });
    await joinFully(bob, room, 'Bob');

    // §8.2: a participant may not kick.
    const refused = await bob.request(xml('iq', { type: 'set', to: room }, xml('query', { xmlns: 'http://jabber.org/protocol/muc#admin' },
      xml('item', { nick: 'Alice', role: 'none' })))).then(() => 'accepted', (error: unknown) => (error as { condition?: string }).condition);
    expect(refused).to.equal('forbidden');
  });

  it('in a moderated room bob (slixmpp) is a visitor, asks for voice, and alice (slixmpp, moderator) grants it; carol (xmpp.js) hears him', async () => {
    const room = roomJid('slix-moderated');
    const alice = await slixmpp('alice');
    await alice.join(room, 'Alice');
    await alice.configure(room, { 'muc#roomconfig_moderatedroom': true });
    const bob = await slixmpp('bob');
    const entered = await bob.join(room, 'Bob');
    expect(entered.self.item).to.include({ role: 'visitor', affiliation: 'none' });
    const carol = await xmppjs('carol');
    await joinFully(carol, room, 'Carol');

    // §7.4: a visitor's message is refused with forbidden and reaches no one.
    await bob.say(room, 'can anyone hear me?');
    const error = await bob.message((message) => message.type === 'error' && message.from === room);
    expect(error.error).to.include({ condition: 'forbidden' });

    // §7.13: slixmpp's request_voice; §8.6 the moderator gets the muc#request form with who asks.
    await bob.requestVoice(room);
    const request = await alice.message((message) => message.from === room && message.form !== null);
    const fields = Object.fromEntries(request.form?.fields.map((field) => [field.var, field.value]) ?? []);
    expect(fields).to.deep.include({ FORM_TYPE: ['http://jabber.org/protocol/muc#request'], 'muc#role': 'participant', 'muc#jid': bob.jid, 'muc#roomnick': 'Bob' });

    // §8.3: voice is the participant role; everyone sees the new role, bob with 110.
    await alice.setRole(room, 'Bob', 'participant', 'Go ahead');
    const voiced = await bob.presence((presence) => presenceOf(`${room}/Bob`)(presence) && presence.item?.role === 'participant');
    expect(voiced.codes).to.include(110);
    await carol.receive((stanza) => isPresenceFrom(`${room}/Bob`)(stanza) && mucItem(stanza).role === 'participant');
    expect(await alice.roleList(room, 'participant')).to.deep.equal(['Bob']);
    expect(await alice.roleList(room, 'visitor')).to.deep.equal(['Carol']);
    expect(await alice.roleList(room, 'moderator')).to.deep.equal(['Alice']);

    await bob.say(room, 'now I have a voice');
    await carol.receive(isGroupchat(room, 'now I have a voice'));
    expect(carol.received.some((stanza) => stanza.getChildText('body') === 'can anyone hear me?')).to.equal(false);

    // §8.4: and it can be taken away again.
    await alice.setRole(room, 'Bob', 'visitor');
    await carol.receive((stanza) => isPresenceFrom(`${room}/Bob`)(stanza) && mucItem(stanza).role === 'visitor');
  });

  it('alice (slixmpp) edits the member and admin lists; a members-only room lets dave (xmpp.js) in once he is a member and drops bob (slixmpp) when he is not', async () => {
    const room = roomJid('slix-members');
    const alice = await slixmpp('alice');
    await alice.join(room, 'Alice');
    await alice.acceptInstantRoom(room);

    // §9.5 / §10.5: one delta list with two items, then each list on its own.
    await alice.sendAffiliationList(room, [[`bob@${DOMAIN}`, 'member'], [`carol@${DOMAIN}`, 'admin']]);
    expect(await alice.affiliationList(room, 'member')).to.deep.equal([`bob@${DOMAIN}`]);
    expect(await alice.affiliationList(room, 'admin')).to.deep.equal([`carol@${DOMAIN}`]);
    expect(await alice.affiliationList(room, 'owner')).to.deep.equal([`alice@${DOMAIN}`]);
    expect(await alice.affiliationList(room, 'outcast')).to.deep.equal([]);

    const bob = await slixmpp('bob');
    expect((await bob.join(room, 'Bob')).self.item).to.include({ affiliation: 'member', role: 'participant' });

    // §7.2.6: members-only keeps dave out until he is a member (§9.3), which he sees on entering.
    await alice.configure(room, { 'muc#roomconfig_membersonly': true });
    const dave = await xmppjs('dave');
    await dave.send(joinPresence(room, 'Dave'));
    const refused = await dave.receive((stanza) => stanza.is('presence') && stanza.attrs.type === 'error' && stanza.attrs.from === `${room}/Dave`);
    expect(errorConditionOf(refused)).to.equal('registration-required');
    await alice.setAffiliation(room, 'member', { jid: `dave@${DOMAIN}` });
    expect(mucItem(await join(dave, room, 'Dave'))).to.include({ affiliation: 'member' });
    expect(await alice.affiliationList(room, 'member')).to.deep.equal([`bob@${DOMAIN}`, `dave@${DOMAIN}`]);

    // §9.4: taking bob's membership in a members-only room removes him with 321.
    await alice.setAffiliation(room, 'none', { jid: `bob@${DOMAIN}` });
    const removed = await bob.presence(presenceOf(`${room}/Bob`, 'unavailable'));
    expect(removed.codes).to.include.members([110, 321]);
    expect(removed.item).to.include({ affiliation: 'none', role: 'none' });
    const seen = await dave.receive(isPresenceFrom(`${room}/Bob`, 'unavailable'));
    expect(statusCodes(seen)).to.include(321);
    expect(await alice.affiliationList(room, 'member')).to.deep.equal([`dave@${DOMAIN}`]);

    // §9.3: only admins and owners may edit the lists (bob, now nobody, is refused).
    expect(await refusal(bob.setAffiliation(room, 'member', { jid: `bob@${DOMAIN}` }))).to.include({ condition: 'forbidden' });
  });

  it('invitations: mediated ones through the room both ways between slixmpp and xmpp.js, a decline, and XEP-0249 direct ones routed as they are', async () => {
    const room = roomJid('slix-party');
    const alice = await slixmpp('alice');
    await alice.join(room, 'Alice');
    await alice.acceptInstantRoom(room);

    // §7.8.2: slixmpp's invite() → the room → bob (xmpp.js), from alice's JID, with the reason.
    const bob = await xmppjsOnline('bob');
    await alice.invite(room, `bob@${DOMAIN}`, 'Join us');
    const invitation = await bob.receive(isMessageFrom(room, (stanza) => stanza.getChild('x', MUC_USER)?.getChild('invite') !== undefined));
    const invite = invitation.getChild('x', MUC_USER)?.getChild('invite');
    expect(String(invite?.attrs.from)).to.match(new RegExp(`^alice@${DOMAIN}(/slix)?$`));
    expect(invite?.getChildText('reason')).to.equal('Join us');

    // §7.8.3: bob declines; the room tells alice (slixmpp), from bob's bare JID.
    await bob.send(xml('message', { to: room }, xml('x', { xmlns: MUC_USER }, xml('decline', { to: `alice@${DOMAIN}` }, xml('reason', {}, 'Busy')))));
    const declined = await alice.message((message) => message.from === room && message.decline !== null);
    expect(declined.decline).to.include({ from: `bob@${DOMAIN}`, reason: 'Busy' });
    await alice.pluginEvent('groupchat_decline', room);

    // The other way: bob enters and invites carol (slixmpp); her xep_0045 raises groupchat_invite.
    await joinFully(bob, room, 'Bob');
    const carol = await slixmpp('carol');
    await bob.send(xml('message', { to: room }, xml('x', { xmlns: MUC_USER }, xml('invite', { to: `carol@${DOMAIN}` }, xml('reason', {}, 'You too')))));
    await carol.pluginEvent('groupchat_invite', room);
    const atCarol = await carol.message((message) => message.from === room && message.invite !== null);
    expect(atCarol.invite).to.include({ reason: 'You too' });
    expect(String(atCarol.invite?.from)).to.match(new RegExp(`^bob@${DOMAIN}(/desk)?$`));
    const entered = await carol.join(room, 'Carol');
    expect(entered.roster).to.deep.equal(['Alice', 'Bob', 'Carol']);

    // XEP-0249: slixmpp's send_invitation goes straight to dave (xmpp.js), from alice's full JID.
    const dave = await xmppjsOnline('dave');
    await alice.directInvite(`dave@${DOMAIN}`, room, 'Come over');
    const direct = await dave.receive(isMessageFrom(alice.jid, (stanza) => stanza.getChild('x', 'jabber:x:conference') !== undefined));
    expect(direct.getChild('x', 'jabber:x:conference')?.attrs).to.include({ jid: room, reason: 'Come over' });
    // And dave's, sent with xmpp.js, reaches bob's slixmpp client, whose xep_0249 raises groupchat_direct_invite.
    const bobSlix = await slixmpp('bob');
    await dave.send(xml('message', { to: `bob@${DOMAIN}` }, xml('x', { xmlns: 'jabber:x:conference', jid: room, reason: 'Over here' })));
    await bobSlix.pluginEvent('groupchat_direct_invite', dave.jid);
    const atBobSlix = await bobSlix.message((message) => message.from === dave.jid);
    expect(atBobSlix.direct_invite).to.include({ jid: room, reason: 'Over here' });
  });

  it('carol (slixmpp) pages through the room archive with xep_0313 and RSM: every message in order, from the occupant JIDs', async () => {
    const room = roomJid('slix-archive');
    const alice = await xmppjs('alice');
    await createRoom(alice, room, 'Alice');
    const bob = await slixmpp('bob');
    await bob.join(room, 'Bob');
    const bodies = ['one', 'two', 'three', 'four', 'five'];
    for (const [index, body] of bodies.entries()) {
      if (index % 2 === 0) await alice.send(groupchat(room, body));
      else await bob.say(room, body);
      await alice.receive(isGroupchat(room, body));
    }
    const live = await Promise.all(bodies.map((body) => bob.message((message) => message.body === body && message.type === 'groupchat')));

    // The room announces MAM (XEP-0313 §6.1.1 / §8 for MUC).
    const carol = await slixmpp('carol');
    expect((await carol.discoInfo(room)).features).to.include('urn:xmpp:mam:2');

    // Pages of two, oldest first, until the server says complete; archive ids are the live stanza-ids.
    const pages = await carol.archive(room, 2);
    expect(pages.map((page) => page.messages.map((message) => message.body))).to.deep.equal([['one', 'two'], ['three', 'four'], ['five']]);
    const archived = pages.flatMap((page) => page.messages);
    expect(archived.map((message) => message.from)).to.deep.equal([`${room}/Alice`, `${room}/Bob`, `${room}/Alice`, `${room}/Bob`, `${room}/Alice`]);
    expect(archived.map((message) => message.id)).to.deep.equal(live.map((message) => message.stanza_id?.id));
    for (const message of archived) expect(message.type).to.equal('groupchat');
    expect(pages.map((page) => page.complete)).to.deep.equal([false, false, true]);
    expect(pages[0]).to.include({ first: archived[0]?.id, last: archived[1]?.id, count: '5' });

    // Backwards (RSM <before/>): the newest two first.
    const backwards = await carol.archive(room, 2, true);
    expect(backwards[0]?.messages.map((message) => message.body)).to.deep.equal(['four', 'five']);
  });

  // XEP-0059 §2.2: <count/> is the size of the whole result set, the same on every page.
  it('every page of the room archive carries the count of the whole result set, whichever way carol (slixmpp) pages', async () => {
    const room = roomJid('slix-counted');
    const alice = await xmppjs('alice');
    await createRoom(alice, room, 'Alice');
    for (const body of ['one', 'two', 'three', 'four', 'five']) {
      await alice.send(groupchat(room, body));
      await alice.receive(isGroupchat(room, body));
    }
    const carol = await slixmpp('carol');
    expect((await carol.archive(room, 2)).map((page) => page.count)).to.deep.equal(['5', '5', '5']);
    // Backwards, the first page is messages 4–5 of 5: index 3. (slixmpp 1.8's iterator then stops,
    // because it takes index + items = count to mean the end whichever way it pages.)
    const backwards = await carol.archive(room, 2, true);
    expect(backwards[0]).to.include({ count: '5', first_index: '3' });
  });

  it('bob (slixmpp) searches the public rooms with xep_0055: the form, then alice\'s room with its details', async () => {
    const room = roomJid('slix-search');
    const alice = await xmppjs('alice');
    await createRoom(alice, room, 'Alice', { 'muc#roomconfig_roomname': 'Blasted Heath', 'muc#roomconfig_roomdesc': 'where the witches meet' });
    const bob = await slixmpp('bob');
    const search = await bob.searchRooms('conference.localhost', { name: 'blasted' });
    expect(search.offered.fields.map((field) => field.var)).to.include.members(['FORM_TYPE', 'name', 'subject', 'num_users']);
    expect(search.type).to.equal('result');
    expect(search.reported).to.include.members(['jid', 'name', 'description', 'num_users']);
    expect(search.items).to.have.length(1);
    expect(search.items[0]).to.include({ jid: room, name: 'Blasted Heath', description: 'where the witches meet', num_users: '1' });
    expect((await bob.searchRooms('conference.localhost', { name: 'nowhere' })).items).to.deep.equal([]);
  });

  it('bob (slixmpp) self-pings his occupant JID (XEP-0410): answered while he is in the room, not-acceptable once he has left', async () => {
    const room = roomJid('slix-selfping');
    const alice = await xmppjs('alice');
    await createRoom(alice, room, 'Alice');
    const bob = await slixmpp('bob');
    await bob.join(room, 'Bob');
    expect((await bob.discoInfo(room)).features).to.include('http://jabber.org/protocol/muc#self-ping-optimization');

    // XEP-0410 §3: a result means "still joined".
    expect(await bob.ping(`${room}/Bob`)).to.include({ from: `${room}/Bob`, type: 'result' });

    // He leaves (slixmpp's leave_muc, with a status): alice sees it, he gets his own with 110.
    const left = await bob.leave(room, 'Bob', 'off to bed');
    expect(left.self.codes).to.include(110);
    const seen = await alice.receive(isPresenceFrom(`${room}/Bob`, 'unavailable'));
    expect(seen.getChildText('status')).to.equal('off to bed');

    // XEP-0410 §3: not joined → not-acceptable.
    expect(await refusal(bob.ping(`${room}/Bob`))).to.include({ condition: 'not-acceptable', from: `${room}/Bob` });
  });

  it('alice (slixmpp) destroys the room with a reason and an alternate venue; bob (slixmpp) and carol (xmpp.js) are told, and the room is gone', async () => {
    const room = roomJid('slix-doomed');
    const venue = roomJid('slix-newhome');
    const alice = await slixmpp('alice');
    await alice.join(room, 'Alice');
    await alice.acceptInstantRoom(room);
    const bob = await slixmpp('bob');
    await bob.join(room, 'Bob');
    const carol = await xmppjs('carol');
    await joinFully(carol, room, 'Carol');

    // §10.9: only an owner may destroy.
    expect(await refusal(bob.destroy(room, 'mine now'))).to.include({ condition: 'forbidden' });

    await alice.destroy(room, 'Moving on', venue);
    const atBob = await bob.presence(presenceOf(`${room}/Bob`, 'unavailable'));
    expect(atBob.destroy).to.deep.equal({ jid: venue, reason: 'Moving on' });
    expect(atBob.item).to.include({ affiliation: 'none', role: 'none' });
    const atCarol = await carol.receive(isPresenceFrom(`${room}/Carol`, 'unavailable'));
    const destroy = atCarol.getChild('x', MUC_USER)?.getChild('destroy');
    expect(destroy?.attrs.jid).to.equal(venue);
    expect(destroy?.getChildText('reason')).to.equal('Moving on');
    expect((await alice.presence(presenceOf(`${room}/Alice`, 'unavailable'))).destroy?.jid).to.equal(venue);

    // The room no longer exists: entering creates a new one.
    await node().server.muc?.settled();
    expect((await bob.join(room, 'Bob')).self.codes).to.include(201);
  });
});
