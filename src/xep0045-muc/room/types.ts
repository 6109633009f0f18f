// The room core's data (XEP-0045 §5): a room's lasting state, its occupants, and what handling
// one stanza produces. The core is pure: it reads this state and returns an Outcome; the host
// persists the changes, applies them (changes.ts) and sends the stanzas.
import type { Element } from '../../xmpp/element.js';
import type { StanzaErrorSpec } from '../../xmpp/stanza-errors.js';
import type { RoomConfig } from './room-config.js';

/** §5.1 roles: temporary, while in the room. */
export type Role = 'moderator' | 'participant' | 'visitor' | 'none';
/** §5.2 affiliations: lasting, per bare JID. */
export type Affiliation = 'owner' | 'admin' | 'member' | 'outcast' | 'none';

export interface AffiliationEntry {
  affiliation: Exclude<Affiliation, 'none'>;
  /** The nick registered with the room (§7.10), reserved for this user. */
  nick?: string;
  reason?: string;
}

export interface Occupant {
  nick: string;
  /** Normalised bare real JID; every session of an occupant has it (§7.2.9 multiple sessions). */
  bareJid: string;
  role: Role;
  /** XEP-0421 occupant id: stable per user and room, opaque. */
  occupantId: string;
  /** Full real JID → the presence that session last sent, without its MUC extension. */
  sessions: Map<string, Element>;
}

export interface Subject {
  text: string;
  /** Nick of who set it, when an occupant did. */
  by?: string;
  /** XEP-0421 occupant id of who set it, while the room remembers it. */
  occupantId?: string;
  at: Date;
}

/** A message kept for history on join (§7.2.14), as broadcast (template without 'to'). */
export interface HistoryEntry {
  /** Archive id, increasing per room. */
  id: number;
  stanzaId: string;
  nick: string;
  /** Bare real JID of the sender. */
  fromJid: string;
  sentAt: Date;
  stanza: Element;
}

export interface RoomState {
  /** Bare room JID, normalised. */
  readonly jid: string;
  config: RoomConfig;
  affiliations: Map<string, AffiliationEntry>;
  /** Nick → occupant. */
  occupants: Map<string, Occupant>;
  /** Full real JID → nick, for every session in the room. */
  nickOf: Map<string, string>;
  subject: Subject | undefined;
  /** §10.1.2: created and not yet configured; only its owner may enter. */
  isLocked: boolean;
  /** Nobody has entered yet: the first to enter creates the room and owns it (§10.1.1). */
  isUnclaimed: boolean;
  isDestroyed: boolean;
  /** Most recent messages, oldest first, at most the service's history limit. */
  history: HistoryEntry[];
  /**
   * Most recent subject changes, oldest first, as many as the history limit: with `history`, the
   * archive of a room that has none stored (XEP-0313 §6.1.1 archives subject changes).
   */
  subjectChanges: HistoryEntry[];
  lastArchiveId: number;
  /** IQs relayed to occupants and not yet answered, by the id the room gave them (§17.4). */
  relays: Map<string, RelayedIq>;
  /** Bare JIDs invited since the room was loaded (for ad hoc rooms that require invitation). */
  invited: Set<string>;
  /** Bare JID of the creator. */
  creator: string;
  createdAt: Date;
}

/** An IQ the room passed to an occupant: who asked, with which id, and who must answer. */
export interface RelayedIq {
  /** Full real JID of the asker. */
  sender: string;
  id: string;
  /** Full real JID of the session asked. */
  target: string;
}

/** Service-wide policy the core consults (the operator's group chat settings). */
export interface RoomPolicy {
  /** Whether persistent rooms are allowed at all. */
  isPersistentChatEnabled: boolean;
  /** Rooms are persistent unless an owner says otherwise. */
  canCreatePersistent(bareJid: string): boolean;
  canChangePersistence: boolean;
  /** Every room message is archived, whatever the room's logging setting. */
  isArchivingForced: boolean;
  maxOccupantsLimit: number;
  historyOnJoin: number;
  maxHistoryFetch: number;
  maxMessageBytes: number;
  /** Only invited users (and the room's members) may enter an ad hoc room. */
  isAdHocInvitationRequired: boolean;
  /** Group chat system administrators: owners of every room. */
  isServiceAdmin(bareJid: string): boolean;
}

/** What the core needs from outside, injected so it stays pure (clock, ids, policy). */
export interface RoomContext {
  now: Date;
  policy: RoomPolicy;
  /** A fresh XEP-0359 stanza id. */
  newStanzaId(): string;
  /** XEP-0421 occupant id for a bare real JID in this room. */
  occupantId(bareJid: string): string;
}

/** A stanza without 'to', and everyone it goes to (serialised once for all of them). */
export interface Outbound {
  stanza: Element;
  to: readonly string[];
}

/** A state change the host applies after persisting it (changes.ts). */
export type RoomChange =
  | { kind: 'session-joined'; nick: string; realJid: string; bareJid: string; role: Role; presence: Element; occupantId: string }
  | { kind: 'session-left'; realJid: string }
  | { kind: 'presence-updated'; realJid: string; presence: Element }
  | { kind: 'nick-changed'; realJid: string; nick: string }
  | { kind: 'role-set'; nick: string; role: Role }
  | { kind: 'affiliation-set'; bareJid: string; entry: AffiliationEntry | undefined }
  | { kind: 'config-set'; config: RoomConfig }
  | { kind: 'subject-set'; subject: Subject }
  | { kind: 'unlocked' }
  | { kind: 'invited'; bareJid: string }
  | { kind: 'iq-relayed'; relayId: string; relay: RelayedIq }
  | { kind: 'iq-answered'; relayId: string }
  | { kind: 'destroyed' }
  /** A groupchat message joins the history (and the archive, when the room is archived). */
  | { kind: 'history-appended'; entry: HistoryEntry };

/** What handling one stanza produced. */
export interface Outcome {
  changes: RoomChange[];
  out: Outbound[];
  /** The error for the stanza's sender when a lasting change cannot be stored. */
  onStorageFailure?: StanzaErrorSpec;
}

export const NO_OUTCOME: Outcome = { changes: [], out: [] };

/** A stanza for the room, with its sender already parsed and normalised. */
export interface Incoming {
  stanza: Element;
  /** Full real JID of the sender. */
  from: string;
  /** Bare real JID of the sender. */
  bareFrom: string;
  /** The nick addressed (resource of 'to'), '' when addressed to the room itself. */
  nick: string;
}
