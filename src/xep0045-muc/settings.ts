// The operator's group chat settings (config `muc`, the reference product's "Group Chat and
// Persistent Chat" page) turned into what the room core and the service consult.
import { Jid } from '../xmpp/jid.js';
import type { RoomDefaults } from './room/room-config.js';
import type { RoomPolicy } from './room/types.js';

/** The `muc` configuration section, as validated (config/schema.ts). */
export interface MucSettings {
  persistentChat: boolean;
  archiveMessages: boolean;
  archiveJoinsAndExits: boolean;
  maxRooms: number;
  maxPersistentRooms: number;
  maxOccupantsLimit: number;
  defaultMaxOccupants: number;
  historyOnJoin: number;
  maxHistoryFetch: number;
  roomsPersistentByDefault: boolean;
  roomsModeratedByDefault: boolean;
  roomsMembersOnlyByDefault: boolean;
  roomsAnonymousByDefault: boolean;
  roomsPublicByDefault: boolean;
  lockNewRooms: boolean;
  roomCreation: 'anyone' | 'admins';
  persistentRoomCreation: 'anyone' | 'admins';
  ownersCanChangePersistence: boolean;
  adHocRequiresInvitation: boolean;
  selfRegistration: boolean;
  admins: readonly string[];
  maxRoomsPerUser: number;
  maxMessageBytes: number;
  floodMessagesPerSecond: number;
  floodBurst: number;
  idleRoomUnloadMs: number;
  leaseTtlMs: number;
}

export interface ServicePolicy extends RoomPolicy {
  canCreateRoom(bareJid: string): boolean;
  defaults: RoomDefaults;
}

/** Builds the policy; `hasPersistentStorage` is false when the external database could not be opened. */
export function servicePolicy(settings: MucSettings, hasPersistentStorage: boolean): ServicePolicy {
  const admins = new Set(settings.admins.map((jid) => Jid.parse(jid).bare().toString()));
  const isServiceAdmin = (bareJid: string): boolean => admins.has(bareJid);
  const isPersistentChatEnabled = settings.persistentChat && hasPersistentStorage;
  return {
    isPersistentChatEnabled,
    canCreatePersistent: (bareJid) => isPersistentChatEnabled && (settings.persistentRoomCreation === 'anyone' || isServiceAdmin(bareJid)),
    canChangePersistence: settings.ownersCanChangePersistence,
    isArchivingForced: settings.archiveMessages,
    maxOccupantsLimit: settings.maxOccupantsLimit,
    historyOnJoin: settings.historyOnJoin,
    maxHistoryFetch: settings.maxHistoryFetch,
    maxMessageBytes: settings.maxMessageBytes,
    isAdHocInvitationRequired: settings.adHocRequiresInvitation,
    isServiceAdmin,
    canCreateRoom: (bareJid) => settings.roomCreation === 'anyone' || isServiceAdmin(bareJid),
    defaults: {
      isPersistent: isPersistentChatEnabled && settings.roomsPersistentByDefault,
      isMembersOnly: settings.roomsMembersOnlyByDefault,
      isModerated: settings.roomsModeratedByDefault,
      isAnonymous: settings.roomsAnonymousByDefault,
      isPublic: settings.roomsPublicByDefault,
      isLogging: settings.archiveMessages,
      maxUsers: Math.min(settings.defaultMaxOccupants, settings.maxOccupantsLimit),
      historyLength: Math.min(settings.historyOnJoin, settings.maxHistoryFetch),
    },
  };
}
