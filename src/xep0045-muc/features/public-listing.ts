// XEP-0045 §10.2 publicroom: a public room is listed in the service's disco#items (§6.3);
// a hidden one is reachable only by those who know its address.
import { booleanField, submittedBoolean, type RoomFeature } from './feature.js';

const FIELD = 'muc#roomconfig_publicroom';

export const publicListing: RoomFeature = {
  name: 'public-listing',
  discoFeatures: (config) => [config.isPublic ? 'muc_public' : 'muc_hidden'],
  configFields: (config) => [booleanField(FIELD, 'Make room publicly searchable', config.isPublic)],
  applyConfig: (config, form) => {
    const value = submittedBoolean(form, FIELD, config.isPublic);
    return typeof value === 'boolean' ? { ...config, isPublic: value } : value;
  },
};
