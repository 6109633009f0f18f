// XEP-0045 §10.1.2: a new room stays locked until its owner configures it (or accepts the
// instant room); nobody else may enter meanwhile.
import { isAtLeast } from '../room/permissions.js';
import type { RoomFeature } from './feature.js';

export const roomLocking: RoomFeature = {
  name: 'room-locking',
  checkJoin: ({ room, affiliation }) => room.isLocked && !isAtLeast(affiliation, 'owner')
    ? { condition: 'item-not-found', text: 'the room is locked until its owner configures it' }
    : undefined,
};
