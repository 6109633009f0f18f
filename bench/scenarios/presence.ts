// Presence broadcast to rosters (RFC 6121 §3, §4) against one server: groups of contacts + 1
// users, each group a full mesh of mutual ('both') subscriptions made through the protocol
// (subscribe / subscribed both ways, so any server can be provisioned the same way) and checked
// by a roster get; then, measured: every user logs in with its roster and initial presence;
// users log out and in again one at a time, timed until the presence of all their contacts has
// arrived (probes answered); presence changes at a fixed rate and then in a burst, every
// contact's copy checked (lost, duplicated, misrouted) and timed from the send.
import type { Target } from '../client/connection.js';
import { login, type Session } from '../client/login.js';
import type { SaltedPasswordCache } from '../client/scram.js';
import { DeliveryTally, Latencies, startMeter, waitForQuiet, type CpuUse, type DeliveryCounts, type LatencySummary } from '../measure.js';
import type { PresenceSizes } from '../options.js';
import { closeAll, runLogins, type LoginRow } from './logins.js';
import { drain, sendPaced, type DrainLimits } from '../pacing.js';

export interface PresenceSpec extends PresenceSizes {
  target: Target;
  serverPid: number;
  password: string;
  cache: SaltedPasswordCache;
  progress: (text: string) => void;
}

export interface ProvisionRow {
  scenario: 'presence-provision';
  groups: number;
  contacts: number;
  users: number;
  pairs: number;
  /** Pairs whose both sides received the other's 'subscribed'. */
  pairs_done: number;
  /** Users whose roster get listed every group member with subscription 'both' and no pending ask. */
  rosters_ok: number;
  wall_s: number;
  server_cpu_s: number | null;
  loader_cpu_s: number;
  other_cpu_s: number | null;
  problems: string[];
}

export type PresenceLoginRow = Omit<LoginRow, 'scenario'> & {
  scenario: 'presence-login';
  /** Roster items per user. */
  roster_items: number;
};

export interface ReloginRow extends CpuUse {
  scenario: 'presence-relogin';
  contacts: number;
  relogins: number;
  /** Relogins that saw every contact's presence before the timeout. */
  complete: number;
  failed: number;
  /** Roster get sent → roster result (after bind; the roster holds `contacts` items). */
  roster_ms: LatencySummary | null;
  /** Initial presence sent → available presence received from every contact. */
  presence_ms: LatencySummary | null;
  /** TCP connect → available presence from every contact (TLS, SCRAM, bind, roster, probes). */
  total_ms: LatencySummary | null;
  errors: Record<string, number>;
}

export interface BroadcastRow extends CpuUse, DeliveryCounts {
  scenario: 'presence';
  groups: number;
  contacts: number;
  /** Presence changes sent, over all users; each goes to `contacts` contacts. */
  changes: number;
  /** Changes per second over all users, 0 = all at once. */
  rate: number;
}

export interface PresenceResult {
  provision: ProvisionRow;
  login: PresenceLoginRow | undefined;
  relogin: ReloginRow | undefined;
  broadcasts: BroadcastRow[];
  /** Why the measured part stopped early, if it did. */
  error: string | undefined;
}

const LOGIN_TIMEOUT_MS = 30_000;
const QUIET_WAIT_MS = 30_000;
/** Subscription handshakes in flight while provisioning. */
const PAIR_WINDOW = 200;
/** Provisioning gives up when no pair has completed for this long. */
const PROVISION_STALL_MS = 60_000;
const RELOGIN_TIMEOUT_MS = 30_000;
const DRAIN: DrainLimits = { quietMs: 10_000, maxMs: 60_000 };
const RESOURCE = 'bench';

/** A logged-in user: its session, and what the current phase does with what arrives. */
interface Peer {
  /** 0-based: user<index + 1>, in group floor(index / groupSize). */
  index: number;
  session: Session;
  onPresence: (xml: string, head: string) => void;
  /** Answers to our own iq gets, by id. */
  pending: Map<string, (xml: string) => void>;
}

const openTag = (xml: string): string => xml.slice(0, xml.indexOf('>') + 1);
const attr = (head: string, name: string): string | undefined => new RegExp(`\\s${name}=["']([^"']*)["']`).exec(head)?.[1];
/** 0-based user index of a from/to JID user<n>@..., or -1. */
const userIndex = (jid: string | undefined): number => {
  const match = jid === undefined ? null : /^user(\d+)@/.exec(jid);
  return match?.[1] === undefined ? -1 : Number(match[1]) - 1;
};
const ignore = (): void => undefined;

