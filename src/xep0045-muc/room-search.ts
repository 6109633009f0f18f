// XEP-0055 (jabber:iq:search) on the MUC service: the public rooms searched by name, subject,
// size and access, answered with a data form and paged with XEP-0059. Cisco's TC offers room
// search this way; the field names are those Openfire's MUC uses, so clients written for either
// find what they expect. Every criterion given must hold; none given lists every public room.
import { xml, type Element } from '../xmpp/element.js';
import { dataForm, formField, SubmittedForm, type FieldType, type FormField } from '../xmpp/data-form.js';
import { NS } from '../xmpp/namespaces.js';
import { pageOf, readRsm, rsmSet, type RsmOrder } from '../xmpp/rsm.js';
import type { StanzaErrorSpec } from '../xmpp/stanza-errors.js';

/** What the directory knows of a public room. */
export interface DirectoryRoom {
  jid: string;
  /** The room's name, or its JID's local part when it has none. */
  name: string;
  description: string;
  subject: string;
  occupants: number;
  /** Most occupants the room admits (the service's maximum when the room sets none). */
  maxOccupants: number;
  isPasswordProtected: boolean;
  isMembersOnly: boolean;
}

export interface RoomSearch {
  /** Any of these in the name (or the JID's local part), ignoring case; exactly, with `isExactName`. */
  names: string[];
  isExactName: boolean;
  /** In the subject, ignoring case. */
  subject?: string;
  minOccupants?: number;
  /** Rooms that admit at least this many. */
  minCapacity?: number;
  includePasswordProtected: boolean;
}

const INSTRUCTIONS = 'Fill in any of the fields to find public rooms; leave them all empty to list every public room.';

const SEARCH_FIELDS: readonly FormField[] = [
  { var: 'name', type: 'text-single', label: 'Name' },
  { var: 'name_is_exact_match', type: 'boolean', label: 'Name must match exactly', values: ['0'] },
  { var: 'subject', type: 'text-single', label: 'Subject' },
  { var: 'num_users', type: 'text-single', label: 'At least this many occupants' },
  { var: 'num_max_users', type: 'text-single', label: 'Admits at least this many occupants' },
  { var: 'include_password_protected', type: 'boolean', label: 'Include password-protected rooms', values: ['1'] },
];

const REPORTED: readonly { var: string; type: FieldType; label: string; value: (room: DirectoryRoom) => string }[] = [
  { var: 'jid', type: 'jid-single', label: 'Address', value: (room) => room.jid },
  { var: 'name', type: 'text-single', label: 'Name', value: (room) => room.name },
  { var: 'description', type: 'text-single', label: 'Description', value: (room) => room.description },
  { var: 'subject', type: 'text-single', label: 'Subject', value: (room) => room.subject },
  { var: 'num_users', type: 'text-single', label: 'Occupants', value: (room) => String(room.occupants) },
  { var: 'num_max_users', type: 'text-single', label: 'Most occupants', value: (room) => String(room.maxOccupants) },
  { var: 'is_password_protected', type: 'boolean', label: 'Password-protected', value: (room) => (room.isPasswordProtected ? '1' : '0') },
  { var: 'is_member_only', type: 'boolean', label: 'Members only', value: (room) => (room.isMembersOnly ? '1' : '0') },
];

/** Results are in JID order and paged by JID: rooms filling or emptying between pages move nothing. */
const byJid = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const BY_JID: RsmOrder<DirectoryRoom> = { idOf: (room) => room.jid, compare: byJid };

/** XEP-0055 §3 (extensibility): the search form, for a `get`. */
export function searchForm(): Element {
  return xml('query', { xmlns: NS.search },
    xml('instructions', {}, 'Use the enclosed form to search for rooms.'),
    dataForm('form', NS.search, SEARCH_FIELDS, 'Search for rooms', INSTRUCTIONS));
}

