// XEP-0045 §6.4 querying for room information (identity, muc_* features, the muc#roominfo form)
// and §6.5 room items.
import { expect } from 'chai';
import { roomName } from '../../../../src/xep0045-muc/room/room-disco.js';
import { SubmittedForm } from '../../../../src/xmpp/data-form.js';
import { xml, type Element } from '../../../../src/xmpp/element.js';
import { NS } from '../../../../src/xmpp/namespaces.js';
import { ROOM, TestRoom, iqIn, makeRoom } from '../../../helpers/room-fixtures.js';

function discoInfo(room: TestRoom, who = 'hag66', node?: string): Element | undefined {
  return room.send(iqIn(who, 'get', xml('query', { xmlns: NS.discoInfo, node }))).result?.getChild('query', NS.discoInfo);
}

function features(query: Element | undefined): string[] {
  return (query?.getChildren('feature') ?? []).map((feature) => feature.attrs.var as string);
}

describe('querying for room information (XEP-0045 §6.4)', () => {
  it('the room returns a conference/text identity named after the room', () => {
    const query = discoInfo(new TestRoom({ config: { name: 'A Dark Cave' } }));
    expect(query?.getChild('identity')?.attrs).to.include({ category: 'conference', type: 'text', name: 'A Dark Cave' });
  });

  it('a room without a name is named by its local part', () => {
    expect(roomName(makeRoom())).to.equal('lounge');
    expect(discoInfo(new TestRoom())?.getChild('identity')?.attrs.name).to.equal('lounge');
  });

  it('the features every room has: MUC, stable ids, occupant ids, stanza ids, registration, voice requests, self-ping', () => {
    expect(features(discoInfo(new TestRoom()))).to.include.members([
      NS.muc, NS.mucStableId, NS.occupantId, NS.stanzaId, NS.register, NS.mucRequest,
      'http://jabber.org/protocol/muc#self-ping-optimization', NS.discoInfo, NS.mam,
    ]);
  });

  const pairs: [string, Parameters<typeof makeRoom>[0] & object, string, string][] = [
    ['password', { config: { isPasswordProtected: true, password: 'x' } }, 'muc_passwordprotected', 'muc_unsecured'],
    ['listing', { config: { isPublic: false } }, 'muc_hidden', 'muc_public'],
    ['persistence', { config: { isPersistent: false } }, 'muc_temporary', 'muc_persistent'],
    ['membership', { config: { isMembersOnly: true } }, 'muc_membersonly', 'muc_open'],
    ['moderation', { config: { isModerated: true } }, 'muc_moderated', 'muc_unmoderated'],
    ['anonymity', { config: { whois: 'anyone' } }, 'muc_nonanonymous', 'muc_semianonymous'],
  ];
  for (const [what, setup, on, off] of pairs) {
    it(`${what}: ${on} when configured so, ${off} otherwise, never both`, () => {
      const configured = features(discoInfo(new TestRoom(setup)));
      expect(configured).to.include(on);
      expect(configured).to.not.include(off);
      const plain = features(discoInfo(new TestRoom()));
      expect(plain).to.include(off);
      expect(plain).to.not.include(on);
    });
  }

  it('features are listed once each, sorted', () => {
    const list = features(discoInfo(new TestRoom()));
    expect(list).to.deep.equal([...new Set(list)].sort());
  });

  it('the muc#roominfo form: description, language, subject, whether occupants may change it, occupants, name and history size', () => {
    const room = new TestRoom({
      config: { name: 'A Dark Cave', description: 'The place for all good witches!', language: 'en', historyLength: 50, canParticipantsChangeSubject: false },
      subject: { text: 'Spells', at: new Date() },
    }).enterAll({ alice: 'Alice', bob: 'Bob' });
    const form = SubmittedForm.from(discoInfo(room)!)!;
    expect(form.type).to.equal('result');
    expect(form.formType).to.equal(NS.mucRoomInfo);
    expect(form.text('muc#roominfo_description')).to.equal('The place for all good witches!');
    expect(form.text('muc#roominfo_lang')).to.equal('en');
    expect(form.text('muc#roominfo_subject')).to.equal('Spells');
    expect(form.boolean('muc#roominfo_subjectmod')).to.equal(false);
    expect(form.text('muc#roominfo_occupants')).to.equal('2');
    expect(form.text('muc#roomconfig_roomname')).to.equal('A Dark Cave');
    expect(form.text('muc#maxhistoryfetch')).to.equal('50');
  });

  it('the FORM_TYPE field comes first in the form (XEP-0068)', () => {
    const x = discoInfo(new TestRoom())!.getChild('x', NS.dataForms)!;
    expect(x.getChildren('field')[0]?.attrs.var).to.equal('FORM_TYPE');
  });

  it('a locked room is item-not-found to everyone but its owner', () => {
    const room = new TestRoom({ isLocked: true, affiliations: { alice: 'owner' } });
    expect(room.send(iqIn('hag66', 'get', xml('query', { xmlns: NS.discoInfo }))).error).to.equal('item-not-found');
    expect(discoInfo(room, 'alice')).to.not.equal(undefined);
  });

  it('a node other than x-roomuser-item is item-not-found', () => {
    const room = new TestRoom();
    expect(room.send(iqIn('hag66', 'get', xml('query', { xmlns: NS.discoInfo, node: 'http://jabber.org/protocol/muc#traffic' }))).error).to.equal('item-not-found');
  });

  it('the answer comes from the room JID', () => {
    const result = new TestRoom().send(iqIn('hag66', 'get', xml('query', { xmlns: NS.discoInfo }))).result!;
    expect(result.attrs.from).to.equal(ROOM);
  });

  // XEP-0313 §7 (support): "If a server or other entity hosts archives and supports MAM queries,
  // it MUST advertise the 'urn:xmpp:mam:2' and 'urn:xmpp:mam:2#extended' features", and §4.1.1
  // "Servers supporting fields marked with an asterisk (*) [before-id, after-id, ids] MUST advertise
  // the disco feature 'urn:xmpp:mam:2#extended'". Room archives take before-id and after-id.
  it('a room that supports MAM queries with before-id and after-id advertises urn:xmpp:mam:2#extended (XEP-0313 §7)', () => {
    expect(features(discoInfo(new TestRoom()))).to.include('urn:xmpp:mam:2#extended');
  });
});

describe('querying for room items (XEP-0045 §6.5)', () => {
  it('the occupant list is private: an empty disco#items query', () => {
    const room = new TestRoom().enterAll({ alice: 'Alice', bob: 'Bob' });
    const result = room.send(iqIn('hag66', 'get', xml('query', { xmlns: NS.discoItems }))).result!;
    const query = result.getChild('query', NS.discoItems)!;
    expect(query.children).to.deep.equal([]);
  });

  it('the node asked for is kept on the answer', () => {
    const room = new TestRoom();
    const query = room.send(iqIn('hag66', 'get', xml('query', { xmlns: NS.discoItems, node: 'x' }))).result!.getChild('query', NS.discoItems)!;
    expect(query.attrs.node).to.equal('x');
  });
});
