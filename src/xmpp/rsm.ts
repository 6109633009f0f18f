// XEP-0059 result set management over a list already in its final order: reading a request's
// <set/> (max, after, before), taking the page it asks for, and the <set/> that describes it.
import { xml, type Element } from './element.js';
import { NS } from './namespaces.js';
import type { StanzaErrorSpec } from './stanza-errors.js';

export interface RsmRequest {
  /** Most items on the page; undefined: all of them. */
  max?: number;
  /** The page starts after the item with this id. */
  after?: string;
  /** The page ends before the item with this id; '' asks for the last page (§2.5). */
  before?: string;
}

export interface RsmPage<T> {
  items: T[];
  /** Index of the page's first item in the whole result set. */
  firstIndex: number;
  /** Size of the whole result set. */
  count: number;
}

/**
 * How items are found by the ids a client pages with. With `compare`, the list is in the order of
 * the ids and an id that has gone since the last page still finds its place; without it, an
 * unknown id is an error (§2.5: item-not-found).
 */
export interface RsmOrder<T> {
  idOf: (item: T) => string;
  compare?: (a: string, b: string) => number;
}

/** The <set/> child of `parent`: undefined when there is none, an error when it is malformed. */
export function readRsm(parent: Element): RsmRequest | undefined | StanzaErrorSpec {
  const set = parent.getChild('set', NS.rsm);
  if (set === undefined) return undefined;
  const request: RsmRequest = {};
  const max = set.getChildText('max');
  if (max !== null) {
    if (!/^\d{1,6}$/.test(max)) return { condition: 'bad-request', text: 'RSM max must be a whole number' };
    request.max = Number(max);
  }
  const after = set.getChildText('after');
  const before = set.getChild('before');
  if (after !== null) request.after = after;
  if (before !== undefined) request.before = before.getText();
  return request;
}

/** The page `request` asks for. */
export function pageOf<T>(items: readonly T[], order: RsmOrder<T>, request: RsmRequest): RsmPage<T> | StanzaErrorSpec {
  const max = request.max ?? items.length;
  let start: number;
  let end: number;
  if (request.before !== undefined) {
    const limit = request.before === '' ? items.length : position(items, order, request.before, 'at');
    if (limit === undefined) return unknownId(request.before);
    end = limit;
    start = Math.max(0, end - max);
  } else {
    const from = request.after === undefined ? 0 : position(items, order, request.after, 'after');
    if (from === undefined) return unknownId(request.after ?? '');
    start = from;
    end = Math.min(items.length, start + max);
  }
  return { items: items.slice(start, end), firstIndex: start, count: items.length };
}

/** The <set/> describing a page (§2.1): first with its index, last, and the count. */
export function rsmSet<T>(page: RsmPage<T>, idOf: (item: T) => string): Element {
  const first = page.items[0];
  const last = page.items[page.items.length - 1];
  return xml('set', { xmlns: NS.rsm },
    first === undefined ? undefined : xml('first', { index: String(page.firstIndex) }, idOf(first)),
    last === undefined ? undefined : xml('last', {}, idOf(last)),
    xml('count', {}, String(page.count)));
}

/** Index of the item with `id` ('at'), or of the one after it ('after'); undefined when not found. */
function position<T>(items: readonly T[], order: RsmOrder<T>, id: string, where: 'at' | 'after'): number | undefined {
  const { compare, idOf } = order;
  if (compare === undefined) {
    const index = items.findIndex((item) => idOf(item) === id);
    if (index === -1) return undefined;
    return where === 'at' ? index : index + 1;
  }
  const index = items.findIndex((item) => (where === 'at' ? compare(idOf(item), id) >= 0 : compare(idOf(item), id) > 0));
  return index === -1 ? items.length : index;
}

function unknownId(id: string): StanzaErrorSpec {
  return { condition: 'item-not-found', text: `no item ${id} in this result set` };
}
