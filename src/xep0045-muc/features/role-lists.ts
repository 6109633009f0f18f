// XEP-0045 §10.2 presencebroadcast and getmemberlist: which roles' presence is broadcast, and
// which roles may read the member list (§9.5).
import type { SubmittedForm } from '../../xmpp/data-form.js';
import type { Role } from '../room/types.js';
import type { ConfigResult, RoomFeature } from './feature.js';

const BROADCAST = 'muc#roomconfig_presencebroadcast';
const MEMBER_LIST = 'muc#roomconfig_getmemberlist';
const ROLES: readonly Role[] = ['moderator', 'participant', 'visitor'];

function roles(form: SubmittedForm, name: string, current: Role[]): Role[] | ConfigResult {
  const values = form.all(name);
  if (values === undefined) return current;
  const chosen = ROLES.filter((role) => values.includes(role));
  if (chosen.length !== values.filter((value) => value !== '').length) {
    return { refused: { condition: 'not-acceptable', text: `${name} takes moderator, participant and visitor` } };
  }
  return chosen;
}

const options = ROLES.map((value) => ({ value }));

export const roleLists: RoomFeature = {
  name: 'role-lists',
  configFields: (config) => [
    { var: BROADCAST, type: 'list-multi', label: 'Roles whose presence is broadcast', values: config.presenceBroadcast, options },
    { var: MEMBER_LIST, type: 'list-multi', label: 'Roles that may retrieve the member list', values: config.getMemberList, options },
  ],
  applyConfig: (config, form) => {
    const presenceBroadcast = roles(form, BROADCAST, config.presenceBroadcast);
    if (!Array.isArray(presenceBroadcast)) return presenceBroadcast;
    const getMemberList = roles(form, MEMBER_LIST, config.getMemberList);
    if (!Array.isArray(getMemberList)) return getMemberList;
    return { ...config, presenceBroadcast, getMemberList };
  },
};
