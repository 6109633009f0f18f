// Fixtures for unit tests of the pure room core (src/xep0045-muc/room): a RoomState, a RoomContext
// with a fixed clock and counter ids, Incoming stanzas written the way a client sends them, and a
// TestRoom that runs each stanza through handleStanza and then applyChanges, so a test reads as
// what people do and what they get: room.enter('bob', 'Bob'); room.say('bob', 'hi').toOthers…
import { applyChanges } from '../../src/xep0045-muc/room/changes.js';
import { defaultRoomConfig, type RoomConfig } from '../../src/xep0045-muc/room/room-config.js';
import { handleStanza, type CoreOptions } from '../../src/xep0045-muc/room/room-core.js';
import type {
  Affiliation, AffiliationEntry, HistoryEntry, Incoming, Occupant, Outcome, Role, RoomChange, RoomContext, RoomPolicy, RoomState, Subject,
} from '../../src/xep0045-muc/room/types.js';
import type { JoinAttempt } from '../../src/xep0045-muc/features/feature.js';
import { SubmittedForm } from '../../src/xmpp/data-form.js';
import { cloneElement, xml, type Element } from '../../src/xmpp/element.js';
import { Jid } from '../../src/xmpp/jid.js';
import { NS } from '../../src/xmpp/namespaces.js';

export const DOMAIN = 'example.org';
export const SERVICE = `conference.${DOMAIN}`;
export const ROOM = `lounge@${SERVICE}`;
/** The fixed clock of every test context. */
export const NOW = new Date('2024-05-01T12:00:00.000Z');

/** 'bob' → bob@example.org/desk; 'bob/phone' → bob@example.org/phone; a JID with '@' is kept. */
export function full(who: string): string {
  if (who.includes('@')) return who;
  const [name, resource] = who.split('/');
  return `${name ?? who}@${DOMAIN}/${resource ?? 'desk'}`;
}

/** 'bob' or 'bob/phone' → bob@example.org. */
export function bare(who: string): string {
  return Jid.parse(full(who)).bare().toString();
}

export function occupantJid(nick: string, room = ROOM): string {
  return `${room}/${nick}`;
}

// ─── the room's state and its context ────────────────────────────────────────────────────────────

export interface RoomSetup {
  jid?: string;
  config?: Partial<RoomConfig>;
  /** By short name ('alice') or bare JID: an affiliation, or a whole entry (with a registered nick). */
  affiliations?: Record<string, Exclude<Affiliation, 'none'> | AffiliationEntry>;
  isLocked?: boolean;
  /** A room nobody has entered yet: the first to enter creates it (§10.1.1). */
  isUnclaimed?: boolean;
  subject?: Subject;
  history?: HistoryEntry[];
  invited?: string[];
}

/** A configured, unlocked room with the operator's usual defaults (semi-anonymous, open, unmoderated). */
export function makeRoom(setup: RoomSetup = {}): RoomState {
  const config: RoomConfig = {
    ...defaultRoomConfig({
      isPersistent: true, isMembersOnly: false, isModerated: false, isAnonymous: true,
      isPublic: true, isLogging: false, maxUsers: 0, historyLength: 20,
    }),
    ...setup.config,
  };
  const affiliations = new Map<string, AffiliationEntry>();
  for (const [who, value] of Object.entries(setup.affiliations ?? {})) {
    affiliations.set(who.includes('@') || who.includes('.') ? who : bare(who), typeof value === 'string' ? { affiliation: value } : value);
  }
  const history = setup.history ?? [];
  return {
    jid: setup.jid ?? ROOM,
    config,
    affiliations,
    occupants: new Map(),
    nickOf: new Map(),
    subject: setup.subject,
    isLocked: setup.isLocked ?? false,
    isUnclaimed: setup.isUnclaimed ?? false,
    isDestroyed: false,
    history,
    subjectChanges: [],
    lastArchiveId: history.reduce((last, entry) => Math.max(last, entry.id), 0),
    invited: new Set((setup.invited ?? []).map(bare)),
    relays: new Map(),
    creator: bare('alice'),
    createdAt: new Date('2024-01-01T00:00:00.000Z'),
  };
}

export interface PolicySetup extends Partial<Omit<RoomPolicy, 'isServiceAdmin' | 'canCreatePersistent'>> {
  /** Group chat system administrators, by short name or bare JID. */
  serviceAdmins?: string[];
  /** Who may make rooms persistent; everyone when absent. */
  persistentCreators?: string[];
}

