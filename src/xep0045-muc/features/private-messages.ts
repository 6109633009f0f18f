// XEP-0045 §7.5 and §10.2 allowpm: which roles may send private messages within the room.
import type { PrivateMessagePolicy } from '../room/room-config.js';
import type { RoomFeature } from './feature.js';

const FIELD = 'muc#roomconfig_allowpm';
const CHOICES: readonly PrivateMessagePolicy[] = ['anyone', 'participants', 'moderators', 'none'];

function isChoice(value: string): value is PrivateMessagePolicy {
  return (CHOICES as readonly string[]).includes(value);
}

export const privateMessages: RoomFeature = {
  name: 'private-messages',
  configFields: (config) => [{
    var: FIELD, type: 'list-single', label: 'Roles that may send private messages', values: [config.allowPrivateMessages],
    options: CHOICES.map((value) => ({ value })),
  }],
  applyConfig: (config, form) => {
    const value = form.text(FIELD);
    if (value === undefined) return config;
    if (!isChoice(value)) return { refused: { condition: 'not-acceptable', text: `${FIELD} must be one of ${CHOICES.join(', ')}` } };
    return { ...config, allowPrivateMessages: value };
  },
};
