// XEP-0045 §7.2.7 and §10.2: a members-only room admits only its members, admins and owners.
import { isAtLeast } from '../room/permissions.js';
import { booleanField, submittedBoolean, type RoomFeature } from './feature.js';

const FIELD = 'muc#roomconfig_membersonly';

export const membersOnly: RoomFeature = {
  name: 'members-only',
  discoFeatures: (config) => [config.isMembersOnly ? 'muc_membersonly' : 'muc_open'],
  configFields: (config) => [booleanField(FIELD, 'Make room members-only', config.isMembersOnly)],
  applyConfig: (config, form) => {
    const value = submittedBoolean(form, FIELD, config.isMembersOnly);
    return typeof value === 'boolean' ? { ...config, isMembersOnly: value } : value;
  },
  checkJoin: ({ room, affiliation }) => room.config.isMembersOnly && !isAtLeast(affiliation, 'member')
    ? { condition: 'registration-required', text: 'this room is for members only' }
    : undefined,
};