function attach(peer: Peer): void {
  peer.session.connection.onElement = (xml) => {
    if (xml.startsWith('<presence')) {
      peer.onPresence(xml, openTag(xml));
      return;
    }
    if (!xml.startsWith('<iq')) return;
    const head = openTag(xml);
    const id = attr(head, 'id');
    if (id === undefined) return;
    const type = attr(head, 'type');
    // RFC 6121 §2.1.6: a client acknowledges a roster push.
    if (type === 'set') {
      peer.session.connection.send(`<iq type='result' id='${id}'/>`);
      return;
    }
    // RFC 6120 §8.2.3: every get is answered. A server pings a silent client (XEP-0199) and
    // closes the stream when no answer comes: provisioning leaves some users silent for minutes.
    if (type === 'get') {
      const from = attr(head, 'from');
      const to = from === undefined ? '' : ` to='${from}'`;
      peer.session.connection.send(xml.includes('urn:xmpp:ping')
        ? `<iq type='result' id='${id}'${to}/>`
        : `<iq type='error' id='${id}'${to}><error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>`);
      return;
    }
    const waiter = peer.pending.get(id);
    if (waiter !== undefined) {
      peer.pending.delete(id);
      waiter(xml);
    }
  };
}

function query(peer: Peer, id: string, body: string, timeoutMs: number): Promise<string> {
  if (!peer.session.connection.isOpen) return Promise.reject(new Error('connection closed'));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      peer.pending.delete(id);
      reject(new Error(`no answer to iq ${id} in ${timeoutMs} ms`));
    }, timeoutMs);
    peer.pending.set(id, (xml) => {
      clearTimeout(timer);
      resolve(xml);
    });
    peer.session.connection.send(`<iq type='get' id='${id}'>${body}</iq>`);
  });
}

class World {
  readonly groupSize: number;
  readonly users: number;
  readonly peers: (Peer | undefined)[];

  constructor(readonly spec: PresenceSpec) {
    this.groupSize = spec.contacts + 1;
    this.users = spec.groups * this.groupSize;
    this.peers = new Array<Peer | undefined>(this.users).fill(undefined);
  }

  group(index: number): number {
    return Math.floor(index / this.groupSize);
  }

  jid(index: number): string {
    return `user${index + 1}@${this.spec.target.domain}`;
  }

  peer(index: number): Peer {
    const peer = this.peers[index];
    if (peer === undefined) throw new Error(`user${index + 1} is not logged in`);
    return peer;
  }

  /** Takes sessions from a login run; false if one is missing. */
  adopt(sessions: readonly Session[]): boolean {
    for (const session of sessions) {
      const index = userIndex(session.jid);
      if (index < 0 || index >= this.users) continue;
      const peer: Peer = { index, session, onPresence: ignore, pending: new Map() };
      this.peers[index] = peer;
      attach(peer);
    }
    return this.peers.every((peer) => peer !== undefined);
  }

  async logAllIn(): Promise<LoginRow> {
    const { spec } = this;
    const { row, sessions } = await runLogins({
      target: spec.target, serverPid: spec.serverPid, mechanism: 'SCRAM-SHA-1', first: 1, count: this.users, concurrency: spec.concurrency,
      password: spec.password, resource: RESOURCE, cache: spec.cache, timeoutMs: LOGIN_TIMEOUT_MS,
    });
    if (Object.keys(row.errors).length > 0) spec.progress(`login errors: ${JSON.stringify(row.errors)}`);
    this.adopt(sessions);
    return row;
  }

  async logAllOut(): Promise<void> {
    await closeAll(this.peers.filter((peer) => peer !== undefined).map((peer) => peer.session));
    this.peers.fill(undefined);
  }
}

/** Makes the subscriptions and checks the rosters (not measured); never throws for what the server does. */
export async function provisionPresence(spec: PresenceSpec): Promise<ProvisionRow> {
  const world = new World(spec);
  try {
    return await provision(world);
  } catch (error) {
    await world.logAllOut();
    const pairs = spec.groups * ((spec.contacts + 1) * spec.contacts) / 2;
    return {
      scenario: 'presence-provision', groups: spec.groups, contacts: spec.contacts, users: world.users, pairs, pairs_done: 0, rosters_ok: 0,
      wall_s: 0, server_cpu_s: null, loader_cpu_s: 0, other_cpu_s: null, problems: [error instanceof Error ? error.message : String(error)],
    };
  }
}

