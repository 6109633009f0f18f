// The service's own address (XEP-0045 §6.1–6.3, §10.1.4): disco#info, the public rooms as
// disco#items with XEP-0059 paging, and a unique room name.
import { expect } from 'chai';
import { serviceDiscoInfo, serviceDiscoItems, uniqueRoomName, type ListedRoom } from '../../../src/xep0045-muc/service-disco.js';
import { xml, type Element } from '../../../src/xmpp/element.js';
import { NS } from '../../../src/xmpp/namespaces.js';
import { attr } from '../../helpers/room-fixtures.js';

const ROOMS: ListedRoom[] = [
  { jid: 'coven@conference.example.org', name: 'A Dark Cave' },
  { jid: 'abbey@conference.example.org', name: 'Abbey' },
  { jid: 'heath@conference.example.org', name: 'A Lonely Heath' },
  { jid: 'forres@conference.example.org', name: 'Forres' },
];

function items(rsm?: Element[]): Element {
  const result = serviceDiscoItems(ROOMS, xml('query', { xmlns: NS.discoItems }, rsm === undefined ? undefined : xml('set', { xmlns: NS.rsm }, ...rsm)));
  if (!(result instanceof Object) || 'condition' in result) throw new Error('refused');
  return result;
}
const jids = (query: Element) => query.getChildren('item').map((item) => item.attrs.jid as string);
const set = (query: Element) => query.getChild('set', NS.rsm)!;

describe('the MUC service\'s own address (XEP-0045 §6)', () => {
  it('§6.1–6.2 disco#info: a conference/text identity and the MUC features', () => {
    const query = serviceDiscoInfo('Chatrooms');
    expect(query.getChild('identity')?.attrs).to.deep.equal({ category: 'conference', type: 'text', name: 'Chatrooms' });
    const features = query.getChildren('feature').map((feature) => attr(feature, 'var'));
    expect(features).to.include.members([NS.muc, NS.discoInfo, NS.discoItems, NS.mucUnique, NS.ping, NS.mucStableId, NS.occupantId, NS.search]);
    expect(new Set(features).size).to.equal(features.length);
  });

  it('§6.3 disco#items: every public room with its name, in JID order', () => {
    const query = items();
    expect(jids(query)).to.deep.equal(['abbey@conference.example.org', 'coven@conference.example.org', 'forres@conference.example.org', 'heath@conference.example.org']);
    expect(query.getChildren('item')[1]!.attrs.name).to.equal('A Dark Cave');
    expect(query.getChild('set', NS.rsm)).to.equal(undefined);
  });

  it('XEP-0059 <max/>: the first page, with first (index 0), last and the count', () => {
    const page = items([xml('max', {}, '2')]);
    expect(jids(page)).to.deep.equal(['abbey@conference.example.org', 'coven@conference.example.org']);
    expect(set(page).getChildText('first')).to.equal('abbey@conference.example.org');
    expect(set(page).getChild('first')!.attrs.index).to.equal('0');
    expect(set(page).getChildText('last')).to.equal('coven@conference.example.org');
    expect(set(page).getChildText('count')).to.equal('4');
  });

  it('XEP-0059 <after/>: the page after the last item seen, its first index where it starts', () => {
    const page = items([xml('max', {}, '2'), xml('after', {}, 'coven@conference.example.org')]);
    expect(jids(page)).to.deep.equal(['forres@conference.example.org', 'heath@conference.example.org']);
    expect(set(page).getChild('first')!.attrs.index).to.equal('2');
  });

  it('paging through with <after/> sees every room once', () => {
    const seen: string[] = [];
    let after: string | undefined;
    for (let guard = 0; guard < 10; guard += 1) {
      const page = items([xml('max', {}, '3'), ...(after === undefined ? [] : [xml('after', {}, after)])]);
      if (jids(page).length === 0) break;
      seen.push(...jids(page));
      after = set(page).getChildText('last')!;
    }
    expect(seen).to.deep.equal([...ROOMS].map((room) => room.jid).sort());
  });

  it('XEP-0059 §2.7 max="0": the count alone, no items, no first or last', () => {
    const page = items([xml('max', {}, '0')]);
    expect(jids(page)).to.deep.equal([]);
    expect(set(page).getChild('first')).to.equal(undefined);
    expect(set(page).getChildText('count')).to.equal('4');
  });

  it('after the last room: an empty page', () => {
    expect(jids(items([xml('after', {}, 'zzz@conference.example.org')]))).to.deep.equal([]);
  });

  it('a <max/> that is not a number is a bad-request', () => {
    expect(serviceDiscoItems(ROOMS, xml('query', {}, xml('set', { xmlns: NS.rsm }, xml('max', {}, 'many'))))).to.deep.include({ condition: 'bad-request' });
  });

  // XEP-0059 §2.5 (last) and §2.3 (backwards): "The requesting entity MAY ask for the last page in a
  // result set by including in its request an empty <before/> element".
  it('XEP-0059 <before/> (empty): the last page (XEP-0059 §2.5)', () => {
    expect(jids(items([xml('max', {}, '2'), xml('before')]))).to.deep.equal(['forres@conference.example.org', 'heath@conference.example.org']);
  });

  // XEP-0059 §2.2 (forwards): "If there are no items whatsoever in the full result set, the
  // responding entity MUST return a response that adheres to the definition of the wrapper
  // protocol ... for XEP-0030, ... an empty <query/> element".
  it('with no public rooms at all, an RSM request gets an empty query (XEP-0059 §2.2)', () => {
    const result = serviceDiscoItems([], xml('query', {}, xml('set', { xmlns: NS.rsm }, xml('max', {}, '10')))) as Element;
    expect(result.children).to.deep.equal([]);
  });

  it('§10.1.4 a unique room name: a muc#unique element with a fresh random name each time', () => {
    const first = uniqueRoomName();
    expect(first.attrs.xmlns).to.equal(NS.mucUnique);
    expect(first.getText()).to.match(/^[0-9a-f]{20}$/);
    expect(uniqueRoomName().getText()).to.not.equal(first.getText());
  });
});
