// XEP-0045 §7.2 entering a room (and §10.1 creating one): the features' join checks in order,
// then presence of everyone to the newcomer, the newcomer's presence to everyone (its own
// self-presence last), the discussion history and the subject.
import { NS } from '../../xmpp/namespaces.js';
import { ROOM_FEATURES } from '../features/index.js';
import { isArchived } from '../features/logging.js';
import { parseHistoryRequest, selectHistory, subjectMessage } from './history.js';
import { defaultRole, effectiveAffiliation, seesRealJids } from './permissions.js';
import { broadcastPresence, occupantPresence, representativeSession, stripMucExtension } from './presence-out.js';
import { refuse } from './replies.js';
import type { Incoming, Occupant, Outbound, Outcome, RoomChange, RoomContext, RoomState } from './types.js';

export function join(room: RoomState, incoming: Incoming, ctx: RoomContext): Outcome {
  const { stanza, from, bareFrom, nick } = incoming;
  const mucX = stanza.getChild('x', NS.muc);
  const isCreation = room.isUnclaimed;
  const affiliation = isCreation ? 'owner' : effectiveAffiliation(room, bareFrom, ctx.policy);
  const existing = room.occupants.get(nick);
  const isSameUser = existing !== undefined && existing.bareJid === bareFrom;
  const attempt = {
    room, bareJid: bareFrom, nick, affiliation, ctx,
    password: mucX?.getChildText('password') ?? undefined,
    occupantCount: room.occupants.size - (isSameUser ? 1 : 0),
  };
  for (const feature of ROOM_FEATURES) {
    const refusal = feature.checkJoin?.(attempt);
    if (refusal !== undefined) return refuse(incoming, refusal);
  }

  const presence = stripMucExtension(stanza);
  const occupant: Occupant = existing ?? {
    nick, bareJid: bareFrom, role: defaultRole(affiliation, room.config), occupantId: ctx.occupantId(bareFrom), sessions: new Map(),
  };
  const changes: RoomChange[] = [];
  if (isCreation) changes.push({ kind: 'affiliation-set', bareJid: bareFrom, entry: { affiliation: 'owner' } });
  changes.push({ kind: 'session-joined', nick, realJid: from, bareJid: bareFrom, role: occupant.role, presence, occupantId: occupant.occupantId });

  const out: Outbound[] = [];
  const seesJids = seesRealJids(occupant.role, room.config);
  for (const other of room.occupants.values()) {
    if (other === occupant || !room.config.presenceBroadcast.includes(other.role)) continue;
    const shown = representativeSession(other);
    if (shown === undefined) continue;
    out.push({ stanza: occupantPresence(room, other, shown[1], seesJids ? shown[0] : undefined, {}, []), to: [from] });
  }
  const selfCodes: number[] = [];
  if (room.config.whois === 'anyone') selfCodes.push(100);
  if (isArchived(room.config, ctx.policy)) selfCodes.push(170);
  if (isCreation) selfCodes.push(201);
  // Others learn of a second session of the same occupant as a presence update.
  const withNewSession = { ...occupant, sessions: new Map([...occupant.sessions, [from, presence]]) };
  const effectiveAffiliationShown = isCreation ? { affiliation: 'owner' } : {};
  out.push(...broadcastPresence(room, withNewSession, presence, from, { selfCodes, ...effectiveAffiliationShown }, [from]));
  const history = selectHistory(room, parseHistoryRequest(mucX), ctx, from);
  for (const message of history) out.push({ stanza: message, to: [from] });
  out.push({ stanza: subjectMessage(room), to: [from] });
  return { changes, out, onStorageFailure: { condition: 'resource-constraint', text: 'the room cannot record your entry right now; try again' } };
}