/** Reads a submitted search (a `set`); an error when it is not a form this service understands. */
export function parseRoomSearch(query: Element): RoomSearch | StanzaErrorSpec {
  const form = SubmittedForm.from(query);
  if (form === undefined) return { condition: 'bad-request', text: 'search with the data form this service sends' };
  // XEP-0004 §3.1: only a submitted form is a search; 'cancel' abandons it.
  if (form.type !== 'submit' && form.type !== '') return { condition: 'bad-request', text: `a form of type ${form.type} is not a search` };
  if (form.formType !== undefined && form.formType !== NS.search) return { condition: 'bad-request', text: 'wrong FORM_TYPE' };
  const isExactName = flag(form, 'name_is_exact_match');
  const includePasswordProtected = flag(form, 'include_password_protected');
  if (isExactName === null) return { condition: 'bad-request', text: 'name_is_exact_match is not a boolean' };
  if (includePasswordProtected === null) return { condition: 'bad-request', text: 'include_password_protected is not a boolean' };
  const search: RoomSearch = {
    names: (form.all('name') ?? []).map((name) => name.trim()).filter((name) => name !== ''),
    isExactName: isExactName ?? false,
    includePasswordProtected: includePasswordProtected ?? true,
  };
  const subject = form.text('subject')?.trim();
  if (subject !== undefined && subject !== '') search.subject = subject;
  for (const [field, key] of [['num_users', 'minOccupants'], ['num_max_users', 'minCapacity']] as const) {
    const text = form.text(field)?.trim();
    if (text === undefined || text === '') continue;
    if (!/^\d{1,9}$/.test(text)) return { condition: 'bad-request', text: `${field} must be a whole number` };
    search[key] = Number(text);
  }
  return search;
}

/** A boolean field; one submitted without a value (a client echoing the form) counts as not given. */
function flag(form: SubmittedForm, name: string): boolean | undefined | null {
  return form.all(name)?.length === 0 ? undefined : form.boolean(name);
}

/** The rooms that match, in JID order. */
export function findRooms(rooms: readonly DirectoryRoom[], search: RoomSearch): DirectoryRoom[] {
  const names = search.names.map((name) => name.toLowerCase());
  const subject = search.subject?.toLowerCase();
  return rooms.filter((room) => {
    if (names.length > 0) {
      const candidates = [room.name.toLowerCase(), room.jid.slice(0, room.jid.indexOf('@')).toLowerCase()];
      const matches = (name: string): boolean => candidates.some((candidate) => (search.isExactName ? candidate === name : candidate.includes(name)));
      if (!names.some(matches)) return false;
    }
    if (subject !== undefined && !room.subject.toLowerCase().includes(subject)) return false;
    if (search.minOccupants !== undefined && room.occupants < search.minOccupants) return false;
    if (search.minCapacity !== undefined && room.maxOccupants < search.minCapacity) return false;
    return search.includePasswordProtected || !room.isPasswordProtected;
  }).sort((a, b) => byJid(a.jid, b.jid));
}

/**
 * XEP-0055 §3: the rooms found as a result form (XEP-0004 §3.4: <reported/> and <item/>s only),
 * paged when the search asked for a page and anything was found (XEP-0059 §2.7).
 */
export function searchResult(found: readonly DirectoryRoom[], query: Element): Element | StanzaErrorSpec {
  const request = readRsm(query);
  if (request !== undefined && 'condition' in request) return request;
  const page = request === undefined || found.length === 0 ? undefined : pageOf(found, BY_JID, request);
  if (page !== undefined && 'condition' in page) return page;
  const rooms = page?.items ?? found;
  const form = xml('x', { xmlns: NS.dataForms, type: 'result' },
    xml('reported', {}, ...REPORTED.map((field) => formField({ var: field.var, type: field.type, label: field.label }))),
    ...rooms.map((room) => xml('item', {}, ...REPORTED.map((field) => formField({ var: field.var, values: [field.value(room)] })))));
  return xml('query', { xmlns: NS.search }, form, page === undefined ? undefined : rsmSet(page, BY_JID.idOf));
}
