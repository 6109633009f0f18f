// XEP-0045 §6.4 querying for room information (identity, muc_* features, muc#roominfo), §6.5
// room items (not listed: occupants are not disclosed this way), §7.10 the reserved nick node.
import { dataForm } from '../../xmpp/data-form.js';
import { xml, type Element } from '../../xmpp/element.js';
import { NS } from '../../xmpp/namespaces.js';
import { ROOM_FEATURES } from '../features/index.js';
import { effectiveAffiliation, isAtLeast } from './permissions.js';
import { answer, refuse } from './replies.js';
import type { Incoming, Outcome, RoomContext, RoomState } from './types.js';

/** Features every room has, whatever its configuration. */
const ROOM_CONSTANT_FEATURES = [
  NS.muc, NS.mucStableId, NS.occupantId, NS.stanzaId, NS.register, NS.mucRequest,
  'http://jabber.org/protocol/muc#self-ping-optimization', NS.discoInfo,
];

export function roomName(room: RoomState): string {
  return room.config.name === '' ? room.jid.slice(0, room.jid.indexOf('@')) : room.config.name;
}

export function roomDiscoInfo(room: RoomState, incoming: Incoming, query: Element, ctx: RoomContext): Outcome {
  if (room.isLocked && !isAtLeast(effectiveAffiliation(room, incoming.bareFrom, ctx.policy), 'owner')) {
    return refuse(incoming, { condition: 'item-not-found', text: 'no such room' });
  }
  const node = query.attrs.node as string | undefined;
  if (node === 'x-roomuser-item') {
    const nick = room.affiliations.get(incoming.bareFrom)?.nick;
    return answer(incoming, xml('query', { xmlns: NS.discoInfo, node },
      nick === undefined ? undefined : xml('identity', { category: 'conference', type: 'text', name: nick })));
  }
  if (node !== undefined) return refuse(incoming, { condition: 'item-not-found', text: 'no such node' });
  const features = new Set([...ROOM_CONSTANT_FEATURES, ...ROOM_FEATURES.flatMap((feature) => feature.discoFeatures?.(room.config) ?? [])]);
  const info = dataForm('result', NS.mucRoomInfo, [
    ...ROOM_FEATURES.flatMap((feature) => feature.roomInfo?.(room) ?? []),
    { var: 'muc#roomconfig_roomname', label: 'Name', values: [roomName(room)] },
    { var: 'muc#maxhistoryfetch', label: 'Maximum number of history messages returned', values: [String(room.config.historyLength)] },
  ]);
  const result = xml('query', { xmlns: NS.discoInfo },
    xml('identity', { category: 'conference', type: 'text', name: roomName(room) }),
    ...[...features].sort().map((feature) => xml('feature', { var: feature })),
    info);
  return answer(incoming, result);
}

export function roomDiscoItems(room: RoomState, incoming: Incoming): Outcome {
  return answer(incoming, xml('query', { xmlns: NS.discoItems, node: incoming.stanza.getChildElements()[0]?.attrs.node as string | undefined }));
}
