// Multi-user chat fan-out (XEP-0045) with the bench's own load generator, on logged-in sessions:
// rooms of `occupants` are filled (`joinConcurrency` joins in flight, each timed from the join
// presence to the self-presence with status 110 and to the subject that ends the join, §7.2.16),
// then the last occupant of the first room joins alone into a room of occupants - 1, timed the same
// way; then in every room the first `sendersPerRoom` occupants send groupchat messages at a fixed
// rate and then all at once, and every occupant checks what it got per sender and sequence
// number (the sender's own reflected copy included, as the shared harness counts it).
import { monotonicNowUs, type MonotonicWindow } from '../cpu-profile.js';
import type { Session } from '../client/login.js';
import { DeliveryTally, Latencies, startMeter, waitForIdle, waitForQuiet, type CpuUse, type DeliveryCounts, type LatencySummary } from '../measure.js';
import { drain, sendPaced, type DrainLimits } from '../pacing.js';

export interface MucCase {
  rooms: number;
  occupants: number;
}

export interface MucSpec extends MucCase {
  /** At least rooms × occupants sessions; session i is occupant i % occupants of room i / occupants. */
  sessions: readonly Session[];
  serverPid: number;
  /** CPU of the server's database, if it has one of its own (PostgreSQL's processes). */
  databaseCpuS: (() => number) | undefined;
  mucDomain: string;
  sendersPerRoom: number;
  joinConcurrency: number;
  /** Fixed-rate phase: `msgs` per sender, paced so that all rooms together get `deliveriesPerS`. */
  msgs: number;
  deliveriesPerS: number;
  /** Then `burstMsgs` per sender all at once (0 = skip). */
  burstMsgs: number;
  /** Counts the archived messages of a run (body prefix) once it is over; undefined = not checked. */
  countArchived: ((bodyPrefix: string) => Promise<number>) | undefined;
  progress: (text: string) => void;
}

export interface DatabaseCpu {
  /** CPU of the database processes (PostgreSQL) meanwhile; null without one. */
  db_cpu_s: number | null;
}

export interface MucJoinRow extends CpuUse, DatabaseCpu {
  scenario: 'muc-join';
  rooms: number;
  occupants: number;
  joins: number;
  concurrency: number;
  failed: number;
  /** Rooms whose first join answered with status 201 (created) and 170 (archived). */
  rooms_created: number;
  rooms_archived: number;
  /** Join presence → self-presence (110); → subject (the end of the join). */
  join_lat_ms: LatencySummary | null;
  join_subject_ms: LatencySummary | null;
  join_s: number;
  errors: Record<string, number>;
}

export interface MucLastJoinRow {
  scenario: 'muc-last-join';
  /** Occupants already in the room when the last one joined alone. */
  present: number;
  ok: boolean;
  self_presence_ms: number | null;
  subject_ms: number | null;
  /** Occupant presences received before the self-presence (should be `present`). */
  presences: number;
  error: string | undefined;
}

export interface MucRow extends CpuUse, DeliveryCounts, DatabaseCpu {
  scenario: 'muc';
  rooms: number;
  occupants: number;
  senders_per_room: number;
  msgs_per_sender: number;
  /** msg/s per sender; 0 = all at once. */
  rate_per_sender: number;
  /** Deliveries per second offered over all rooms (0 = burst). */
  offered_per_s: number;
  sent: number;
  /** Messages found in the room archive for this run (null: not checked). */
  archived: number | null;
  /** From the first send to the end of the drain, on the monotonic clock (to pick the run's CPU profile samples). */
  monotonic_us: MonotonicWindow;
}

export interface MucResult {
  join: MucJoinRow;
  lastJoin: MucLastJoinRow;
  runs: MucRow[];
  error: string | undefined;
}

const JOIN_TIMEOUT_MS = 60_000;
const QUIET_WAIT_MS = 30_000;
const DRAIN: DrainLimits = { quietMs: 10_000, maxMs: 60_000 };

const openTag = (xml: string): string => xml.slice(0, xml.indexOf('>') + 1);
const attr = (head: string, name: string): string | undefined => new RegExp(`\\s${name}=["']([^"']*)["']`).exec(head)?.[1];
const hasStatus = (xml: string, code: number): boolean => new RegExp(`<status[^>]*\\scode=["']${code}["']`).test(xml);
const ignore = (): void => undefined;

