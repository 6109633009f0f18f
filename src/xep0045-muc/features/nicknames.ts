// XEP-0045 §7.2.9 and §7.10: a nick in use by someone else, or registered to someone else, is
// refused with conflict. The same user may join under its nick from several sessions.
import type { RoomFeature } from './feature.js';

export const nicknames: RoomFeature = {
  name: 'nicknames',
  checkJoin: ({ room, bareJid, nick }) => {
    // §17.1: a nick of nothing but spaces is no nick.
    if (nick.trim() === '') return { condition: 'not-acceptable', text: 'a nickname needs more than spaces' };
    const holder = room.occupants.get(nick);
    if (holder !== undefined && holder.bareJid !== bareJid) return { condition: 'conflict', text: 'that nickname is in use' };
    for (const [owner, entry] of room.affiliations) {
      if (entry.nick === nick && owner !== bareJid) return { condition: 'conflict', text: 'that nickname is registered to someone else' };
    }
    return undefined;
  },
};
