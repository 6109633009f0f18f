// XEP-0045 §10.2 persistentroom: a persistent room outlives its last occupant and lives in the
// external database. Whether owners may choose, and who may make rooms persistent, is the
// operator's (group chat settings).
import { booleanField, submittedBoolean, type RoomFeature } from './feature.js';

const FIELD = 'muc#roomconfig_persistentroom';

export const persistence: RoomFeature = {
  name: 'persistence',
  discoFeatures: (config) => [config.isPersistent ? 'muc_persistent' : 'muc_temporary'],
  configFields: (config, policy) => policy.isPersistentChatEnabled && policy.canChangePersistence
    ? [booleanField(FIELD, 'Make room persistent', config.isPersistent)]
    : [],
  applyConfig: (config, form, policy, bareJid) => {
    const value = submittedBoolean(form, FIELD, config.isPersistent);
    if (typeof value !== 'boolean') return value;
    if (value === config.isPersistent) return config;
    if (!policy.isPersistentChatEnabled && value) return { refused: { condition: 'not-acceptable', text: 'persistent chat is disabled on this service' } };
    if (!policy.canChangePersistence) return { refused: { condition: 'not-acceptable', text: 'room owners may not change persistence on this service' } };
    if (value && !policy.canCreatePersistent(bareJid)) return { refused: { condition: 'forbidden', text: 'only group chat administrators may make rooms persistent' } };
    return { ...config, isPersistent: value };
  },
};
