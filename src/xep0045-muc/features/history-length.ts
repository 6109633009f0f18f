// XEP-0045 §7.2.14 and §10.2 muc#maxhistoryfetch: how many messages a newcomer gets by default,
// capped by the operator's "maximum number of messages that can be retrieved".
import { submittedCount, type RoomFeature } from './feature.js';

const FIELD = 'muc#maxhistoryfetch';

export const historyLength: RoomFeature = {
  name: 'history-length',
  configFields: (config) => [{ var: FIELD, type: 'text-single', label: 'Messages of history sent on entry', values: [String(config.historyLength)] }],
  applyConfig: (config, form, policy) => {
    const value = submittedCount(form, FIELD, config.historyLength);
    if (typeof value !== 'number') return value;
    return value === config.historyLength ? config : { ...config, historyLength: Math.min(value, policy.maxHistoryFetch) };
  },
};
