// XEP-0045 §7.2.14 and §10.2 muc#maxhistoryfetch: how many messages a newcomer gets by default,
// capped by the operator's "maximum number of messages that can be retrieved".
import type { RoomFeature } from './feature.js';

const FIELD = 'muc#maxhistoryfetch';

export const historyLength: RoomFeature = {
  name: 'history-length',
  configFields: (config) => [{ var: FIELD, type: 'text-single', label: 'Messages of history sent on entry', values: [String(config.historyLength)] }],
  applyConfig: (config, form, policy) => {
    const text = form.text(FIELD);
    if (text === undefined) return config;
    const value = Number(text);
    if (!Number.isInteger(value) || value < 0) return { refused: { condition: 'not-acceptable', text: `${FIELD} must be a whole number` } };
    return { ...config, historyLength: Math.min(value, policy.maxHistoryFetch) };
  },
};
