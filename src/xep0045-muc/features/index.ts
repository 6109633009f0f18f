// The room features, in order (STYLE §3): join checks run in this order, and the configuration
// form lists fields in this order.
import { adHocInvitation } from './ad-hoc-invitation.js';
import { anonymity } from './anonymity.js';
import { banning } from './banning.js';
import type { RoomFeature } from './feature.js';
import { historyLength } from './history-length.js';
import { invitations } from './invitations.js';
import { logging } from './logging.js';
import { membersOnly } from './members-only.js';
import { moderation } from './moderation.js';
import { nicknames } from './nicknames.js';
import { occupancyLimit } from './occupancy-limit.js';
import { password } from './password.js';
import { persistence } from './persistence.js';
import { privateMessages } from './private-messages.js';
import { publicListing } from './public-listing.js';
import { roleLists } from './role-lists.js';
import { roomIdentity } from './room-identity.js';
import { roomLocking } from './room-locking.js';
import { subjectChange } from './subject-change.js';

export const ROOM_FEATURES: readonly RoomFeature[] = [
  roomIdentity,
  roomLocking,
  banning,
  membersOnly,
  adHocInvitation,
  nicknames,
  occupancyLimit,
  password,
  persistence,
  publicListing,
  moderation,
  anonymity,
  privateMessages,
  subjectChange,
  invitations,
  logging,
  roleLists,
  historyLength,
];
