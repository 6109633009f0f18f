// XEP-0313 message archive management for rooms, over the archive (tc_msgarchive) with XEP-0059
// paging: reading the query, and turning a page into result messages and the <fin/>. Ids are the
// XEP-0359 stanza-ids the room gave its messages.
import { xml, parseElement, type Element } from '../xmpp/element.js';
import { SubmittedForm } from '../xmpp/data-form.js';
import { NS } from '../xmpp/namespaces.js';
import { readRsm } from '../xmpp/rsm.js';
import type { StanzaErrorSpec } from '../xmpp/stanza-errors.js';
import type { ArchivedMessage, ArchivePage } from '../persistence/ports.js';

export const MAM_DEFAULT_PAGE = 50;

const KNOWN_FIELDS = new Set(['FORM_TYPE', 'start', 'end', 'with', 'after-id', 'before-id']);

export interface MamQuery {
  queryId: string | undefined;
  start?: Date;
  end?: Date;
  /** Occupant JID to filter on (room@service/nick). */
  with?: string;
  /** RSM <after/>: a stanza-id. */
  after?: string;
  /** RSM <before/>: a stanza-id, or '' for the last page. */
  before?: string;
  max: number;
  /** XEP-0313 §5.1.2 flip-page. */
  isFlipped: boolean;
}

function date(form: SubmittedForm, name: string): Date | undefined | StanzaErrorSpec {
  const text = form.text(name);
  if (text === undefined || text === '') return undefined;
  const value = new Date(text);
  return Number.isNaN(value.getTime()) ? { condition: 'bad-request', text: `${name} is not an XEP-0082 date` } : value;
}

/** Reads a query element; an error spec when it is malformed. */
export function parseMamQuery(query: Element, maxPage: number): MamQuery | StanzaErrorSpec {
  const form = SubmittedForm.from(query);
  if (form?.formType !== undefined && form.formType !== NS.mam) return { condition: 'bad-request', text: 'wrong FORM_TYPE' };
  const parsed: MamQuery = { queryId: query.attrs.queryid as string | undefined, max: MAM_DEFAULT_PAGE, isFlipped: query.getChild('flip-page') !== undefined };
  if (form !== undefined) {
    // §4.1.5: a field this archive does not know is refused, not ignored.
    const unknown = form.names().find((name) => !KNOWN_FIELDS.has(name));
    if (unknown !== undefined) return { condition: 'feature-not-implemented', text: `the archive does not filter on ${unknown}` };
    const start = date(form, 'start');
    const end = date(form, 'end');
    if (start !== undefined && !(start instanceof Date)) return start;
    if (end !== undefined && !(end instanceof Date)) return end;
    if (start !== undefined) parsed.start = start;
    if (end !== undefined) parsed.end = end;
    const withJid = form.text('with');
    if (withJid !== undefined && withJid !== '') parsed.with = withJid;
    const afterId = form.text('after-id');
    const beforeId = form.text('before-id');
    if (afterId !== undefined) parsed.after = afterId;
    if (beforeId !== undefined) parsed.before = beforeId;
  }
  const rsm = readRsm(query);
  if (rsm !== undefined && 'condition' in rsm) return rsm;
  if (rsm?.max !== undefined) parsed.max = rsm.max;
  if (rsm?.after !== undefined) parsed.after = rsm.after;
  if (rsm?.before !== undefined) parsed.before = rsm.before;
  parsed.max = Math.min(parsed.max, maxPage);
  return parsed;
}

/** One <message/> carrying an archived message (XEP-0313 §4.1.2, forwarded with XEP-0297 and its delay). */
export function resultMessage(roomJid: string, queryId: string | undefined, message: ArchivedMessage): Element {
  const original = parseElement(message.stanza);
  original.attrs.xmlns = NS.client;
  return xml('message', { xmlns: NS.client, from: roomJid },
    xml('result', { xmlns: NS.mam, queryid: queryId, id: message.stanzaId },
      xml('forwarded', { xmlns: NS.forward },
        xml('delay', { xmlns: NS.delay, stamp: message.sentAt.toISOString() }),
        original)));
}

/** The <fin/> of a query (§4.3), with the RSM set of the page. */
export function finElement(page: ArchivePage, query: MamQuery): Element {
  const first = page.messages[0];
  const last = page.messages[page.messages.length - 1];
  const set = xml('set', { xmlns: NS.rsm },
    first === undefined ? undefined : xml('first', { index: String(page.firstIndex) }, first.stanzaId),
    last === undefined ? undefined : xml('last', {}, last.stanzaId),
    xml('count', {}, String(page.count)));
  // The page is complete when nothing remains in the direction of travel.
  return xml('fin', { xmlns: NS.mam, queryid: query.queryId, complete: page.isComplete ? 'true' : undefined }, set);
}

/** The archive's query form (§4.1.1), asked for with an IQ get. */
export function mamFormFields(): Element {
  return xml('query', { xmlns: NS.mam },
    xml('x', { xmlns: NS.dataForms, type: 'form' },
      xml('field', { var: 'FORM_TYPE', type: 'hidden' }, xml('value', {}, NS.mam)),
      xml('field', { var: 'with', type: 'jid-single' }),
      xml('field', { var: 'start', type: 'text-single' }),
      xml('field', { var: 'end', type: 'text-single' }),
      xml('field', { var: 'after-id', type: 'text-single' }),
      xml('field', { var: 'before-id', type: 'text-single' })));
}