export function makePolicy(setup: PolicySetup = {}): RoomPolicy {
  const { serviceAdmins = [], persistentCreators, ...rest } = setup;
  const admins = new Set(serviceAdmins.map(bare));
  const creators = persistentCreators === undefined ? undefined : new Set(persistentCreators.map(bare));
  return {
    isPersistentChatEnabled: true,
    canChangePersistence: true,
    isArchivingForced: false,
    maxOccupantsLimit: 100,
    historyOnJoin: 20,
    maxHistoryFetch: 50,
    maxMessageBytes: 10_000,
    isAdHocInvitationRequired: false,
    ...rest,
    isServiceAdmin: (bareJid) => admins.has(bareJid),
    canCreatePersistent: (bareJid) => creators === undefined || creators.has(bareJid),
  };
}

/** A RoomContext whose clock stands still at `now` and whose stanza ids count up: sid-1, sid-2, … */
export interface TestContext extends RoomContext {
  /** Every stanza id handed out, in order. */
  readonly stanzaIds: string[];
}

export function makeContext(setup: { now?: Date; policy?: PolicySetup } = {}): TestContext {
  const stanzaIds: string[] = [];
  return {
    now: setup.now ?? NOW,
    policy: makePolicy(setup.policy),
    stanzaIds,
    newStanzaId: () => {
      const id = `sid-${stanzaIds.length + 1}`;
      stanzaIds.push(id);
      return id;
    },
    occupantId: (bareJid) => `occ:${bareJid}`,
  };
}

// ─── stanzas as a client sends them ──────────────────────────────────────────────────────────────

type Child = Element | string | undefined;

/** Any stanza from `who` to the room (nick '') or to an occupant JID of it. */
export function incoming(who: string, stanza: Element, nick = '', room = ROOM): Incoming {
  const from = full(who);
  stanza.attrs.from = from;
  stanza.attrs.to = nick === '' ? room : `${room}/${nick}`;
  return { stanza, from, bareFrom: Jid.parse(from).bare().toString(), nick };
}

export interface JoinOptions {
  password?: string;
  /** Attributes of <history/> (§7.2.14). */
  history?: Record<string, string>;
  /** Extra children of the presence (show, status, caps, …). */
  children?: Child[];
  /** Leave out <x xmlns='…muc'/>, as a groupchat 1.0 client or a presence update does. */
  isPlain?: boolean;
  id?: string;
}

/** Presence to an occupant JID: a join when the sender is not in the room (§7.2.1). */
export function presenceTo(who: string, nick: string, options: JoinOptions & { type?: string } = {}): Incoming {
  const mucX = options.isPlain === true ? undefined
    : xml('x', { xmlns: NS.muc },
      options.password === undefined ? undefined : xml('password', {}, options.password),
      options.history === undefined ? undefined : xml('history', options.history));
  return incoming(who, xml('presence', { type: options.type, id: options.id }, ...(options.children ?? []), mucX), nick);
}

export function groupchatIn(who: string, body: string, ...children: Child[]): Incoming {
  return incoming(who, xml('message', { type: 'groupchat', id: `m-${body.length}` }, xml('body', {}, body), ...children));
}

export function subjectIn(who: string, subject: string, ...children: Child[]): Incoming {
  return incoming(who, xml('message', { type: 'groupchat', id: 'subj' }, xml('subject', {}, subject), ...children));
}

/** A private message to an occupant JID; `type` null leaves the type out (a normal message). */
export function privateIn(who: string, toNick: string, body: string, type: string | null = 'chat', ...children: Child[]): Incoming {
  return incoming(who, xml('message', { type: type ?? undefined, id: 'pm1' }, xml('body', {}, body), ...children), toNick);
}

export function iqIn(who: string, type: string, payload?: Element, nick = '', id = 'iq1'): Incoming {
  return incoming(who, xml('iq', { type, id }, payload), nick);
}

/** A muc#admin item: role/affiliation/nick/jid attributes, and an optional reason. */
export function item(attrs: Record<string, string>, reason?: string): Element {
  return xml('item', attrs, reason === undefined ? undefined : xml('reason', {}, reason));
}

export function adminQuery(...items: Element[]): Element {
  return xml('query', { xmlns: NS.mucAdmin }, ...items);
}

export function ownerQuery(...children: Child[]): Element {
  return xml('query', { xmlns: NS.mucOwner }, ...children);
}

/** A submitted data form (XEP-0004) with FORM_TYPE first when given. */
export function submitForm(formType: string | undefined, fields: Record<string, string | string[]> = {}, type = 'submit'): Element {
  return xml('x', { xmlns: NS.dataForms, type },
    formType === undefined ? undefined : xml('field', { var: 'FORM_TYPE', type: 'hidden' }, xml('value', {}, formType)),
    ...Object.entries(fields).map(([name, value]) =>
      xml('field', { var: name }, ...(Array.isArray(value) ? value : [value]).map((one) => xml('value', {}, one)))));
}

