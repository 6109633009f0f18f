// XEP-0045 §5.3 and §10.2 whois: who sees occupants' real JIDs. 'anyone' makes the room
// non-anonymous (what Cisco Jabber needs); 'moderators' semi-anonymous.
import type { RoomFeature } from './feature.js';

const FIELD = 'muc#roomconfig_whois';

export const anonymity: RoomFeature = {
  name: 'anonymity',
  discoFeatures: (config) => [config.whois === 'anyone' ? 'muc_nonanonymous' : 'muc_semianonymous'],
  configFields: (config) => [{
    var: FIELD, type: 'list-single', label: 'Who may discover real JIDs', values: [config.whois],
    options: [{ value: 'moderators', label: 'Moderators only' }, { value: 'anyone', label: 'Anyone' }],
  }],
  applyConfig: (config, form) => {
    const value = form.text(FIELD);
    if (value === undefined) return config;
    if (value !== 'moderators' && value !== 'anyone') return { refused: { condition: 'not-acceptable', text: `${FIELD} must be moderators or anyone` } };
    return { ...config, whois: value };
  },
};
