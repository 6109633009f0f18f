// XEP-0059 result set management: reading a <set/>, taking pages by item id, and describing them.
import { expect } from 'chai';
import { xml } from '../../../src/xmpp/element.js';
import { NS } from '../../../src/xmpp/namespaces.js';
import { pageOf, readRsm, rsmSet, type RsmOrder, type RsmPage } from '../../../src/xmpp/rsm.js';

const ITEMS = ['e', 'b', 'd', 'a', 'c'];
const AS_GIVEN: RsmOrder<string> = { idOf: (item) => item };
const SORTED: RsmOrder<string> = { idOf: (item) => item, compare: (a, b) => a.localeCompare(b) };

function page(items: readonly string[], order: RsmOrder<string>, request: Parameters<typeof pageOf>[2]): RsmPage<string> {
  const result = pageOf(items, order, request);
  if ('condition' in result) throw new Error(`refused: ${result.condition}`);
  return result;
}

describe('XEP-0059 result set management', () => {
  it('reads max, after and an empty before; no <set/> is no request', () => {
    const request = readRsm(xml('query', {}, xml('set', { xmlns: NS.rsm }, xml('max', {}, '10'), xml('after', {}, 'x'), xml('before'))));
    expect(request).to.deep.equal({ max: 10, after: 'x', before: '' });
    expect(readRsm(xml('query'))).to.equal(undefined);
    expect(readRsm(xml('query', {}, xml('set', { xmlns: 'urn:other' }, xml('max', {}, '1'))))).to.equal(undefined);
  });

  it('a max that is not a whole number is a bad-request', () => {
    for (const max of ['-1', 'ten', '1.5', '']) {
      expect(readRsm(xml('query', {}, xml('set', { xmlns: NS.rsm }, xml('max', {}, max))))).to.deep.include({ condition: 'bad-request' });
    }
  });

  it('pages in the list\'s own order by item id: after, before, and the index of the first item', () => {
    expect(page(ITEMS, AS_GIVEN, { max: 2 })).to.deep.equal({ items: ['e', 'b'], firstIndex: 0, count: 5 });
    expect(page(ITEMS, AS_GIVEN, { max: 2, after: 'b' })).to.deep.equal({ items: ['d', 'a'], firstIndex: 2, count: 5 });
    expect(page(ITEMS, AS_GIVEN, { max: 2, before: 'a' })).to.deep.equal({ items: ['b', 'd'], firstIndex: 1, count: 5 });
    expect(page(ITEMS, AS_GIVEN, { max: 2, before: '' })).to.deep.equal({ items: ['a', 'c'], firstIndex: 3, count: 5 });
    expect(page(ITEMS, AS_GIVEN, { after: 'c' }).items).to.deep.equal([]);
  });

  it('§2.5: an id that is not in the result set is item-not-found, after or before', () => {
    expect(pageOf(ITEMS, AS_GIVEN, { after: 'z' })).to.deep.include({ condition: 'item-not-found' });
    expect(pageOf(ITEMS, AS_GIVEN, { before: 'z' })).to.deep.include({ condition: 'item-not-found' });
  });

  it('in a list ordered by id, an item gone since the last page still marks where the next one starts', () => {
    const sorted = ['a', 'b', 'd', 'e'];
    expect(page(sorted, SORTED, { max: 2, after: 'c' })).to.deep.equal({ items: ['d', 'e'], firstIndex: 2, count: 4 });
    expect(page(sorted, SORTED, { max: 1, before: 'c' })).to.deep.equal({ items: ['b'], firstIndex: 1, count: 4 });
    expect(page(sorted, SORTED, { after: 'z' }).items).to.deep.equal([]);
  });

  it('the <set/> of a page: first with its index, last, count; an empty page has the count alone', () => {
    const set = rsmSet(page(ITEMS, AS_GIVEN, { max: 2, after: 'b' }), (item) => item);
    expect(set.attrs.xmlns).to.equal(NS.rsm);
    expect(set.getChildText('first')).to.equal('d');
    expect(set.getChild('first')?.attrs.index).to.equal('2');
    expect(set.getChildText('last')).to.equal('a');
    expect(set.getChildText('count')).to.equal('5');
    const empty = rsmSet(page(ITEMS, AS_GIVEN, { max: 0 }), (item) => item);
    expect(empty.getChildElements().map((child) => child.name)).to.deep.equal(['count']);
  });
});
