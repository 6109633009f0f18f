// XEP-0045 §7.2.6 and §10.2: a password-protected room admits only those who give its password.
import { booleanField, submittedBoolean, type RoomFeature } from './feature.js';

const PROTECTED = 'muc#roomconfig_passwordprotectedroom';
const SECRET = 'muc#roomconfig_roomsecret';

export const password: RoomFeature = {
  name: 'password',
  discoFeatures: (config) => [config.isPasswordProtected ? 'muc_passwordprotected' : 'muc_unsecured'],
  configFields: (config) => [
    booleanField(PROTECTED, 'Password required to enter', config.isPasswordProtected),
    { var: SECRET, type: 'text-private', label: 'Password', values: config.password === '' ? [] : [config.password] },
  ],
  applyConfig: (config, form) => {
    const isProtected = submittedBoolean(form, PROTECTED, config.isPasswordProtected);
    if (typeof isProtected !== 'boolean') return isProtected;
    const secret = form.text(SECRET) ?? config.password;
    // §10.1.3: a password-protected room with a blank password is a policy violation.
    if (isProtected && secret === '') return { refused: { condition: 'not-acceptable', text: 'a password-protected room needs a password' } };
    return { ...config, isPasswordProtected: isProtected, password: isProtected ? secret : '' };
  },
  checkJoin: ({ room, password: given }) => room.config.isPasswordProtected && given !== room.config.password
    ? { condition: 'not-authorized', text: given === undefined ? 'this room requires a password' : 'wrong password' }
    : undefined,
};
