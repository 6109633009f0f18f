// XEP-0045 §8.3–8.6 and §10.2 moderatedroom: in a moderated room visitors have no voice and may
// ask for it (§7.13, muc#request); moderators grant and revoke it.
import { booleanField, submittedBoolean, type RoomFeature } from './feature.js';

const MODERATED = 'muc#roomconfig_moderatedroom';
const VOICE_REQUESTS = 'muc#roomconfig_allowvoicerequests';

export const moderation: RoomFeature = {
  name: 'moderation',
  discoFeatures: (config) => [config.isModerated ? 'muc_moderated' : 'muc_unmoderated'],
  configFields: (config) => [
    booleanField(MODERATED, 'Make room moderated', config.isModerated),
    booleanField(VOICE_REQUESTS, 'Allow visitors to request voice', config.allowVoiceRequests),
  ],
  applyConfig: (config, form) => {
    const isModerated = submittedBoolean(form, MODERATED, config.isModerated);
    if (typeof isModerated !== 'boolean') return isModerated;
    const allowVoiceRequests = submittedBoolean(form, VOICE_REQUESTS, config.allowVoiceRequests);
    if (typeof allowVoiceRequests !== 'boolean') return allowVoiceRequests;
    return { ...config, isModerated, allowVoiceRequests };
  },
};