export function configForm(fields: Record<string, string | string[]> = {}): Element {
  return submitForm(NS.mucRoomConfig, fields);
}

/** A muc#roomconfig submission as a feature's applyConfig reads it. */
export function configSubmission(fields: Record<string, string | string[]> = {}): SubmittedForm {
  const form = SubmittedForm.from(xml('query', {}, configForm(fields)));
  if (form === undefined) throw new Error('no form');
  return form;
}

/** Someone asking to enter `room`, as the features' join checks see it. */
export function joinAttempt(room: RoomState, overrides: Partial<JoinAttempt> = {}): JoinAttempt {
  return {
    room, bareJid: bare('bob'), nick: 'Bob', affiliation: 'none', password: undefined,
    occupantCount: room.occupants.size, ctx: makeContext(), ...overrides,
  };
}

// ─── reading what the room sends ─────────────────────────────────────────────────────────────────

/** One stanza as one recipient gets it: a copy of the outbound stanza with its 'to'. */
export interface Delivery {
  to: string;
  stanza: Element;
}

export function deliveriesOf(outcome: Outcome): Delivery[] {
  return outcome.out.flatMap((outbound) => outbound.to.map((to) => {
    const stanza = cloneElement(outbound.stanza);
    stanza.attrs.to = to;
    return { to, stanza };
  }));
}

export function statusCodes(stanza: Element | undefined): number[] {
  return stanza?.getChild('x', NS.mucUser)?.getChildren('status').map((status) => Number(status.attrs.code)) ?? [];
}

/** The attributes of the muc#user <item/> of a presence. */
export function mucItem(stanza: Element | undefined): Record<string, string> {
  return stanza?.getChild('x', NS.mucUser)?.getChild('item')?.attrs ?? {};
}

/** An attribute as a string (ltx types attributes as any). */
export function attr(element: Element | undefined, name: string): string | undefined {
  const value = element?.attrs[name] as unknown;
  return typeof value === 'string' ? value : undefined;
}

export function errorCondition(stanza: Element | undefined): string | undefined {
  return stanza?.getChild('error')?.getChildElements().find((child) => child.name !== 'text')?.name;
}

export function errorType(stanza: Element | undefined): string | undefined {
  return stanza?.getChild('error')?.attrs.type as string | undefined;
}

export function isSelfPresence(stanza: Element): boolean {
  return stanza.name === 'presence' && statusCodes(stanza).includes(110);
}

/** What handling one stanza produced, read from the point of view of the people in the room. */
export class Exchange {
  readonly deliveries: Delivery[];

  constructor(readonly incoming: Incoming, readonly outcome: Outcome) {
    this.deliveries = deliveriesOf(outcome);
  }

  get changes(): RoomChange[] {
    return this.outcome.changes;
  }

  /** Everything delivered to `who` (a short name or a full JID), in order. */
  to(who: string): Element[] {
    const jid = full(who);
    return this.deliveries.filter((delivery) => delivery.to === jid).map((delivery) => delivery.stanza);
  }

  presencesTo(who: string): Element[] {
    return this.to(who).filter((stanza) => stanza.name === 'presence');
  }

  messagesTo(who: string): Element[] {
    return this.to(who).filter((stanza) => stanza.name === 'message');
  }

  /** Presence about `nick` that `who` got, in order. */
  presenceOf(nick: string, who: string): Element[] {
    return this.presencesTo(who).filter((stanza) => stanza.attrs.from === occupantJid(nick, this.roomJid));
  }

  /** The error the sender got back, if any. */
  get errorReply(): Element | undefined {
    return this.to(this.incoming.from).find((stanza) => stanza.attrs.type === 'error');
  }

  /** The error condition the sender got back, if any. */
  get error(): string | undefined {
    return errorCondition(this.errorReply);
  }

  /** The IQ result the sender got back, if any. */
  get result(): Element | undefined {
    return this.to(this.incoming.from).find((stanza) => stanza.name === 'iq' && stanza.attrs.type === 'result');
  }

  /** Whether the room said nothing and changed nothing. */
  get isIgnored(): boolean {
    return this.outcome.out.length === 0 && this.outcome.changes.length === 0;
  }

  /** Everyone who got anything. */
  get recipients(): string[] {
    return [...new Set(this.deliveries.map((delivery) => delivery.to))];
  }

  private get roomJid(): string {
    const to = this.incoming.stanza.attrs.to as string | undefined;
    return to === undefined ? ROOM : Jid.parse(to).bare().toString();
  }
}

/** Runs one stanza through the core and applies what it changed, as the room host does. */
export function run(room: RoomState, stanza: Incoming, ctx: RoomContext, options: CoreOptions = { canSelfRegister: true }): Exchange {
  const outcome = handleStanza(room, stanza, ctx, options);
  applyChanges(room, outcome.changes, ctx.policy.maxHistoryFetch);
  return new Exchange(stanza, outcome);
}

