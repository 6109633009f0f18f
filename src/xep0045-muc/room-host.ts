// One loaded room at the I/O edge (STYLE §5): a serial queue so two stanzas for the room never
// interleave, the pure core in the middle, storage before acknowledgement, and an ordered output
// so a message whose archive commit is pending is not overtaken by what follows it.
import type { Logger } from 'pino';
import { StaleFenceError } from '../persistence/ports.js';
import { NS } from '../xmpp/namespaces.js';
import { errorReply, type StanzaErrorSpec } from '../xmpp/stanza-errors.js';
import { FloodControl } from './flood-control.js';
import { isArchived } from './features/logging.js';
import { applyChanges } from './room/changes.js';
import { handleStanza, type CoreOptions } from './room/room-core.js';
import type { HistoryEntry, Incoming, Outbound, Outcome, RoomChange, RoomContext, RoomState } from './room/types.js';
import { PersistentRoomLimitError, type RoomWriter } from './room-writer.js';
import type { ServicePolicy } from './settings.js';

function isArchiveQuery(incoming: Incoming): boolean {
  return incoming.stanza.name === 'iq' && incoming.nick === '' && incoming.stanza.getChild('query', NS.mam) !== undefined;
}

export interface LoadedRoom {
  state: RoomState;
  /** tc_rooms id when the room is stored. */
  storeId: number | undefined;
}

export interface RoomHostDependencies {
  policy: ServicePolicy;
  coreOptions: CoreOptions;
  writer: RoomWriter | undefined;
  /** Sends what a room produced, in order. */
  send(out: readonly Outbound[]): void;
  context(room: RoomState): RoomContext;
  /** Creates a room for a stanza that finds none (`host` is the one asking), or says why not. */
  create(incoming: Incoming, host: RoomHost): Promise<RoomState | StanzaErrorSpec>;
  /** Told when a room has no occupant left, or is destroyed. */
  onIdle(host: RoomHost): void;
  /** Called when a write was refused because another node took the alias over. */
  onFenceLost(error: StaleFenceError): void;
  /** Answers an XEP-0313 query to the room (I/O: the archive). */
  queryArchive(room: RoomState, storeId: number | undefined, incoming: Incoming): Promise<Outbound[]>;
  /** Told when an occupant session enters or leaves (rooms-per-user accounting). */
  onSessionsChanged(host: RoomHost, changes: readonly RoomChange[]): void;
  flood: { ratePerSecond: number; burst: number };
  log: Logger;
}

export class RoomHost {
  state: RoomState | undefined;
  storeId: number | undefined;
  private work: Promise<void>;
  private output: Promise<void> = Promise.resolve();
  private readonly flood: FloodControl;
  private loadError: unknown;
  /** Stanzas submitted and not yet handled. */
  private pending = 0;
  private hasReservation = false;
  private isStoreUncertain = false;

  constructor(readonly jid: string, private readonly deps: RoomHostDependencies, load: () => Promise<LoadedRoom | undefined>) {
    this.flood = new FloodControl(deps.flood.ratePerSecond, deps.flood.burst);
    this.work = load().then((loaded) => {
      this.state = loaded?.state;
      this.storeId = loaded?.storeId;
    }, (error: unknown) => {
      this.loadError = error;
      deps.log.warn({ err: error, room: jid }, 'room could not be loaded');
    });
  }

  /**
   * A room in memory that is not stored: a temporary room, a room not yet created in the store,
   * or one whose creation passed the room limit and is under way.
   */
  get isUnstored(): boolean {
    return this.hasReservation || (this.storeId === undefined && this.state !== undefined && !this.state.isDestroyed);
  }

  /** A write failed since the room was loaded: what is stored may differ from what is in memory. */
  get hasUncertainStore(): boolean {
    return this.isStoreUncertain;
  }

  /** Holds this room's place under the room limit until its creation is done. */
  reserveCreation(): void {
    this.hasReservation = true;
  }

  /** No occupant, nothing queued: the room may be unloaded (or, if temporary, forgotten). */
  get isIdle(): boolean {
    return this.pending === 0 && (this.state === undefined || this.state.isDestroyed || this.state.occupants.size === 0);
  }

  /** Queues a stanza for the room; stanzas are handled one at a time, in arrival order. */
  submit(incoming: Incoming): void {
    this.pending += 1;
    this.work = this.work.then(() => this.handle(incoming)).catch((error: unknown) => {
      this.deps.log.error({ err: error, room: this.jid, stanzaId: incoming.stanza.attrs.id }, 'room stanza handling failed');
      this.deps.send([{ stanza: errorReply(incoming.stanza, { condition: 'internal-server-error' }), to: [incoming.from] }]);
    }).finally(() => {
      this.pending -= 1;
      // Whatever the stanza was (a disco#info or MAM query loads a room too), an empty room may go.
      if (this.isIdle) this.deps.onIdle(this);
    });
  }

  /** Resolves once everything queued so far has been handled and sent. */
  async settled(): Promise<void> {
    await this.work;
    await this.output;
  }