/** The measured phases, on a server that `provision` prepared; never throws for what the server does. */
export async function measurePresence(spec: PresenceSpec, provisioned: ProvisionRow): Promise<PresenceResult> {
  const world = new World(spec);
  const result: PresenceResult = { provision: provisioned, login: undefined, relogin: undefined, broadcasts: [], error: undefined };
  if (provisioned.rosters_ok !== world.users) {
    result.error = `provisioning incomplete: ${provisioned.problems.join('; ')}`;
    return result;
  }
  try {
    spec.progress(`presence: all ${world.users} users log in (roster of ${spec.contacts}, initial presence), ${spec.concurrency} in flight`);
    await waitForQuiet(spec.serverPid, QUIET_WAIT_MS);
    const row = await world.logAllIn();
    result.login = { ...row, scenario: 'presence-login', roster_items: spec.contacts };
    if (row.failed > 0) throw new Error(`${row.failed} logins failed`);
    // Let the probes and broadcasts of the last logins settle.
    await waitForQuiet(spec.serverPid, QUIET_WAIT_MS);
    if (spec.relogins > 0) {
      spec.progress(`presence: ${spec.relogins} users log out and in again, one at a time`);
      result.relogin = await relogins(world);
    }
    const phases = [{ changes: spec.changes, rate: spec.rate }, ...(spec.burst > 0 ? [{ changes: spec.burst, rate: 0 }] : [])];
    for (const phase of phases) {
      spec.progress(`presence: ${phase.changes} presence changes ${phase.rate > 0 ? `at ${phase.rate}/s` : 'at once'} to ${spec.contacts} contacts each`);
      await waitForQuiet(spec.serverPid, QUIET_WAIT_MS);
      result.broadcasts.push(await broadcast(world, phase.changes, phase.rate));
    }
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
  } finally {
    await world.logAllOut();
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Provisioning: every user online; for each pair a < b of a group, a asks b; each user answers
// a request with 'subscribed' and, unless it asked already, asks back. A pair is done when both
// sides have received the other's 'subscribed'. Then every user's roster is checked.

async function provision(world: World): Promise<ProvisionRow> {
  const { spec, groupSize, users } = world;
  const pairsPerGroup = (groupSize * (groupSize - 1)) / 2;
  const pairs = spec.groups * pairsPerGroup;
  const problems: string[] = [];
  const meter = startMeter(spec.serverPid);
  spec.progress(`presence: provisioning ${spec.groups} × ${groupSize} users, ${pairs} mutual subscriptions through the protocol (not measured)`);
  const row = await world.logAllIn();
  if (row.failed > 0) problems.push(`${row.failed} of ${users} logins failed: ${JSON.stringify(row.errors)}`);
  const asked = Array.from({ length: users }, () => new Set<number>());
  const approvedBy = Array.from({ length: users }, () => new Set<number>());
  let done = 0;
  let inFlight = 0;
  let lastProgress = performance.now();
  let pump: () => void = ignore;
  const ask = (from: number, to: number): void => {
    asked[from]?.add(to);
    world.peers[from]?.session.connection.send(`<presence type='subscribe' to='${world.jid(to)}'/>`);
  };
  for (const peer of world.peers) {
    if (peer === undefined) continue;
    const me = peer.index;
    peer.onPresence = (_xml, head) => {
      const type = attr(head, 'type');
      const from = userIndex(attr(head, 'from'));
      if (from < 0 || world.group(from) !== world.group(me)) return;
      if (type === 'subscribe') {
        peer.session.connection.send(`<presence type='subscribed' to='${world.jid(from)}'/>`);
        if (!asked[me]?.has(from)) ask(me, from);
      } else if (type === 'subscribed') {
        const mine = approvedBy[me];
        if (mine === undefined || mine.has(from)) return;
        mine.add(from);
        if (approvedBy[from]?.has(me) === true) {
          done += 1;
          inFlight -= 1;
          lastProgress = performance.now();
          pump();
        }
      }
    };
  }
  // Pairs in order, the groups interleaved: (group, a, b) with a < b.
  const order: [number, number][] = [];
  for (let a = 0; a < groupSize; a += 1) {
    for (let b = a + 1; b < groupSize; b += 1) {
      for (let group = 0; group < spec.groups; group += 1) order.push([group * groupSize + a, group * groupSize + b]);
    }
  }
  let next = 0;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      if (performance.now() - lastProgress > PROVISION_STALL_MS) {
        problems.push(`stalled: ${done} of ${pairs} pairs done, none for ${PROVISION_STALL_MS / 1000} s`);
        finish();
      }
    }, 1000);
    let lastReport = performance.now();
    const finish = (): void => {
      clearInterval(timer);
      pump = ignore;
      resolve();
    };
    pump = () => {
      while (inFlight < PAIR_WINDOW && next < order.length) {
        const [a, b] = order[next] as [number, number];
        next += 1;
        inFlight += 1;
        if (!asked[a]?.has(b)) ask(a, b);
      }
      if (performance.now() - lastReport > 10_000) {
        lastReport = performance.now();
        spec.progress(`presence: ${done} of ${pairs} subscriptions done`);
      }
      if (done === pairs) finish();
    };
    pump();
  });
  // Let the roster writes and presence that follow the last approvals settle.
  await waitForQuiet(spec.serverPid, QUIET_WAIT_MS);
  const closed = world.peers.filter((peer) => peer !== undefined && !peer.session.connection.isOpen).length;
  if (closed > 0) problems.push(`${closed} connections closed during provisioning`);
  const rostersOk = await verifyRosters(world, problems);
  const cpu = meter();
  await world.logAllOut();
  return {
    scenario: 'presence-provision', groups: spec.groups, contacts: spec.contacts, users, pairs, pairs_done: done, rosters_ok: rostersOk,
    wall_s: cpu.wall_s, server_cpu_s: cpu.server_cpu_s, loader_cpu_s: cpu.loader_cpu_s, other_cpu_s: cpu.other_cpu_s, problems,
  };
}

