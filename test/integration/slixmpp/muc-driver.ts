// Drives one slixmpp client (muc_client.py) through multi-user chat steps, one JSON command a line
// on its stdin; its replies and everything it receives come back as JSON lines on stdout.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { PASSWORD } from '../../helpers/server.js';

// The system interpreter: python3 on PATH may be a pyenv or venv one without the Debian package.
const PYTHON = '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./muc_client.py', import.meta.url));

/** An <error/> as slixmpp parsed it (or a condition the script made up: timeout, exception). */
export interface StanzaErrorSeen {
  from?: string;
  type?: string;
  condition: string;
  text?: string | null;
}

export interface MucItemSeen {
  affiliation: string | null;
  role: string | null;
  jid: string | null;
  nick: string | null;
  reason: string | null;
  actor: { nick: string | null; jid: string | null } | null;
}

export interface PresenceSeen {
  event: 'presence';
  from: string;
  to: string;
  /** The type attribute, "available" when there is none. */
  type: string;
  show: string | null;
  status: string | null;
  muc_user: boolean;
  codes: number[];
  item: MucItemSeen | null;
  destroy: { jid: string | null; reason: string | null } | null;
  error: StanzaErrorSeen | null;
}

export interface FormSeen {
  type: string;
  title: string | null;
  fields: { var: string; type: string | null; label: string | null; value: unknown; options: string[] }[];
}

export interface MessageSeen {
  event: 'message';
  from: string;
  to: string;
  type: string;
  id: string | null;
  body: string | null;
  /** The <subject/> text: "" for an empty one, null when there is none. */
  subject: string | null;
  delay: { from: string | null; stamp: string } | null;
  stanza_id: { id: string | null; by: string | null } | null;
  occupant_id: string | null;
  muc_user: boolean;
  codes: number[];
  item: MucItemSeen | null;
  invite: { from: string | null; to: string | null; reason: string | null } | null;
  decline: { from: string | null; to: string | null; reason: string | null } | null;
  password: string | null;
  direct_invite: { jid: string | null; reason: string | null; password: string | null } | null;
  form: FormSeen | null;
  error: StanzaErrorSeen | null;
}

/** What one of slixmpp's plugins raised an event for (groupchat_message, groupchat_invite, ...). */
export interface PluginEventSeen {
  event: 'plugin';
  name: string;
  from: string;
  type: string | null;
}

export interface JoinSeen {
  self: PresenceSeen;
  subject: MessageSeen;
  occupants: PresenceSeen[];
  history: MessageSeen[];
  nick: string;
  roster: string[];
}

export interface ArchivedSeen {
  id: string;
  queryid: string;
  from: string;
  type: string | null;
  body: string | null;
  stamp: string;
}

export interface ArchivePageSeen {
  messages: ArchivedSeen[];
  complete: boolean;
  first: string | null;
  first_index: string | null;
  last: string | null;
  count: string | null;
}

export interface DiscoInfoSeen {
  identities: { category: string; type: string; lang: string | null; name: string | null }[];
  features: string[];
  form: FormSeen | null;
}

export interface RoomSearchSeen {
  offered: FormSeen;
  type: string;
  reported: string[];
  /** One object per room found: field var to value, as slixmpp's get_items() reads them. */
  items: Record<string, unknown>[];
}

type Seen = PresenceSeen | MessageSeen | PluginEventSeen;

interface Line {
  event: string;
  [field: string]: unknown;
}

interface Reply extends Line {
  id: number;
  ok: boolean;
  result?: unknown;
  error?: StanzaErrorSeen;
}

/** A step that the server (or slixmpp) refused, with the error as slixmpp saw it. */
export class SlixRefusal extends Error {
  constructor(readonly op: string, readonly error: StanzaErrorSeen) {
    super(`slixmpp ${op} refused: ${error.condition}${error.text ? ` (${error.text})` : ''}`);
  }
}

export interface SlixOptions {
  jid: string;
  port: number;
  ca: string;
  password?: string;
}

