// XEP-0055 room search on the MUC service: the form, reading a submitted search, matching, and
// the result form with XEP-0059 paging.
import { expect } from 'chai';
import { findRooms, parseRoomSearch, searchForm, searchResult, type DirectoryRoom, type RoomSearch } from '../../../src/xep0045-muc/room-search.js';
import { xml, type Element } from '../../../src/xmpp/element.js';
import { NS } from '../../../src/xmpp/namespaces.js';
import { SubmittedForm } from '../../../src/xmpp/data-form.js';
import { formItems } from '../../helpers/muc.js';

function room(local: string, overrides: Partial<DirectoryRoom> = {}): DirectoryRoom {
  return {
    jid: `${local}@conference.example.org`, name: local, description: '', subject: '', occupants: 0, maxOccupants: 30,
    isPasswordProtected: false, isMembersOnly: false, ...overrides,
  };
}

const ROOMS: DirectoryRoom[] = [
  room('coven', { name: 'A Dark Cave', subject: 'Fire burn and cauldron bubble', occupants: 3 }),
  room('heath', { name: 'A Lonely Heath', occupants: 7, maxOccupants: 100 }),
  room('forres', { name: 'Forres', isPasswordProtected: true, occupants: 1 }),
  room('abbey', { name: 'abbey', isMembersOnly: true }),
];

function submitted(fields: Record<string, string | string[]>, formType: string = NS.search): Element {
  return xml('query', { xmlns: NS.search },
    xml('x', { xmlns: NS.dataForms, type: 'submit' },
      xml('field', { var: 'FORM_TYPE' }, xml('value', {}, formType)),
      ...Object.entries(fields).map(([name, value]) => xml('field', { var: name }, ...[value].flat().map((text) => xml('value', {}, text))))));
}

function search(fields: Record<string, string | string[]>): RoomSearch {
  const parsed = parseRoomSearch(submitted(fields));
  if ('condition' in parsed) throw new Error(`refused: ${parsed.text ?? parsed.condition}`);
  return parsed;
}

const found = (fields: Record<string, string | string[]>): string[] => findRooms(ROOMS, search(fields)).map((entry) => entry.jid.split('@')[0]!);

