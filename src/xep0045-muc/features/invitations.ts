// XEP-0045 §7.8 and §10.2 allowinvites: whether occupants other than admins may invite to a
// members-only room.
import { booleanField, submittedBoolean, type RoomFeature } from './feature.js';

const FIELD = 'muc#roomconfig_allowinvites';

export const invitations: RoomFeature = {
  name: 'invitations',
  configFields: (config) => [booleanField(FIELD, 'Allow occupants to invite others', config.allowInvites)],
  applyConfig: (config, form) => {
    const value = submittedBoolean(form, FIELD, config.allowInvites);
    return typeof value === 'boolean' ? { ...config, allowInvites: value } : value;
  },
};