/** A session in one room; what arrives goes to the current phase's handler. */
interface Member {
  room: number;
  /** Position in its room; the first sendersPerRoom send. */
  slot: number;
  nick: string;
  session: Session;
  handle: (xml: string, head: string) => void;
}

/** Numbers the runs of this process, so that a late message of one run is not counted in the next. */
let runCount = 0;

export async function runMuc(spec: MucSpec): Promise<MucResult> {
  runCount += 1;
  const tag = `m${process.pid.toString(36)}x${runCount}`;
  const roomJid = (room: number): string => `${tag}r${room}@${spec.mucDomain}`;
  const members: Member[] = [];
  for (let room = 0; room < spec.rooms; room += 1) {
    for (let slot = 0; slot < spec.occupants; slot += 1) {
      const session = spec.sessions[room * spec.occupants + slot];
      if (session === undefined) throw new Error(`muc: ${spec.rooms} × ${spec.occupants} needs that many sessions, not ${spec.sessions.length}`);
      members.push({ room, slot, nick: `o${slot}`, session, handle: ignore });
    }
  }
  for (const member of members) attach(member);
  const result: MucResult = {
    join: await joinAll(spec, members, roomJid),
    lastJoin: { scenario: 'muc-last-join', present: spec.occupants - 1, ok: false, self_presence_ms: null, subject_ms: null, presences: 0, error: 'not run' },
    runs: [],
    error: undefined,
  };
  try {
    if (result.join.failed > 0) throw new Error(`${result.join.failed} joins failed: ${JSON.stringify(result.join.errors)}`);
    await waitForIdle(spec.serverPid, 60_000);
    await waitForQuiet(spec.serverPid, QUIET_WAIT_MS);
    const last = members[spec.occupants - 1] as Member;
    spec.progress(`muc: the last occupant joins ${roomJid(0)} alone (${spec.occupants - 1} present)`);
    result.lastJoin = await lastJoin(last, roomJid(0), spec.occupants - 1);
    if (!result.lastJoin.ok) throw new Error(`the last join failed: ${result.lastJoin.error ?? ''}`);
    const senders = spec.rooms * Math.min(spec.sendersPerRoom, spec.occupants);
    const ratePerSender = spec.deliveriesPerS / (senders * spec.occupants);
    const phases = [{ msgs: spec.msgs, rate: ratePerSender }, ...(spec.burstMsgs > 0 ? [{ msgs: spec.burstMsgs, rate: 0 }] : [])];
    for (const phase of phases) {
      spec.progress(`muc: ${spec.rooms} × ${spec.occupants}, ${phase.msgs} messages per sender ${phase.rate > 0 ? `at ${phase.rate.toFixed(3)}/s (${spec.deliveriesPerS} deliveries/s)` : 'at once'}`);
      await waitForIdle(spec.serverPid, 60_000);
      await waitForQuiet(spec.serverPid, QUIET_WAIT_MS);
      result.runs.push(await deliver(spec, members, roomJid, phase.msgs, phase.rate));
    }
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
  } finally {
    // Everyone leaves (not measured), so that the sessions can fill the next case's rooms.
    for (const member of members) {
      member.handle = ignore;
      member.session.connection.send(`<presence type='unavailable' to='${roomJid(member.room)}/${member.nick}'/>`);
    }
    await waitForIdle(spec.serverPid, 60_000);
  }
  return result;
}

function attach(member: Member): void {
  const { connection } = member.session;
  connection.onElement = (xml) => {
    const head = openTag(xml);
    if (xml.startsWith('<iq')) {
      // RFC 6120 §8.2.3: every get is answered; the server pings silent clients (XEP-0199).
      if (attr(head, 'type') !== 'get') return;
      const id = attr(head, 'id') ?? '';
      const from = attr(head, 'from');
      const to = from === undefined ? '' : ` to='${from}'`;
      connection.send(xml.includes('urn:xmpp:ping') ? `<iq type='result' id='${id}'${to}/>`
        : `<iq type='error' id='${id}'${to}><error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>`);
      return;
    }
    member.handle(xml, head);
  };
}