export interface TestRoomSetup extends RoomSetup {
  policy?: PolicySetup;
  now?: Date;
  canSelfRegister?: boolean;
}

/** A room with its context: people enter, speak and manage it; each call is one stanza. */
export class TestRoom {
  readonly state: RoomState;
  readonly ctx: TestContext;
  readonly options: CoreOptions;

  constructor(setup: TestRoomSetup = {}) {
    this.state = makeRoom(setup);
    this.ctx = makeContext({ ...(setup.now === undefined ? {} : { now: setup.now }), ...(setup.policy === undefined ? {} : { policy: setup.policy }) });
    this.options = { canSelfRegister: setup.canSelfRegister ?? true };
  }

  send(stanza: Incoming): Exchange {
    return run(this.state, stanza, this.ctx, this.options);
  }

  /** Enters (§7.2) with <x xmlns='…muc'/>. */
  enter(who: string, nick: string, options: JoinOptions = {}): Exchange {
    return this.send(presenceTo(who, nick, options));
  }

  /** Enters every one of `people` (short name → nick), failing loudly when one is refused. */
  enterAll(people: Record<string, string>): this {
    for (const [who, nick] of Object.entries(people)) {
      const exchange = this.enter(who, nick);
      if (exchange.error !== undefined) throw new Error(`${who} could not enter as ${nick}: ${exchange.error}`);
    }
    return this;
  }

  leave(who: string, children: Child[] = []): Exchange {
    const nick = this.state.nickOf.get(full(who)) ?? 'nobody';
    return this.send(incoming(who, xml('presence', { type: 'unavailable' }, ...children), nick));
  }

  say(who: string, body: string, ...children: Child[]): Exchange {
    return this.send(groupchatIn(who, body, ...children));
  }

  setSubject(who: string, subject: string): Exchange {
    return this.send(subjectIn(who, subject));
  }

  privately(who: string, toNick: string, body: string, type: string | null = 'chat'): Exchange {
    return this.send(privateIn(who, toNick, body, type));
  }

  admin(who: string, ...items: Element[]): Exchange {
    return this.send(iqIn(who, 'set', adminQuery(...items)));
  }

  adminGet(who: string, attrs: Record<string, string>): Exchange {
    return this.send(iqIn(who, 'get', adminQuery(item(attrs))));
  }

  owner(who: string, ...children: Child[]): Exchange {
    return this.send(iqIn(who, 'set', ownerQuery(...children)));
  }

  configure(who: string, fields: Record<string, string | string[]> = {}): Exchange {
    return this.owner(who, configForm(fields));
  }

  occupant(nick: string): Occupant | undefined {
    return this.state.occupants.get(nick);
  }

  roleOf(nick: string): Role | undefined {
    return this.state.occupants.get(nick)?.role;
  }

  affiliationOf(who: string): Affiliation {
    return this.state.affiliations.get(bare(who))?.affiliation ?? 'none';
  }

  get nicks(): string[] {
    return [...this.state.occupants.keys()];
  }
}

/** A history entry as the room would have recorded it (the broadcast template, without 'to'). */
export function historyEntry(id: number, nick: string, body: string, sentAt: Date, room = ROOM): HistoryEntry {
  return {
    id, stanzaId: `h-${id}`, nick, fromJid: bare(nick.toLowerCase()), sentAt,
    stanza: xml('message', { xmlns: NS.client, type: 'groupchat', id: `hm-${id}`, from: `${room}/${nick}` },
      xml('body', {}, body),
      xml('stanza-id', { xmlns: NS.stanzaId, id: `h-${id}`, by: room }),
      xml('occupant-id', { xmlns: NS.occupantId, id: `occ:${bare(nick.toLowerCase())}` })),
  };
}

/** Checks the state's two indexes agree: every session's nick names an occupant holding that session. */
export function stateInconsistencies(room: RoomState): string[] {
  const problems: string[] = [];
  for (const [jid, nick] of room.nickOf) {
    const occupant = room.occupants.get(nick);
    if (occupant === undefined) problems.push(`${jid} → ${nick}, which is not an occupant`);
    else if (!occupant.sessions.has(jid)) problems.push(`${jid} → ${nick}, which does not hold that session`);
  }
  for (const [nick, occupant] of room.occupants) {
    if (occupant.nick !== nick) problems.push(`occupant under ${nick} calls itself ${occupant.nick}`);
    if (occupant.sessions.size === 0) problems.push(`${nick} has no sessions`);
    for (const jid of occupant.sessions.keys()) if (room.nickOf.get(jid) !== nick) problems.push(`${nick}'s session ${jid} is not indexed`);
  }
  return problems;
}