export function assertSlixmppImportable(): void {
  // Fail loudly rather than skip: CI installs python3-slixmpp via scripts/ensure-test-deps.sh.
  const probe = spawnSync(PYTHON, ['-c', 'import slixmpp'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    throw new Error(`slixmpp is not importable by ${PYTHON} (install the Debian package python3-slixmpp, `
      + `see scripts/ensure-test-deps.sh): ${probe.error?.message ?? probe.stderr.trim()}`);
  }
}

function isLine(value: unknown): value is Line {
  return typeof value === 'object' && value !== null && typeof (value as { event?: unknown }).event === 'string';
}

/** One logged-in slixmpp client. With PARLEY_TEST_LOG_LEVEL=debug it logs every stanza on stderr. */
export class SlixClient {
  readonly seen: Seen[] = [];
  private readonly child: ChildProcess;
  private readonly exited: Promise<number | null>;
  private stderrText = '';
  private nextId = 1;
  private readonly pending = new Map<number, { op: string; resolve: (reply: Reply) => void }>();
  private readonly waiters = new Set<{ predicate: (seen: Seen) => boolean; resolve: (seen: Seen) => void }>();
  private boundJid: string | undefined;

  private constructor(options: SlixOptions) {
    this.child = spawn(PYTHON, [SCRIPT], { stdio: ['pipe', 'pipe', 'pipe'] });
    const trace = process.env.PARLEY_TEST_LOG_LEVEL === 'debug';
    this.child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderrText += chunk;
      if (trace) process.stderr.write(chunk.replace(/^(?=.)/gm, `[slixmpp ${options.jid}] `));
    });
    this.exited = new Promise((resolve) => this.child.on('close', (code) => resolve(code)));
    if (this.child.stdout === null) throw new Error('no stdout');
    createInterface({ input: this.child.stdout }).on('line', (line) => this.onLine(line));
    this.child.stdin?.write(`${JSON.stringify({
      jid: options.jid,
      password: options.password ?? PASSWORD,
      host: '127.0.0.1',
      port: options.port,
      ca: options.ca,
      timeout: 60,
      trace,
    })}\n`);
  }

  /** Starts the client; resolves once it is logged in and has sent its initial presence. */
  static async start(options: SlixOptions): Promise<SlixClient> {
    const client = new SlixClient(options);
    const started = await client.line('session_start', 20000);
    client.boundJid = String(started.jid);
    return client;
  }

  /** The full JID slixmpp was bound to. */
  get jid(): string {
    if (this.boundJid === undefined) throw new Error('not started');
    return this.boundJid;
  }

  stderr(): string {
    return this.stderrText;
  }

  private describe(): string {
    return `slixmpp ${this.boundJid ?? '(not logged in)'} saw: ${this.seen.map((seen) => JSON.stringify(seen)).join('\n')}\nstderr: ${this.stderrText}`;
  }

  private readonly lines: Line[] = [];
  private readonly lineWaiters = new Set<{ event: string; resolve: (line: Line) => void }>();

  private onLine(text: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      this.stderrText += `(unparsable stdout line) ${text}\n`;
      return;
    }
    if (!isLine(parsed)) return;
    if (parsed.event === 'reply') {
      const reply = parsed as Reply;
      const call = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      call?.resolve(reply);
      return;
    }
    if (parsed.event === 'presence' || parsed.event === 'message' || parsed.event === 'plugin') {
      const seen = parsed as unknown as Seen;
      this.seen.push(seen);
      for (const waiter of this.waiters) {
        if (waiter.predicate(seen)) {
          this.waiters.delete(waiter);
          waiter.resolve(seen);
        }
      }
      return;
    }
    this.lines.push(parsed);
    for (const waiter of this.lineWaiters) {
      if (waiter.event === parsed.event) {
        this.lineWaiters.delete(waiter);
        waiter.resolve(parsed);
      }
    }
  }

  private line(event: string, timeoutMs: number): Promise<Line> {
    const already = this.lines.find((line) => line.event === event);
    if (already !== undefined) return Promise.resolve(already);
    return new Promise((resolve, reject) => {
      const waiter = { event, resolve: (line: Line) => { clearTimeout(timer); resolve(line); } };
      const timer = setTimeout(() => {
        this.lineWaiters.delete(waiter);
        reject(new Error(`slixmpp printed no "${event}" within ${timeoutMs} ms\n${this.describe()}`));
      }, timeoutMs);
      void this.exited.then((code) => {
        if (!this.lineWaiters.delete(waiter)) return;
        clearTimeout(timer);
        reject(new Error(`slixmpp exited (${code}) without printing "${event}"\n${this.describe()}`));
      });
      this.lineWaiters.add(waiter);
    });
  }

  /** Runs one step of muc_client.py; rejects with a SlixRefusal when it ends in an error. */
  async do<T = Record<string, unknown>>(op: string, args: Record<string, unknown> = {}, timeoutMs = 8000): Promise<T> {
    const id = this.nextId++;
    const reply = await new Promise<Reply>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`slixmpp did not finish ${op} within ${timeoutMs} ms\n${this.describe()}`));
      }, timeoutMs);
      this.pending.set(id, { op, resolve: (answer) => { clearTimeout(timer); resolve(answer); } });
      void this.exited.then((code) => {
        if (!this.pending.delete(id)) return;
        clearTimeout(timer);
        reject(new Error(`slixmpp exited (${code}) during ${op}\n${this.describe()}`));
      });
      this.child.stdin?.write(`${JSON.stringify({ id, op, args })}\n`);
    });
    if (!reply.ok) {
      const error = reply.error ?? { condition: 'unknown' };
      if (error.condition === 'exception' || error.condition === 'timeout') {
        throw new Error(`slixmpp ${op} failed: ${error.condition} ${error.text ?? ''}\n${this.describe()}`);
      }
      throw new SlixRefusal(op, error);
    }
    return reply.result as T;
  }

  /** Resolves with the first stanza (already received or still to come) that matches. */
  receive(predicate: (seen: Seen) => boolean, timeoutMs = 5000): Promise<Seen> {
    const already = this.seen.find(predicate);
    if (already !== undefined) return Promise.resolve(already);
    return new Promise((resolve, reject) => {
      const waiter = { predicate, resolve: (seen: Seen) => { clearTimeout(timer); resolve(seen); } };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`slixmpp received no matching stanza within ${timeoutMs} ms\n${this.describe()}`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  async presence(predicate: (presence: PresenceSeen) => boolean, timeoutMs?: number): Promise<PresenceSeen> {
    return await this.receive((seen) => seen.event === 'presence' && predicate(seen), timeoutMs) as PresenceSeen;
  }

  async message(predicate: (message: MessageSeen) => boolean, timeoutMs?: number): Promise<MessageSeen> {
    return await this.receive((seen) => seen.event === 'message' && predicate(seen), timeoutMs) as MessageSeen;
  }

  async pluginEvent(name: string, from: string, timeoutMs?: number): Promise<PluginEventSeen> {
    return await this.receive((seen) => seen.event === 'plugin' && seen.name === name && seen.from === from, timeoutMs) as PluginEventSeen;
  }

  // The steps, named after slixmpp's xep_0045 / xep_0313 / xep_0249 / xep_0199 calls they make.

  join(room: string, nick: string, options: { maxstanzas?: number; maxchars?: number; seconds?: number; password?: string } = {}): Promise<JoinSeen> {
    return this.do('join', { room, nick, ...options });
  }

  leave(room: string, nick: string, status = ''): Promise<{ self: PresenceSeen }> {
    return this.do('leave', { room, nick, status });
  }

  changeNick(room: string, nick: string): Promise<{ self: PresenceSeen }> {
    return this.do('change_nick', { room, nick });
  }

  acceptInstantRoom(room: string): Promise<unknown> {
    return this.do('accept_instant', { room });
  }

  getConfig(room: string): Promise<FormSeen> {
    return this.do('get_config', { room });
  }

  configure(room: string, values: Record<string, string | boolean | string[]>): Promise<{ submitted: Record<string, unknown> }> {
    return this.do('configure', { room, values });
  }

  destroy(room: string, reason = '', altroom?: string): Promise<unknown> {
    return this.do('destroy', { room, reason, altroom });
  }

  say(room: string, body: string, id?: string): Promise<{ id: string }> {
    return this.do('groupchat_message', { room, body, id });
  }

  privateMessage(to: string, body: string): Promise<{ id: string }> {
    return this.do('private_message', { to, body });
  }

  setSubject(room: string, subject: string): Promise<unknown> {
    return this.do('set_subject', { room, subject });
  }

  invite(room: string, jid: string, reason = ''): Promise<unknown> {
    return this.do('invite', { room, jid, reason });
  }

  directInvite(jid: string, room: string, reason?: string, password?: string): Promise<unknown> {
    return this.do('direct_invite', { jid, room, reason, password });
  }

  requestVoice(room: string): Promise<unknown> {
    return this.do('request_voice', { room });
  }

  setRole(room: string, nick: string, role: string, reason = ''): Promise<unknown> {
    return this.do('set_role', { room, nick, role, reason });
  }

  setAffiliation(room: string, affiliation: string, target: { jid?: string; nick?: string }, reason = ''): Promise<unknown> {
    return this.do('set_affiliation', { room, affiliation, ...target, reason });
  }

  async affiliationList(room: string, affiliation: string): Promise<string[]> {
    return (await this.do<{ jids: string[] }>('affiliation_list', { room, affiliation })).jids;
  }

  sendAffiliationList(room: string, items: [jid: string, affiliation: string][]): Promise<unknown> {
    return this.do('send_affiliation_list', { room, items });
  }

  async roleList(room: string, role: string): Promise<string[]> {
    return (await this.do<{ nicks: string[] }>('role_list', { room, role })).nicks;
  }

  async archive(room: string, max: number, reverse = false): Promise<ArchivePageSeen[]> {
    return (await this.do<{ pages: ArchivePageSeen[] }>('archive', { room, max, reverse })).pages;
  }

  ping(jid: string): Promise<{ from: string; type: string }> {
    return this.do('ping', { jid });
  }

  discoInfo(jid: string): Promise<DiscoInfoSeen> {
    return this.do('disco_info', { jid });
  }

  /** XEP-0055 at a service: the form it offers, then a search with `values` in the form. */
  searchRooms(service: string, values: Record<string, string>): Promise<RoomSearchSeen> {
    return this.do('search_rooms', { service, values });
  }

  /** Ends stdin: the client disconnects; resolves with its exit code. */
  async stop(): Promise<number | null> {
    this.child.stdin?.end();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }
}

/** The error of a step that must be refused. */
export async function refusal(step: Promise<unknown>): Promise<StanzaErrorSeen> {
  try {
    await step;
  } catch (error) {
    if (error instanceof SlixRefusal) return error.error;
    throw error;
  }
  throw new Error('the step succeeded, but it should have been refused');
}