/** Roster get of every user: every other member of its group with 'both' and no ask; counts the users for whom that holds. */
async function verifyRosters(world: World, problems: string[]): Promise<number> {
  let ok = 0;
  const bad: string[] = [];
  await Promise.all(world.peers.map(async (peer) => {
    if (peer === undefined) return;
    peer.onPresence = ignore;
    try {
      const reply = await query(peer, 'verify', `<query xmlns='jabber:iq:roster'/>`, 60_000);
      const both = new Set<number>();
      let others = 0;
      for (const match of reply.matchAll(/<item\b[^>]*>/g)) {
        const head = match[0];
        const contact = userIndex(attr(head, 'jid'));
        if (attr(head, 'subscription') === 'both' && attr(head, 'ask') === undefined && contact !== peer.index && world.group(contact) === world.group(peer.index)) both.add(contact);
        else others += 1;
      }
      if (both.size === world.spec.contacts && others === 0) ok += 1;
      else bad.push(`user${peer.index + 1}: ${both.size} both, ${others} other items`);
    } catch (error) {
      bad.push(`user${peer.index + 1}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }));
  if (bad.length > 0) problems.push(`${bad.length} rosters not as expected, e.g. ${bad.slice(0, 5).join(', ')}`);
  return ok;
}

// ---------------------------------------------------------------------------------------------
// Relogins: one user at a time logs out, logs in (TLS, SCRAM, bind), gets its roster, sends
// initial presence and waits for available presence from all its contacts, who are online.

async function relogins(world: World): Promise<ReloginRow> {
  const { spec } = world;
  const count = Math.min(spec.relogins, world.users);
  // Spread over the groups: every group's users take turns.
  const order = Array.from({ length: count }, (_, k) => (k % spec.groups) * world.groupSize + (Math.floor(k / spec.groups) % world.groupSize));
  const roster = new Latencies();
  const presence = new Latencies();
  const total = new Latencies();
  const errors: Record<string, number> = {};
  let complete = 0;
  let failed = 0;
  const meter = startMeter(spec.serverPid);
  for (const index of order) {
    try {
      const timing = await relogin(world, index);
      roster.add(timing.rosterMs);
      total.add(timing.totalMs);
      presence.add(timing.presenceMs);
      complete += 1;
    } catch (error) {
      failed += 1;
      const key = (error instanceof Error ? error.message : String(error)).slice(0, 160);
      errors[key] = (errors[key] ?? 0) + 1;
    }
  }
  const cpu = meter();
  if (failed > 0) spec.progress(`relogin errors: ${JSON.stringify(errors)}`);
  return {
    scenario: 'presence-relogin', contacts: spec.contacts, relogins: count, complete, failed,
    roster_ms: roster.summary(), presence_ms: presence.summary(), total_ms: total.summary(), ...cpu, errors,
  };
}

async function relogin(world: World, index: number): Promise<{ rosterMs: number; presenceMs: number; totalMs: number }> {
  const { spec } = world;
  const old = world.peers[index];
  world.peers[index] = undefined;
  if (old !== undefined) await old.session.connection.close();
  const started = performance.now();
  const session = await login(spec.target, `user${index + 1}`, {
    mechanism: 'SCRAM-SHA-1', password: spec.password, resource: RESOURCE, cache: spec.cache, timeoutMs: LOGIN_TIMEOUT_MS, skipRoster: true,
  });
  const peer: Peer = { index, session, onPresence: ignore, pending: new Map() };
  world.peers[index] = peer;
  attach(peer);
  const rosterSent = performance.now();
  const reply = await query(peer, 'roster', `<query xmlns='jabber:iq:roster'/>`, RELOGIN_TIMEOUT_MS);
  const rosterAt = performance.now();
  if (attr(openTag(reply), 'type') !== 'result') throw new Error(`roster get: ${reply.slice(0, 160)}`);
  const items = reply.match(/<item\b/g)?.length ?? 0;
  if (items !== spec.contacts) throw new Error(`roster has ${items} items, not ${spec.contacts}`);
  const seen = new Set<number>();
  const group = world.group(index);
  const allIn = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`presence of ${seen.size} of ${spec.contacts} contacts after ${RELOGIN_TIMEOUT_MS} ms`)), RELOGIN_TIMEOUT_MS);
    peer.onPresence = (_xml, head) => {
      if (attr(head, 'type') !== undefined) return;
      const from = userIndex(attr(head, 'from'));
      if (from < 0 || from === index || world.group(from) !== group) return;
      seen.add(from);
      if (seen.size === spec.contacts) {
        clearTimeout(timer);
        peer.onPresence = ignore;
        resolve(performance.now());
      }
    };
  });
  const presenceSent = performance.now();
  session.connection.send('<presence/>');
  const allAt = await allIn;
  return { rosterMs: rosterAt - rosterSent, presenceMs: allAt - presenceSent, totalMs: allAt - started };
}

// ---------------------------------------------------------------------------------------------
// Broadcast: change k (0-based) is sent by user sender(k), at k / rate s (all at once for rate
// 0), with status "P|<run>|<k>|<send time ms>"; each of that user's contacts should get it once.

/** Numbers the runs, so that a late presence of one run is not counted in the next. */
let runCount = 0;

async function broadcast(world: World, changes: number, rate: number): Promise<BroadcastRow> {
  const { spec, groupSize, users } = world;
  runCount += 1;
  const run = runCount;
  const prefix = `P|${run}|`;
  /** The groups take turns, and so do the users within a group. */
  const sender = (k: number): number => (k % spec.groups) * groupSize + (Math.floor(k / spec.groups) % groupSize);
  // Slots by receiver and change; a receiver's own changes and other groups' stay empty.
  const expected = changes * spec.contacts;
  const tally = new DeliveryTally(users * changes);
  for (const peer of world.peers) {
    if (peer === undefined) continue;
    const me = peer.index;
    peer.onPresence = (xml, head) => {
      const start = xml.indexOf(prefix);
      if (start < 0) return;
      const now = performance.now();
      if (attr(head, 'type') === 'error') {
        tally.bounced += 1;
        return;
      }
      const [kText, sentText] = xml.slice(start + prefix.length, xml.indexOf('<', start)).split('|');
      const k = Number(kText);
      if (!(k >= 0 && k < changes)) return;
      const from = sender(k);
      if (from === me) return; // the sender's own copy (RFC 6121 §4.4.2), not a contact's
      if (userIndex(attr(head, 'from')) !== from || world.group(from) !== world.group(me)) {
        tally.misrouted += 1;
        return;
      }
      tally.receive(me * changes + k, now, Number(sentText));
    };
  }
  const send = (k: number): void => {
    world.peer(sender(k)).session.connection.send(`<presence><status>${prefix}${k}|${performance.now().toFixed(3)}</status></presence>`);
  };
  const meter = startMeter(spec.serverPid);
  const firstSend = performance.now();
  await sendPaced(changes, 1, rate, send);
  const sendEnd = performance.now();
  await drain(() => tally.delivered >= expected, () => Math.max(tally.lastDelivery, sendEnd), sendEnd, DRAIN);
  const cpu = meter();
  for (const peer of world.peers) if (peer !== undefined) peer.onPresence = ignore;
  return {
    scenario: 'presence', groups: spec.groups, contacts: spec.contacts, changes, rate,
    ...tally.counts(firstSend, sendEnd), expected, lost: expected - tally.delivered, ...cpu,
  };
}