interface JoinTiming {
  selfMs: number;
  subjectMs: number;
  created: boolean;
  archived: boolean;
  presences: number;
}

/** Sends the join presence; resolves at the subject after the self-presence, rejects on an error or timeout. */
function join(member: Member, room: string): Promise<JoinTiming> {
  const occupantJid = `${room}/${member.nick}`;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let selfAt = 0;
    let created = false;
    let archived = false;
    let presences = 0;
    const timer = setTimeout(() => {
      member.handle = ignore;
      reject(new Error(selfAt === 0 ? 'no self-presence in time' : 'no subject in time'));
    }, JOIN_TIMEOUT_MS);
    const fail = (error: Error): void => {
      clearTimeout(timer);
      member.handle = ignore;
      reject(error);
    };
    member.handle = (xml, head) => {
      const from = attr(head, 'from');
      if (xml.startsWith('<presence')) {
        if (from === occupantJid && attr(head, 'type') === 'error') {
          fail(new Error(`join refused: ${/<error[\s\S]*<\/error>/.exec(xml)?.[0].slice(0, 200) ?? xml.slice(0, 200)}`));
          return;
        }
        if (from === undefined || !from.startsWith(`${room}/`)) return;
        if (from === occupantJid && hasStatus(xml, 110)) {
          selfAt = performance.now();
          created = hasStatus(xml, 201);
          archived = hasStatus(xml, 170);
        } else if (selfAt === 0) {
          presences += 1;
        }
        return;
      }
      if (xml.startsWith('<message') && from === room && /<subject[\s>/]/.test(xml)) {
        if (selfAt === 0) {
          fail(new Error('subject before the self-presence'));
          return;
        }
        clearTimeout(timer);
        member.handle = ignore;
        resolve({ selfMs: selfAt - started, subjectMs: performance.now() - started, created, archived, presences });
      }
    };
    member.session.connection.send(`<presence to='${occupantJid}'><x xmlns='http://jabber.org/protocol/muc'><history maxstanzas='0'/></x></presence>`);
  });
}

