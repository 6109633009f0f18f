// XEP-0045 §9.1: outcasts may not enter (§7.2.8).
import type { RoomFeature } from './feature.js';

export const banning: RoomFeature = {
  name: 'banning',
  checkJoin: ({ affiliation }) => affiliation === 'outcast'
    ? { condition: 'forbidden', text: 'you are banned from this room' }
    : undefined,
};