  private async handle(incoming: Incoming): Promise<void> {
    if (this.loadError !== undefined) {
      this.reply(incoming, { condition: 'resource-constraint', text: 'the room cannot be loaded right now; try again' });
      return;
    }
    if ((this.state === undefined || this.state.isDestroyed) && !(await this.create(incoming))) return;
    const room = this.state;
    if (room === undefined) return;
    if (this.isFlooding(room, incoming)) {
      this.reply(incoming, { condition: 'policy-violation', type: 'wait', text: 'you are sending messages too fast' });
      return;
    }
    if (isArchiveQuery(incoming)) {
      this.emit(await this.deps.queryArchive(room, this.storeId, incoming));
      return;
    }
    const ctx = this.deps.context(room);
    const outcome = handleStanza(room, incoming, ctx, this.deps.coreOptions);
    if (outcome.changes.length === 0) {
      this.emit(outcome.out);
      return;
    }
    const message = outcome.changes.find((change) => change.kind === 'history-appended');
    if (message !== undefined && outcome.changes.length === 1) {
      this.archiveThenSend(room, message.entry, outcome, incoming);
      return;
    }
    if (!(await this.persist(room, outcome, incoming, ctx.now))) return;
    // A subject change is stored with the room, then archived, before anyone hears of it.
    if (message !== undefined) await this.archiveStoredChange(room, message.entry, incoming);
    applyChanges(room, outcome.changes, this.deps.policy.maxHistoryFetch);
    this.deps.onSessionsChanged(this, outcome.changes);
    for (const change of outcome.changes) if (change.kind === 'session-left') this.flood.forget(change.realJid);
    this.emit(outcome.out);
  }

  /** Creates the room for a stanza that finds none; false (and the reason sent) when it may not be. */
  private async create(incoming: Incoming): Promise<boolean> {
    try {
      const created = await this.deps.create(incoming, this);
      if (!('jid' in created)) {
        this.reply(incoming, created);
        return false;
      }
      this.state = created;
      this.storeId = undefined;
      return true;
    } finally {
      // In the same step as the state is set: the room counts as in memory from here on.
      this.hasReservation = false;
    }
  }

  private isFlooding(room: RoomState, incoming: Incoming): boolean {
    if (incoming.stanza.name !== 'message' || !room.nickOf.has(incoming.from)) return false;
    return !this.flood.take(incoming.from, Date.now());
  }

  /** Writes lasting changes before they are acknowledged; false (and an error sent) when that failed. */
  private async persist(room: RoomState, outcome: Outcome, incoming: Incoming, now: Date): Promise<boolean> {
    const { writer } = this.deps;
    if (writer === undefined) return true;
    try {
      this.storeId = await writer.persist(room, this.storeId, outcome.changes, now);
      return true;
    } catch (error) {
      this.storageFailed(error, incoming, outcome.onStorageFailure);
      return false;
    }
  }

  /**
   * A groupchat message: recorded at once (so the next message gets the next id), broadcast only
   * once its archive commit is done; the queue does not wait, so commits of a busy room batch up.
   */
  private archiveThenSend(room: RoomState, entry: HistoryEntry, outcome: Outcome, incoming: Incoming): void {
    applyChanges(room, outcome.changes, this.deps.policy.maxHistoryFetch);
    const { writer } = this.deps;
    if (writer === undefined || this.storeId === undefined || !isArchived(room.config, this.deps.policy)) {
      this.emit(outcome.out);
      return;
    }
    const committed = writer.archive(this.storeId, room, entry).then(() => true, (error: unknown) => {
      room.history = room.history.filter((kept) => kept !== entry);
      this.storageFailed(error, incoming, outcome.onStorageFailure);
      return false;
    });
    this.output = this.output.then(async () => {
      if (await committed) this.deps.send(outcome.out);
    });
  }

  /**
   * Archives the entry of a change already stored with the room (a subject change). The change
   * has taken effect, so a failed archive write does not undo it: it is logged, and the entry's
   * id stays used.
   */
  private async archiveStoredChange(room: RoomState, entry: HistoryEntry, incoming: Incoming): Promise<void> {
    const { writer } = this.deps;
    if (writer === undefined || this.storeId === undefined || !isArchived(room.config, this.deps.policy)) return;
    try {
      await writer.archive(this.storeId, room, entry);
    } catch (error) {
      if (error instanceof StaleFenceError) this.deps.onFenceLost(error);
      this.deps.log.warn({ err: error, room: this.jid, stanzaId: incoming.stanza.attrs.id }, 'stored room change not archived');
    }
  }

  private storageFailed(error: unknown, incoming: Incoming, spec: StanzaErrorSpec | undefined): void {
    if (error instanceof PersistentRoomLimitError) {
      this.reply(incoming, { condition: 'not-allowed', text: `no more persistent rooms: ${error.message}` });
      return;
    }
    // Part of a change may have been written: the database, not memory, now says what the room is.
    this.isStoreUncertain = true;
    if (error instanceof StaleFenceError) this.deps.onFenceLost(error);
    this.deps.log.warn({ err: error, room: this.jid, stanzaId: incoming.stanza.attrs.id }, 'room change not stored');
    this.reply(incoming, spec ?? { condition: 'resource-constraint', text: 'the room cannot store this change right now' });
  }

  private reply(incoming: Incoming, spec: StanzaErrorSpec): void {
    this.emit([{ stanza: errorReply(incoming.stanza, spec), to: [incoming.from] }]);
  }

  private emit(out: readonly Outbound[]): void {
    if (out.length === 0) return;
    this.output = this.output.then(() => this.deps.send(out));
  }
}