describe('XEP-0055 room search on the MUC service', () => {
  it('a get is answered with instructions and a form of the fields it searches by', () => {
    const query = searchForm();
    expect(query.attrs.xmlns).to.equal(NS.search);
    expect(query.getChildText('instructions')).to.be.a('string').and.not.equal('');
    const form = query.getChild('x', NS.dataForms)!;
    expect(form.attrs.type).to.equal('form');
    const fields = form.getChildren('field').map((field) => String(field.attrs.var));
    expect(fields).to.deep.equal(['FORM_TYPE', 'name', 'name_is_exact_match', 'subject', 'num_users', 'num_max_users', 'include_password_protected']);
    expect(SubmittedForm.from(query)?.formType).to.equal(NS.search);
  });

  it('an empty search finds every public room, in address order', () => {
    expect(found({})).to.deep.equal(['abbey', 'coven', 'forres', 'heath']);
  });

  it('by name: part of the name or of the room\'s address, in any case; any of several names', () => {
    expect(found({ name: 'lonely' })).to.deep.equal(['heath']);
    expect(found({ name: 'COVEN' })).to.deep.equal(['coven']);
    expect(found({ name: ['cave', 'forres'] })).to.deep.equal(['coven', 'forres']);
    expect(found({ name: '   ' })).to.have.length(4);
  });

  it('by exact name: the whole name or local part, ignoring case', () => {
    expect(found({ name: 'a dark cave', name_is_exact_match: '1' })).to.deep.equal(['coven']);
    expect(found({ name: 'dark', name_is_exact_match: 'true' })).to.deep.equal([]);
    expect(found({ name: 'dark', name_is_exact_match: '0' })).to.deep.equal(['coven']);
  });

  it('by subject, occupants and capacity: every criterion given must hold', () => {
    expect(found({ subject: 'cauldron' })).to.deep.equal(['coven']);
    expect(found({ num_users: '3' })).to.deep.equal(['coven', 'heath']);
    expect(found({ num_max_users: '50' })).to.deep.equal(['heath']);
    expect(found({ num_users: '3', name: 'cave' })).to.deep.equal(['coven']);
    expect(found({ num_users: '3', subject: 'heath' })).to.deep.equal([]);
  });

  it('password-protected rooms are left out when asked', () => {
    expect(found({ include_password_protected: '0' })).to.not.include('forres');
    expect(found({ include_password_protected: '1' })).to.include('forres');
  });

  it('fields sent back empty, as a client echoing the whole form does, are not criteria', () => {
    expect(found({ name: [], name_is_exact_match: [], subject: '', num_users: [], num_max_users: '', include_password_protected: [] }))
      .to.deep.equal(['abbey', 'coven', 'forres', 'heath']);
  });

  it('refuses with bad-request: no form, another FORM_TYPE, a number or boolean that is not one', () => {
    expect(parseRoomSearch(xml('query', { xmlns: NS.search }, xml('nick', {}, 'Thane')))).to.deep.include({ condition: 'bad-request' });
    expect(parseRoomSearch(submitted({}, 'urn:xmpp:mam:2'))).to.deep.include({ condition: 'bad-request' });
    expect(parseRoomSearch(submitted({ num_users: 'some' }))).to.deep.include({ condition: 'bad-request' });
    expect(parseRoomSearch(submitted({ num_max_users: '-2' }))).to.deep.include({ condition: 'bad-request' });
    expect(parseRoomSearch(submitted({ name_is_exact_match: 'maybe' }))).to.deep.include({ condition: 'bad-request' });
    const cancelled = xml('query', { xmlns: NS.search }, xml('x', { xmlns: NS.dataForms, type: 'cancel' }));
    expect(parseRoomSearch(cancelled)).to.deep.include({ condition: 'bad-request' });
  });

  it('the result is a form: reported fields, then one item per room with its values', () => {
    const result = searchResult(findRooms(ROOMS, search({ name: 'cave' })), submitted({})) as Element;
    const form = result.getChild('x', NS.dataForms)!;
    expect(form.attrs.type).to.equal('result');
    // XEP-0004 §3.4: nothing at the top of a result with items but <reported/> and the <item/>s.
    expect(form.getChildElements().map((child) => child.name)).to.deep.equal(['reported', 'item']);
    const reported = form.getChild('reported')!.getChildren('field').map((field) => String(field.attrs.var));
    expect(reported).to.deep.equal(['jid', 'name', 'description', 'subject', 'num_users', 'num_max_users', 'is_password_protected', 'is_member_only']);
    expect(formItems(result)).to.deep.equal([{
      jid: 'coven@conference.example.org', name: 'A Dark Cave', description: '', subject: 'Fire burn and cauldron bubble',
      num_users: '3', num_max_users: '30', is_password_protected: '0', is_member_only: '0',
    }]);
    expect(result.getChild('set', NS.rsm)).to.equal(undefined);
  });

  it('with XEP-0059: pages of the result set by room address, and an unknown address is item-not-found', () => {
    const all = findRooms(ROOMS, search({}));
    const first = searchResult(all, xml('query', {}, xml('set', { xmlns: NS.rsm }, xml('max', {}, '2')))) as Element;
    const jids = (query: Element): (string | null | undefined)[] => formItems(query).map((item) => item.jid);
    expect(jids(first)).to.deep.equal(['abbey@conference.example.org', 'coven@conference.example.org']);
    const set = first.getChild('set', NS.rsm)!;
    expect(set.getChildText('count')).to.equal('4');
    const second = searchResult(all, xml('query', {}, xml('set', { xmlns: NS.rsm }, xml('max', {}, '2'), xml('after', {}, set.getChildText('last'))))) as Element;
    expect(jids(second)).to.deep.equal(['forres@conference.example.org', 'heath@conference.example.org']);
  });

  it('pages stay put while rooms fill and empty, and a room gone since the last page still marks the place', () => {
    const rsm = (after: string): Element => xml('query', {}, xml('set', { xmlns: NS.rsm }, xml('max', {}, '1'), xml('after', {}, after)));
    const busier = ROOMS.map((entry) => (entry.jid.startsWith('abbey') ? { ...entry, occupants: 50 } : entry));
    const next = searchResult(findRooms(busier, search({})), rsm('coven@conference.example.org')) as Element;
    expect(formItems(next).map((item) => item.jid)).to.deep.equal(['forres@conference.example.org']);
    const withoutCoven = findRooms(ROOMS.filter((entry) => !entry.jid.startsWith('coven')), search({}));
    expect(formItems(searchResult(withoutCoven, rsm('coven@conference.example.org')) as Element).map((item) => item.jid)).to.deep.equal(['forres@conference.example.org']);
  });

  it('XEP-0059 §2.7: nothing found is the plain empty result, without a <set/>, whatever the page asked for', () => {
    for (const set of [[xml('max', {}, '10')], [xml('after', {}, 'coven@conference.example.org')], [xml('before')]]) {
      const result = searchResult([], xml('query', {}, xml('set', { xmlns: NS.rsm }, ...set))) as Element;
      expect(result.getChild('set', NS.rsm)).to.equal(undefined);
      expect(formItems(result)).to.deep.equal([]);
      expect(result.getChild('x', NS.dataForms)?.getChild('reported')).to.not.equal(undefined);
    }
  });
});
