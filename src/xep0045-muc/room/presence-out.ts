// Occupant presence as the room sends it (XEP-0045 §7.2.3, §7.6, §7.14, §8, §9): the session's
// own presence plus a muc#user item; the real JID only for those allowed to see it (§5.3), status
// codes (§15.6) and, for self-presence, 110.
import { xml, type Element } from '../../xmpp/element.js';
import { NS } from '../../xmpp/namespaces.js';
import { affiliationOf, seesRealJids } from './permissions.js';
import type { Occupant, Outbound, Role, RoomState } from './types.js';

export interface PresenceNotes {
  /** Status codes every recipient sees. */
  codes?: readonly number[];
  /** Status codes only the occupant's own sessions see (110 is always added). */
  selfCodes?: readonly number[];
  /** §7.6: the new nick, with 303. */
  newNick?: string;
  /** §8.2, §9.1: who did it and why. */
  actorNick?: string;
  reason?: string;
  /** §10.9: the destroy element for a destroyed room. */
  destroy?: Element;
  /** Role and affiliation to show instead of the current ones (an occupant on its way out). */
  role?: Role;
  affiliation?: string;
}

/** The session's presence without its MUC extension, or undefined for unavailable. */
export function stripMucExtension(presence: Element): Element {
  // What the room vouches for is the room's to write (business rule 6, XEP-0421 §4).
  const kept = presence.children.filter((child) => typeof child === 'string'
    || !((child.name === 'x' && (child.attrs.xmlns === NS.muc || child.attrs.xmlns === NS.mucUser))
      || (child.name === 'occupant-id' && child.attrs.xmlns === NS.occupantId)));
  const stripped = xml('presence');
  if (presence.attrs.type === 'unavailable') stripped.attrs.type = 'unavailable';
  stripped.children = kept;
  return stripped;
}

function mucUserItem(room: RoomState, occupant: Occupant, realJid: string | undefined, notes: PresenceNotes): Element {
  const item = xml('item', {
    affiliation: notes.affiliation ?? affiliationOf(room, occupant.bareJid),
    role: notes.role ?? occupant.role,
    jid: realJid,
    nick: notes.newNick,
  });
  if (notes.actorNick !== undefined) item.cnode(xml('actor', { nick: notes.actorNick }));
  if (notes.reason !== undefined) item.cnode(xml('reason', {}, notes.reason));
  return item;
}

function statuses(codes: readonly number[]): Element[] {
  return [...new Set(codes)].map((code) => xml('status', { code: String(code) }));
}

/** One presence of `occupant`, from its occupant JID, as one class of recipient sees it. */
export function occupantPresence(room: RoomState, occupant: Occupant, base: Element | undefined,
  realJid: string | undefined, notes: PresenceNotes, codes: readonly number[]): Element {
  const presence = base === undefined ? xml('presence', { type: 'unavailable' }) : xml('presence', { type: base.attrs.type as string | undefined });
  presence.attrs.from = `${room.jid}/${occupant.nick}`;
  presence.attrs.xmlns = NS.client;
  if (base !== undefined) presence.children = [...base.children];
  const x = xml('x', { xmlns: NS.mucUser }, mucUserItem(room, occupant, realJid, notes), ...statuses(codes));
  if (notes.destroy !== undefined) x.cnode(notes.destroy);
  presence.cnode(x);
  presence.cnode(xml('occupant-id', { xmlns: NS.occupantId, id: occupant.occupantId }));
  return presence;
}

/** The session whose presence stands for the occupant: the one that spoke last. */
export function representativeSession(occupant: Occupant): [string, Element] | undefined {
  let last: [string, Element] | undefined;
  for (const entry of occupant.sessions) last = entry;
  return last;
}

/** Every session in the room but `except`, split by whether they see real JIDs. */
export function recipients(room: RoomState, except: ReadonlySet<string>): { seers: string[]; others: string[] } {
  const seers: string[] = [];
  const others: string[] = [];
  for (const occupant of room.occupants.values()) {
    const list = seesRealJids(occupant.role, room.config) ? seers : others;
    for (const jid of occupant.sessions.keys()) if (!except.has(jid)) list.push(jid);
  }
  return { seers, others };
}

/**
 * Presence of one occupant to everyone in the room: others see the representative session (or
 * unavailable); each of the occupant's own sessions listed in `selfSessions` gets self-presence.
 */
export function broadcastPresence(room: RoomState, occupant: Occupant, base: Element | undefined,
  shownJid: string | undefined, notes: PresenceNotes, selfSessions: readonly string[]): Outbound[] {
  const out: Outbound[] = [];
  const codes = notes.codes ?? [];
  const isBroadcast = room.config.presenceBroadcast.includes(notes.role ?? occupant.role) || base === undefined || base.attrs.type === 'unavailable';
  if (isBroadcast) {
    // The occupant's own sessions hear of it through self-presence (or, for one that stays, not at all).
    const current = room.occupants.get(occupant.nick)?.sessions.keys() ?? [];
    const { seers, others } = recipients(room, new Set([...occupant.sessions.keys(), ...selfSessions, ...current]));
    if (seers.length > 0) out.push({ stanza: occupantPresence(room, occupant, base, shownJid, notes, codes), to: seers });
    if (others.length > 0) out.push({ stanza: occupantPresence(room, occupant, base, undefined, notes, codes), to: others });
  }
  out.push(...selfPresence(room, occupant, base, notes, selfSessions));
  return out;
}

export function selfPresence(room: RoomState, occupant: Occupant, base: Element | undefined,
  notes: PresenceNotes, sessions: readonly string[]): Outbound[] {
  const codes = [...(notes.codes ?? []), ...(notes.selfCodes ?? []), 110];
  return sessions.map((session) => ({
    stanza: occupantPresence(room, occupant, base, session, notes, codes),
    to: [session],
  }));
}
