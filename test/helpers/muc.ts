// Multi-user chat (XEP-0045) steps for integration tests: entering rooms, configuring them, and
// reading what the room sends, written the way a client would do it.
import { xml } from '@xmpp/client';
import type { Element } from 'ltx';
import type { TestClient } from './clients.js';
import { DOMAIN } from './server.js';

export const MUC = 'http://jabber.org/protocol/muc';
export const MUC_USER = 'http://jabber.org/protocol/muc#user';
export const MUC_ADMIN = 'http://jabber.org/protocol/muc#admin';
export const MUC_OWNER = 'http://jabber.org/protocol/muc#owner';
export const DATA = 'jabber:x:data';
export const MAM = 'urn:xmpp:mam:2';
export const RSM = 'http://jabber.org/protocol/rsm';
/** The primary alias a test node serves. */
export const SERVICE = `conference.${DOMAIN}`;

export function roomJid(name: string): string {
  return `${name}@${SERVICE}`;
}

export function statusCodes(stanza: Element): number[] {
  return stanza.getChild('x', MUC_USER)?.getChildren('status').map((status) => Number(status.attrs.code)) ?? [];
}

export function mucItem(stanza: Element): Record<string, string> {
  return stanza.getChild('x', MUC_USER)?.getChild('item')?.attrs ?? {};
}

export function isSelfPresence(room: string, nick: string) {
  return (stanza: Element): boolean => stanza.is('presence') && stanza.attrs.from === `${room}/${nick}` && statusCodes(stanza).includes(110);
}

export function isPresenceFrom(occupantJid: string, type?: string) {
  return (stanza: Element): boolean => stanza.is('presence') && stanza.attrs.from === occupantJid && stanza.attrs.type === type;
}

export function isGroupchat(room: string, body: string) {
  return (stanza: Element): boolean => stanza.is('message') && stanza.attrs.type === 'groupchat'
    && String(stanza.attrs.from).startsWith(`${room}/`) && stanza.getChildText('body') === body && stanza.getChild('delay', 'urn:xmpp:delay') === undefined;
}

export function isSubject(room: string) {
  return (stanza: Element): boolean => stanza.is('message') && String(stanza.attrs.from).startsWith(room) && stanza.getChild('subject') !== undefined && stanza.getChild('body') === undefined;
}

export function errorConditionOf(stanza: Element): string | undefined {
  return stanza.getChild('error')?.getChildElements().find((child) => child.name !== 'text')?.name;
}

export interface JoinOptions {
  password?: string;
  history?: Record<string, string>;
}

export function joinPresence(room: string, nick: string, options: JoinOptions = {}): Element {
  return xml('presence', { to: `${room}/${nick}` },
    xml('x', { xmlns: MUC },
      options.password === undefined ? undefined : xml('password', {}, options.password),
      options.history === undefined ? undefined : xml('history', options.history)));
}

/** Enters a room and resolves with the self-presence; rejects with the error condition when refused. */
export async function join(client: TestClient, room: string, nick: string, options: JoinOptions = {}): Promise<Element> {
  const before = client.received.length;
  await client.send(joinPresence(room, nick, options));
  const answer = await client.receive((stanza) => client.received.indexOf(stanza) >= before && stanza.is('presence')
    && stanza.attrs.from === `${room}/${nick}` && (stanza.attrs.type === 'error' || statusCodes(stanza).includes(110)));
  if (answer.attrs.type === 'error') throw new Error(`join refused: ${errorConditionOf(answer) ?? 'unknown'}`);
  return answer;
}

/** Waits for the subject message that ends the entry sequence (§7.2.15). */
export async function joinFully(client: TestClient, room: string, nick: string, options: JoinOptions = {}): Promise<Element> {
  const before = client.received.length;
  const self = await join(client, room, nick, options);
  await client.receive((stanza) => client.received.indexOf(stanza) >= before && isSubject(room)(stanza));
  return self;
}

export function submitForm(formType: string, fields: Record<string, string | string[]>): Element {
  return xml('x', { xmlns: DATA, type: 'submit' },
    xml('field', { var: 'FORM_TYPE' }, xml('value', {}, formType)),
    ...Object.entries(fields).map(([name, value]) =>
      xml('field', { var: name }, ...(Array.isArray(value) ? value : [value]).map((one) => xml('value', {}, one)))));
}

/** Submits the room configuration form (§10.2) and resolves with the result. */
export function configure(client: TestClient, room: string, fields: Record<string, string | string[]>): Promise<Element> {
  return client.request(xml('iq', { type: 'set', to: room },
    xml('query', { xmlns: MUC_OWNER }, submitForm('http://jabber.org/protocol/muc#roomconfig', fields))));
}

/** Creates a room (§10.1) and accepts or submits its configuration, so others may enter. */
export async function createRoom(client: TestClient, room: string, nick: string, fields: Record<string, string | string[]> = {}): Promise<Element> {
  const self = await joinFully(client, room, nick);
  await configure(client, room, fields);
  return self;
}

export function groupchat(room: string, body: string, id?: string): Element {
  return xml('message', { type: 'groupchat', to: room, id }, xml('body', {}, body));
}

/** Sends a message to the room and waits for the room to reflect it back; resolves with the reflection. */
export async function say(client: TestClient, room: string, body: string): Promise<Element> {
  await client.send(groupchat(room, body));
  return client.receive(isGroupchat(room, body));
}

export function adminSet(room: string, ...items: Record<string, string>[]): Element {
  return xml('iq', { type: 'set', to: room }, xml('query', { xmlns: MUC_ADMIN }, ...items.map((attrs) => {
    const { reason, ...rest } = attrs;
    return xml('item', rest, reason === undefined ? undefined : xml('reason', {}, reason));
  })));
}

export function adminGet(room: string, attrs: Record<string, string>): Element {
  return xml('iq', { type: 'get', to: room }, xml('query', { xmlns: MUC_ADMIN }, xml('item', attrs)));
}

/** The items of the data form result in `parent` (XEP-0004 §3.4), each as field var → first value. */
export function formItems(parent: Element | undefined): Record<string, string | null>[] {
  const items = parent?.getChild('x', 'jabber:x:data')?.getChildren('item') ?? [];
  return items.map((item) => Object.fromEntries(item.getChildren('field').map((field) => [String(field.attrs.var), field.getChildText('value')])));
}

/** A page of a room's archive (XEP-0313): what each result carries, its archive ids, and the <fin/>. */
export interface MamPage {
  bodies: string[];
  ids: string[];
  fin: Element;
}

/** Asks a room's archive for a page (RSM `rsm`), collecting the results sent before the answer. */
export async function mamQuery(client: TestClient, room: string, rsm: Element[], queryid: string): Promise<MamPage> {
  const before = client.received.length;
  const result = await client.request(xml('iq', { type: 'set', to: room }, xml('query', { xmlns: MAM, queryid }, xml('set', { xmlns: RSM }, ...rsm))));
  const results = client.received.slice(before).filter((stanza) => stanza.getChild('result', MAM)?.attrs.queryid === queryid);
  return {
    // A message by its body, a subject change (archived too, XEP-0313 §6.1.1) by its subject.
    bodies: results.map((stanza) => {
      const message = stanza.getChild('result', MAM)?.getChild('forwarded', 'urn:xmpp:forward:0')?.getChild('message');
      return message?.getChildText('body') ?? `subject ${message?.getChildText('subject') ?? '?'}`;
    }),
    ids: results.map((stanza) => String(stanza.getChild('result', MAM)?.attrs.id)),
    fin: result.getChild('fin', MAM)!,
  };
}
