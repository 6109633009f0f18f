// XEP-0045 §10.2 enablelogging: the room's messages are archived (tc_msgarchive) and searchable
// with XEP-0313. When the operator archives every room message the owner cannot turn it off.
import type { RoomConfig } from '../room/room-config.js';
import type { RoomPolicy } from '../room/types.js';
import { NS } from '../../xmpp/namespaces.js';
import { booleanField, submittedBoolean, type RoomFeature } from './feature.js';

const FIELD = 'muc#roomconfig_enablelogging';

export function isArchived(config: RoomConfig, policy: RoomPolicy): boolean {
  return policy.isArchivingForced || config.isLogging;
}

export const logging: RoomFeature = {
  name: 'logging',
  // XEP-0313 §7: before-id and after-id are supported too.
  discoFeatures: () => [NS.mam, `${NS.mam}#extended`],
  configFields: (config, policy) => policy.isArchivingForced ? [] : [booleanField(FIELD, 'Archive messages', config.isLogging)],
  applyConfig: (config, form, policy) => {
    if (policy.isArchivingForced) return config;
    const value = submittedBoolean(form, FIELD, config.isLogging);
    return typeof value === 'boolean' ? { ...config, isLogging: value } : value;
  },
};
