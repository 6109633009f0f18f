// XEP-0045 §7.6 changing nickname: unavailable from the old nick with 303 and the new nick,
// then presence from the new nick; conflict when the new nick is taken or registered to another.
import { nicknames } from '../features/nicknames.js';
import { broadcastPresence, stripMucExtension } from './presence-out.js';
import { refuse } from './replies.js';
import { effectiveAffiliation } from './permissions.js';
import type { Incoming, Occupant, Outcome, RoomContext, RoomState } from './types.js';

export function changeNick(room: RoomState, occupant: Occupant, incoming: Incoming, ctx: RoomContext): Outcome {
  const { nick, from, bareFrom } = incoming;
  if (occupant.sessions.size > 1) {
    return refuse(incoming, { condition: 'not-acceptable', text: 'leave from your other sessions before changing nickname' });
  }
  const refusal = nicknames.checkJoin?.({
    room, bareJid: bareFrom, nick, affiliation: effectiveAffiliation(room, bareFrom, ctx.policy),
    password: undefined, occupantCount: room.occupants.size, ctx,
  });
  if (refusal !== undefined) return refuse(incoming, refusal);
  const presence = stripMucExtension(incoming.stanza);
  const renamed: Occupant = { ...occupant, nick, sessions: new Map([[from, presence]]) };
  const out = broadcastPresence(room, occupant, undefined, from, { codes: [303], newNick: nick, role: occupant.role }, [from]);
  out.push(...broadcastPresence(room, renamed, presence, from, {}, [from]));
  return { changes: [{ kind: 'nick-changed', realJid: from, nick }], out };
}
