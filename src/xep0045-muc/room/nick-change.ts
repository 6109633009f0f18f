// XEP-0045 §7.6 changing nickname: unavailable from the old nick with 303 and the new nick,
// then presence from the new nick; conflict when the new nick is taken or registered to another.
// An occupant in the room from several sessions changes nick in all of them.
import { nicknames } from '../features/nicknames.js';
import { broadcastPresence, stripMucExtension } from './presence-out.js';
import { refuse } from './replies.js';
import { effectiveAffiliation } from './permissions.js';
import type { Incoming, Occupant, Outcome, RoomContext, RoomState } from './types.js';

export function changeNick(room: RoomState, occupant: Occupant, incoming: Incoming, ctx: RoomContext): Outcome {
  const { nick, from, bareFrom } = incoming;
  const refusal = nicknames.checkJoin?.({
    room, bareJid: bareFrom, nick, affiliation: effectiveAffiliation(room, bareFrom, ctx.policy),
    password: undefined, occupantCount: room.occupants.size, ctx,
  });
  if (refusal !== undefined) return refuse(incoming, refusal);
  // One occupant, one nick: a user in the room from several sessions is renamed in all of them,
  // and each session hears of it as its own nick change (303 and 110); the others see one change.
  const sessions = [...occupant.sessions.keys()];
  const presence = stripMucExtension(incoming.stanza);
  const renamed: Occupant = { ...occupant, nick, sessions: new Map([...occupant.sessions, [from, presence]]) };
  const out = broadcastPresence(room, occupant, undefined, from, { codes: [303], newNick: nick, role: occupant.role }, sessions);
  out.push(...broadcastPresence(room, renamed, presence, from, {}, sessions));
  return { changes: sessions.map((realJid) => ({ kind: 'nick-changed', realJid, nick })), out };
}
