// A room's configuration (XEP-0045 §10.2, the muc#roomconfig fields) with its defaults, and the
// one versioned codec to and from storage (tc_rooms.config, STYLE §6).
import type { Role } from './types.js';

export type PrivateMessagePolicy = 'anyone' | 'participants' | 'moderators' | 'none';

export interface RoomConfig {
  name: string;
  description: string;
  language: string;
  isPersistent: boolean;
  /** Listed in the service's disco#items (§6.3). */
  isPublic: boolean;
  isMembersOnly: boolean;
  isModerated: boolean;
  isPasswordProtected: boolean;
  password: string;
  /** Who sees occupants' real JIDs: 'anyone' makes the room non-anonymous. */
  whois: 'moderators' | 'anyone';
  /** Most occupants at once; 0 means the service maximum. */
  maxUsers: number;
  /** Occupants other than moderators may invite (in members-only rooms, §7.8). */
  allowInvites: boolean;
  allowPrivateMessages: PrivateMessagePolicy;
  /** Participants may change the subject (moderators always may). */
  canParticipantsChangeSubject: boolean;
  /** Messages are archived (public logging, §10.2 muc#roomconfig_enablelogging; MAM). */
  isLogging: boolean;
  /** Roles whose presence is broadcast. */
  presenceBroadcast: Role[];
  /** Roles that may retrieve the member list. */
  getMemberList: Role[];
  allowVoiceRequests: boolean;
  /** Messages sent on join when the client does not ask for a number (muc#maxhistoryfetch). */
  historyLength: number;
}

/** The defaults an operator sets for new rooms (group chat settings). */
export interface RoomDefaults {
  isPersistent: boolean;
  isMembersOnly: boolean;
  isModerated: boolean;
  isAnonymous: boolean;
  isPublic: boolean;
  isLogging: boolean;
  maxUsers: number;
  historyLength: number;
}

export function defaultRoomConfig(defaults: RoomDefaults): RoomConfig {
  return {
    name: '',
    description: '',
    language: '',
    isPersistent: defaults.isPersistent,
    isPublic: defaults.isPublic,
    isMembersOnly: defaults.isMembersOnly,
    isModerated: defaults.isModerated,
    isPasswordProtected: false,
    password: '',
    whois: defaults.isAnonymous ? 'moderators' : 'anyone',
    maxUsers: defaults.maxUsers,
    allowInvites: false,
    allowPrivateMessages: 'anyone',
    canParticipantsChangeSubject: true,
    isLogging: defaults.isLogging,
    presenceBroadcast: ['moderator', 'participant', 'visitor'],
    getMemberList: ['moderator', 'participant'],
    allowVoiceRequests: true,
    historyLength: defaults.historyLength,
  };
}

export const CONFIG_FORMAT_VERSION = 1;

/** Encodes for tc_rooms.config (format version CONFIG_FORMAT_VERSION). */
export function encodeRoomConfig(config: RoomConfig): string {
  return JSON.stringify(config);
}

/**
 * Decodes a stored configuration. Fields a later version added take their defaults, so rooms
 * stored by an older Parley keep working; an unknown format version is refused.
 */
export function decodeRoomConfig(text: string, formatVersion: number, defaults: RoomDefaults): RoomConfig {
  if (formatVersion !== CONFIG_FORMAT_VERSION) throw new Error(`unknown room configuration format ${formatVersion}`);
  const stored = JSON.parse(text) as Partial<RoomConfig>;
  return { ...defaultRoomConfig(defaults), ...stored };
}
