// The reference product's "a Jabber client must be invited to ad hoc rooms": when the operator
// turns it on, only the invited, the room's members and its owners enter a room that is not
// persistent (registration-required, as for members-only, §7.2.7).
import { isAtLeast } from '../room/permissions.js';
import type { RoomFeature } from './feature.js';

export const adHocInvitation: RoomFeature = {
  name: 'ad-hoc-invitation',
  checkJoin: ({ room, bareJid, affiliation, ctx }) =>
    ctx.policy.isAdHocInvitationRequired && !room.config.isPersistent && !room.isLocked
      && !isAtLeast(affiliation, 'member') && !room.invited.has(bareJid)
      ? { condition: 'registration-required', text: 'this ad hoc room is open to invited users only' }
      : undefined,
};
