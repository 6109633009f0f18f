// XEP-0045 §7.2.10 and §10.2 muc#roomconfig_maxusers: a full room refuses newcomers with
// service-unavailable; admins and owners still enter. The operator's maximum caps every room.
import { isAtLeast } from '../room/permissions.js';
import type { RoomConfig } from '../room/room-config.js';
import type { RoomPolicy } from '../room/types.js';
import { submittedCount, type RoomFeature } from './feature.js';

const FIELD = 'muc#roomconfig_maxusers';

export function occupantLimit(config: RoomConfig, policy: RoomPolicy): number {
  return config.maxUsers === 0 ? policy.maxOccupantsLimit : Math.min(config.maxUsers, policy.maxOccupantsLimit);
}

export const occupancyLimit: RoomFeature = {
  name: 'occupancy-limit',
  roomInfo: (room) => [{ var: 'muc#roominfo_occupants', values: [String(room.occupants.size)] }],
  configFields: (config, policy) => {
    const choices = [5, 10, 20, 30, 50, 100, 200, 500, 1000].filter((value) => value <= policy.maxOccupantsLimit);
    if (config.maxUsers !== 0 && !choices.includes(config.maxUsers)) choices.push(config.maxUsers);
    // 0 stands for the service's maximum, so a form sent back unchanged keeps following it.
    return [{
      var: FIELD, type: 'list-single', label: 'Maximum number of occupants',
      values: [String(config.maxUsers)],
      options: [{ value: '0', label: `The service maximum (${policy.maxOccupantsLimit})` },
        ...choices.sort((a, b) => a - b).map((value) => ({ value: String(value) }))],
    }];
  },
  applyConfig: (config, form, policy) => {
    const value = submittedCount(form, FIELD, config.maxUsers);
    if (typeof value !== 'number') return value;
    if (value > policy.maxOccupantsLimit) return { refused: { condition: 'not-acceptable', text: `rooms hold at most ${policy.maxOccupantsLimit} occupants` } };
    return { ...config, maxUsers: value };
  },
  checkJoin: ({ room, affiliation, occupantCount, ctx }) =>
    occupantCount >= occupantLimit(room.config, ctx.policy) && !isAtLeast(affiliation, 'admin')
      ? { condition: 'service-unavailable', type: 'wait', text: 'the room is full' }
      : undefined,
};