/** Every member but the last of room 0 joins, `joinConcurrency` in flight, room after room. */
async function joinAll(spec: MucSpec, members: readonly Member[], roomJid: (room: number) => string): Promise<MucJoinRow> {
  const queue = members.filter((member) => !(member.room === 0 && member.slot === spec.occupants - 1));
  const self = new Latencies();
  const subject = new Latencies();
  const errors: Record<string, number> = {};
  const createdRooms = new Set<number>();
  const archivedRooms = new Set<number>();
  let failed = 0;
  let next = 0;
  spec.progress(`muc: ${queue.length} joins into ${spec.rooms} rooms of ${spec.occupants}, ${spec.joinConcurrency} in flight`);
  const meter = startDbMeter(spec);
  const worker = async (): Promise<void> => {
    for (let member = queue[next]; member !== undefined; member = queue[next]) {
      next += 1;
      try {
        const timing = await join(member, roomJid(member.room));
        self.add(timing.selfMs);
        subject.add(timing.subjectMs);
        if (timing.created) createdRooms.add(member.room);
        if (timing.archived) archivedRooms.add(member.room);
      } catch (error) {
        failed += 1;
        const key = (error instanceof Error ? error.message : String(error)).slice(0, 200);
        errors[key] = (errors[key] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(spec.joinConcurrency, queue.length) }, worker));
  const cpu = meter();
  return {
    scenario: 'muc-join', rooms: spec.rooms, occupants: spec.occupants, joins: queue.length, concurrency: spec.joinConcurrency, failed,
    rooms_created: createdRooms.size, rooms_archived: archivedRooms.size,
    join_lat_ms: self.summary(), join_subject_ms: subject.summary(), join_s: cpu.wall_s, errors, ...cpu,
  };
}

async function lastJoin(member: Member, room: string, present: number): Promise<MucLastJoinRow> {
  try {
    const timing = await join(member, room);
    const round = (ms: number): number => Math.round(ms * 1000) / 1000;
    return {
      scenario: 'muc-last-join', present, ok: timing.presences === present, self_presence_ms: round(timing.selfMs), subject_ms: round(timing.subjectMs),
      presences: timing.presences, error: timing.presences === present ? undefined : `${timing.presences} occupant presences before the self-presence, not ${present}`,
    };
  } catch (error) {
    return { scenario: 'muc-last-join', present, ok: false, self_presence_ms: null, subject_ms: null, presences: 0, error: error instanceof Error ? error.message : String(error) };
  }
}

function startDbMeter(spec: MucSpec): () => CpuUse & DatabaseCpu {
  const meter = startMeter(spec.serverPid);
  const db0 = spec.databaseCpuS?.();
  return () => {
    const db1 = spec.databaseCpuS?.();
    const cpu = meter();
    // The database's processes are not the loader's and not the node's: out of "other".
    const db = db0 === undefined || db1 === undefined ? null : Math.round((db1 - db0) * 100) / 100;
    return { ...cpu, other_cpu_s: cpu.other_cpu_s === null ? null : Math.max(0, Math.round((cpu.other_cpu_s - (db ?? 0)) * 100) / 100), db_cpu_s: db };
  };
}

/**
 * Body "G|<tag>|<sender>|<seq>|<send time ms>": sender is the global sender index (room ×
 * senders per room + slot). The k-th message overall (k = seq × senders + sender) is due at
 * seq × period + sender's offset within it, as the 1:1 chat run paces.
 */
async function deliver(spec: MucSpec, members: readonly Member[], roomJid: (room: number) => string, msgs: number, rate: number): Promise<MucRow> {
  runCount += 1;
  const prefix = `G|${runCount}|`;
  const perRoom = Math.min(spec.sendersPerRoom, spec.occupants);
  const senders = spec.rooms * perRoom;
  const senderMember = (sender: number): Member => members[Math.floor(sender / perRoom) * spec.occupants + (sender % perRoom)] as Member;
  const expected = members.length * perRoom * msgs;
  const tally = new DeliveryTally(expected);
  members.forEach((member, index) => {
    const room = roomJid(member.room);
    member.handle = (xml, head) => {
      if (!xml.startsWith('<message')) return;
      const start = xml.indexOf(prefix);
      if (start < 0) return;
      const now = performance.now();
      if (attr(head, 'type') === 'error') {
        tally.bounced += 1;
        return;
      }
      const [senderText, seqText, sentText] = xml.slice(start + prefix.length, xml.indexOf('<', start)).split('|');
      const sender = Number(senderText);
      const seq = Number(seqText);
      if (!(sender >= 0 && sender < senders && seq >= 0 && seq < msgs)) return;
      const from = senderMember(sender);
      if (from.room !== member.room || attr(head, 'from') !== `${room}/${from.nick}`) {
        tally.misrouted += 1;
        return;
      }
      tally.receive((index * perRoom + from.slot) * msgs + seq, now, Number(sentText));
    };
  });
  const total = senders * msgs;
  const send = (k: number): void => {
    const sender = k % senders;
    const member = senderMember(sender);
    member.session.connection.send(`<message to='${roomJid(member.room)}' type='groupchat' id='g${k}'><body>${prefix}${sender}|${Math.floor(k / senders)}|${performance.now().toFixed(3)}</body></message>`);
  };
  const meter = startDbMeter(spec);
  const firstSend = performance.now();
  const startUs = monotonicNowUs();
  await sendPaced(total, senders, rate, send);
  const sendEnd = performance.now();
  await drain(() => tally.isComplete, () => Math.max(tally.lastDelivery, sendEnd), sendEnd, DRAIN);
  const cpu = meter();
  const window = { startUs, endUs: monotonicNowUs() };
  for (const member of members) member.handle = ignore;
  const archived = spec.countArchived === undefined ? null : await spec.countArchived(prefix);
  return {
    scenario: 'muc', rooms: spec.rooms, occupants: spec.occupants, senders_per_room: perRoom, msgs_per_sender: msgs,
    rate_per_sender: Number(rate.toFixed(4)), offered_per_s: rate > 0 ? spec.deliveriesPerS : 0, sent: total,
    ...tally.counts(firstSend, sendEnd), archived, ...cpu, monotonic_us: window,
  };
}

