// XEP-0045 §7.2.14 (discussion history on entry, with XEP-0203 delay) and §7.2.15 (the subject,
// always sent last).
import { xml, type Element } from '../../xmpp/element.js';
import { NS } from '../../xmpp/namespaces.js';
import type { HistoryEntry, RoomContext, RoomState } from './types.js';

export interface HistoryRequest {
  maxchars?: number;
  maxstanzas?: number;
  seconds?: number;
  since?: Date;
}

function count(value: unknown): number | undefined {
  if (typeof value !== 'string' || !/^\d{1,9}$/.test(value)) return undefined;
  return Number(value);
}

/** Reads <history/> from the join's <x xmlns='…muc'/>; malformed attributes are ignored. */
export function parseHistoryRequest(mucX: Element | undefined): HistoryRequest {
  const history = mucX?.getChild('history');
  if (history === undefined) return {};
  const request: HistoryRequest = {};
  const maxchars = count(history.attrs.maxchars);
  const maxstanzas = count(history.attrs.maxstanzas);
  const seconds = count(history.attrs.seconds);
  const since = typeof history.attrs.since === 'string' ? new Date(history.attrs.since) : undefined;
  if (maxchars !== undefined) request.maxchars = maxchars;
  if (maxstanzas !== undefined) request.maxstanzas = maxstanzas;
  if (seconds !== undefined) request.seconds = seconds;
  if (since !== undefined && !Number.isNaN(since.getTime())) request.since = since;
  return request;
}

/** A history message: the message as the room broadcast it, with a delay stamp. */
export function historyMessage(room: RoomState, entry: HistoryEntry): Element {
  const message = xml('message', { ...entry.stanza.attrs });
  message.children = [...entry.stanza.children,
    xml('delay', { xmlns: NS.delay, from: room.jid, stamp: entry.sentAt.toISOString() })];
  return message;
}

/**
 * The messages a newcomer gets: the room's number unless the client asks for fewer, then
 * narrowed by seconds, since and maxchars.
 */
export function selectHistory(room: RoomState, request: HistoryRequest, ctx: RoomContext, recipient: string): Element[] {
  // The room's muc#maxhistoryfetch is both its default and its most (§6.4), within the operator's.
  const most = Math.min(room.config.historyLength, ctx.policy.maxHistoryFetch);
  const limit = Math.min(request.maxstanzas ?? most, most);
  if (limit === 0 || request.maxchars === 0) return [];
  const oldest = request.seconds === undefined ? undefined : ctx.now.getTime() - request.seconds * 1000;
  // The history holds no subject changes (they are kept apart): the current subject comes last on
  // its own (§7.2.15).
  const candidates = room.history.filter((entry) =>
    (oldest === undefined || entry.sentAt.getTime() >= oldest)
    && (request.since === undefined || entry.sentAt > request.since));
  const chosen = candidates.slice(-limit).map((entry) => {
    const message = historyMessage(room, entry);
    // maxchars counts the stanza as delivered, address included.
    message.attrs.to = recipient;
    return message;
  });
  if (request.maxchars === undefined) return chosen;
  // §7.2.14: maxchars counts the characters of the complete stanzas, newest kept first.
  let budget = request.maxchars;
  const kept: Element[] = [];
  for (let i = chosen.length - 1; i >= 0; i -= 1) {
    const message = chosen[i];
    if (message === undefined) break;
    budget -= message.toString().length;
    if (budget < 0) break;
    kept.unshift(message);
  }
  return kept;
}

/** §8.1: a message that changes the subject carries a subject and neither body nor thread. */
export function isSubjectChange(stanza: Element): boolean {
  return stanza.getChild('subject') !== undefined && stanza.getChild('body') === undefined && stanza.getChild('thread') === undefined;
}

/** §7.2.15: the subject message, from whoever set it; an empty subject when none is set. */
export function subjectMessage(room: RoomState): Element {
  const from = room.subject?.by === undefined ? room.jid : `${room.jid}/${room.subject.by}`;
  return xml('message', { xmlns: NS.client, type: 'groupchat', from },
    xml('subject', {}, room.subject?.text ?? ''),
    room.subject?.occupantId === undefined ? undefined : xml('occupant-id', { xmlns: NS.occupantId, id: room.subject.occupantId }),
    room.subject === undefined ? undefined : xml('delay', { xmlns: NS.delay, from: room.jid, stamp: room.subject.at.toISOString() }));
}
