// The one typed node configuration: every option, its default and a one-line description.
import { z } from 'zod';

const port = z.number().int().min(0).max(65535);
const duration = z.number().int().min(0);

/** Settings every external database shares: pool, timeouts and the heartbeat (issue: connections). */
const connectionSettings = {
  poolMin: z.number().int().min(0).default(0).describe('connections kept open when idle'),
  poolMax: z.number().int().min(1).default(10).describe('most connections open at once'),
  connectTimeoutMs: duration.default(5000).describe('how long to wait for a connection (also for a free one from the pool)'),
  statementTimeoutMs: duration.default(10000).describe('longest a statement may run; 0 leaves the server default'),
  heartbeatIntervalMs: duration.default(10000).describe('how often the node checks the database answers (0: never)'),
};

const storageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('embedded').describe('in-process PostgreSQL (PGlite) stored under `path`'),
    path: z.string().min(1).default('data/db').describe('directory of the embedded database'),
  }).strict(),
  z.object({
    type: z.literal('postgres').describe('an external PostgreSQL server (`pg`)'),
    host: z.string().min(1).default('127.0.0.1'),
    port: port.default(5432),
    database: z.string().min(1).default('parley'),
    user: z.string().min(1).default('parley'),
    password: z.string().default('').describe('prefer PARLEY_DB_PASSWORD in the environment'),
    ...connectionSettings,
  }).strict(),
  z.object({
    type: z.literal('oracle').describe('an Oracle Database server (`oracledb` in thin mode: no Instant Client)'),
    host: z.string().min(1).default('127.0.0.1'),
    port: port.default(1521),
    serviceName: z.string().min(1).default('FREEPDB1').describe('the service name of the pluggable database'),
    user: z.string().min(1).default('parley'),
    password: z.string().default('').describe('prefer PARLEY_DB_PASSWORD in the environment'),
    ...connectionSettings,
  }).strict(),
  z.object({
    type: z.literal('mssql').describe('a Microsoft SQL Server (`tedious`)'),
    host: z.string().min(1).default('127.0.0.1'),
    port: port.default(1433),
    database: z.string().min(1).default('parley'),
    user: z.string().min(1).default('parley'),
    password: z.string().default('').describe('prefer PARLEY_DB_PASSWORD in the environment'),
    encrypt: z.boolean().default(true).describe('TLS to the server'),
    trustServerCertificate: z.boolean().default(false).describe('accept a certificate the node cannot verify (test servers only)'),
    ...connectionSettings,
  }).strict(),
]);

const tlsSchema = z.object({
  certFile: z.string().optional().describe('PEM certificate chain; generated under data/ when absent'),
  keyFile: z.string().optional().describe('PEM private key matching certFile'),
  minVersion: z.enum(['TLSv1.2', 'TLSv1.3']).default('TLSv1.2').describe('oldest TLS version accepted'),
}).strict();

const limitsSchema = z.object({
  maxStanzaBytes: z.number().int().min(1024).default(256 * 1024).describe('largest stanza accepted after authentication'),
  maxUnauthenticatedStanzaBytes: z.number().int().min(512).default(16 * 1024).describe('largest stanza before authentication'),
  maxDepth: z.number().int().min(4).max(1000).default(64).describe('deepest element nesting in a stanza'),
  maxAttributes: z.number().int().min(4).max(1000).default(64).describe('most attributes on one element'),
  unauthenticatedTimeoutMs: duration.default(30_000).describe('time allowed from connect to successful bind'),
  idleTimeoutMs: duration.default(600_000).describe('silence after which a stream is closed with connection-timeout'),
}).strict();

const authSchema = z.object({
  scramIterations: z.number().int().min(4096).default(10_000).describe('PBKDF2 iterations for new SCRAM credentials'),
  allowPlain: z.boolean().default(true).describe('offer SASL PLAIN (never without TLS)'),
  failureWindowMs: duration.default(60_000).describe('window over which failed logins are counted'),
  maxFailuresPerAddress: z.number().int().min(1).default(10).describe('failures from one IP address within the window before it is throttled'),
  maxFailuresPerAccount: z.number().int().min(1).default(5).describe('failures for one account within the window before it is throttled'),
  throttleMs: duration.default(60_000).describe('how long a throttled address or account is refused'),
}).strict();

/** The text conference service (XEP-0045) and the operator's group chat settings (issue 5). */
const mucSchema = z.object({
  enabled: z.boolean().default(true).describe('run the text conference (multi-user chat) service on this node'),
  alias: z.string().min(1).nullable().default(null).describe('the node\'s TC alias; null: conference-<node.name>-<cluster.id>.<domain>'),
  primaryAlias: z.string().min(1).nullable().default('conference').describe('the cluster\'s primary alias (a label prefixed to the domain, or a full domain when it has a dot); null: none'),
  persistentChat: z.boolean().default(true).describe('allow persistent rooms (stored in the external database)'),
  archiveMessages: z.boolean().default(true).describe('archive every room message, whatever the room\'s logging setting'),
  archiveJoinsAndExits: z.boolean().default(false).describe('record every entry and exit of persistent rooms in tc_timelog'),
  maxRooms: z.number().int().min(1).default(5500).describe('most rooms this node hosts: stored persistent rooms, loaded or not, and ad hoc rooms'),
  maxPersistentRooms: z.number().int().min(0).default(5000).describe('most persistent rooms this node hosts'),
  maxOccupantsLimit: z.number().int().min(1).default(1000).describe('most occupants any room may have'),
  defaultMaxOccupants: z.number().int().min(1).default(50).describe('occupant limit of a new room'),
  historyOnJoin: z.number().int().min(0).default(15).describe('messages of history sent on entering a new room'),
  maxHistoryFetch: z.number().int().min(0).default(100).describe('most messages a client may ask for on entering'),
  roomsPersistentByDefault: z.boolean().default(false).describe('new rooms are persistent until their owner says otherwise'),
  roomsModeratedByDefault: z.boolean().default(false).describe('new rooms are moderated'),
  roomsMembersOnlyByDefault: z.boolean().default(false).describe('new rooms are members-only'),
  roomsAnonymousByDefault: z.boolean().default(false).describe('new rooms are semi-anonymous (Cisco Jabber cannot join anonymous rooms)'),
  roomsPublicByDefault: z.boolean().default(true).describe('new rooms are listed in the service\'s disco#items'),
  lockNewRooms: z.boolean().default(true).describe('a new room stays locked until its owner configures it (XEP-0045 §10.1.2)'),
  roomCreation: z.enum(['anyone', 'admins']).default('anyone').describe('who may create rooms: anyone with an account here, or only group chat administrators'),
  persistentRoomCreation: z.enum(['anyone', 'admins']).default('anyone').describe('who may make a room persistent'),
  ownersCanChangePersistence: z.boolean().default(true).describe('room owners may turn persistence on and off'),
  adHocRequiresInvitation: z.boolean().default(false).describe('only invited users may enter an ad hoc room they did not create'),
  selfRegistration: z.boolean().default(false).describe('users may register with a room and so add themselves as members (XEP-0045 §7.10)'),
  admins: z.array(z.string().min(1)).default([]).describe('group chat system administrators (bare JIDs): owners of every room'),
  maxRoomsPerUser: z.number().int().min(1).default(100).describe('most rooms one user may be in at once on this node'),
  maxMessageBytes: z.number().int().min(256).default(16 * 1024).describe('largest message body, in UTF-8 bytes'),
  floodMessagesPerSecond: z.number().min(0).default(10).describe('messages per second an occupant may sustain (0: unlimited)'),
  floodBurst: z.number().int().min(1).default(30).describe('messages an occupant may send at once before the rate applies'),
  idleRoomUnloadMs: duration.default(600_000).describe('an empty persistent room is unloaded from memory after this long'),
  leaseTtlMs: z.number().int().min(1000).default(30_000).describe('how long the alias lease lasts unless renewed (renewed every third of it)'),
}).strict();

export const configSchema = z.object({
  domain: z.string().min(1).default('localhost').describe('the XMPP domain this node serves'),
  node: z.object({
    name: z.string().min(1).default('node1').describe('this node\'s name in its cluster'),
  }).strict().prefault({}),
  cluster: z.object({
    id: z.string().min(1).default('StandAloneCluster').describe('the cluster ID, part of the system TC alias'),
  }).strict().prefault({}),
  dataDir: z.string().min(1).default('data').describe('where generated certificates and the embedded database live'),
  listen: z.object({
    host: z.string().default('0.0.0.0').describe('address every listener binds'),
    c2sPort: port.default(5222).describe('client port with STARTTLS (0 = ephemeral)'),
    c2sDirectTlsPort: port.nullable().default(5223).describe('XEP-0368 direct TLS port, null to disable'),
    httpPort: port.nullable().default(5280).describe('HTTP port serving WebSocket at /xmpp-websocket, null to disable'),
    httpsPort: port.nullable().default(5281).describe('HTTPS port serving secure WebSocket at /xmpp-websocket, null to disable'),
  }).strict().prefault({}),
  websocket: z.object({
    path: z.string().startsWith('/').default('/xmpp-websocket').describe('HTTP path of the RFC 7395 endpoint'),
    trustPlainHttp: z.boolean().default(false).describe('treat plain-HTTP WebSocket as encrypted (only behind a TLS-terminating proxy)'),
  }).strict().prefault({}),
  tls: tlsSchema.prefault({}),
  requireEncryption: z.boolean().default(true).describe('refuse SASL and stanzas before STARTTLS on port 5222'),
  limits: limitsSchema.prefault({}),
  auth: authSchema.prefault({}),
  registration: z.object({
    enabled: z.boolean().default(false).describe('XEP-0077 in-band registration'),
    requireEncryption: z.boolean().default(true).describe('allow registration only over TLS'),
  }).strict().prefault({}),
  storage: storageSchema.default({ type: 'embedded', path: 'data/db' }),
  log: z.object({
    level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info').describe('least severe level written'),
  }).strict().prefault({}),
  roster: z.object({
    maxItems: z.number().int().min(1).default(1000).describe('most contacts in one roster'),
  }).strict().prefault({}),
  vcard: z.object({
    maxBytes: z.number().int().min(1024).default(128 * 1024).describe('largest vCard (XEP-0054) an account may store, avatar included'),
  }).strict().prefault({}),
  offline: z.object({
    maxMessages: z.number().int().min(0).default(500).describe('most messages kept for an offline account (XEP-0160); 0 keeps none'),
  }).strict().prefault({}),
  streamManagement: z.object({
    resumeTimeoutMs: duration.default(300_000).describe('how long a XEP-0198 session whose connection dropped waits to be resumed (0: no resumption)'),
    maxUnacked: z.number().int().min(10).default(1000).describe('most stanzas kept unacknowledged for one session before it is ended'),
    ackRequestDelayMs: duration.default(1000).describe('how long after sending the server asks the client to acknowledge'),
  }).strict().prefault({}),
  keepalive: z.object({
    pingIntervalMs: duration.default(120_000).describe('silence on a bound stream after which the server pings the client (0: never)'),
    pingTimeoutMs: z.number().int().min(1).default(30_000).describe('how long a pinged client has to show a sign of life'),
  }).strict().prefault({}),
  muc: mucSchema.prefault({}),
  version: z.object({
    hide: z.boolean().default(false).describe('answer XEP-0092 version queries without the software version'),
  }).strict().prefault({}),
}).strict();

export type ParleyConfig = z.infer<typeof configSchema>;
export type StorageConfig = ParleyConfig['storage'];
export type LimitsConfig = ParleyConfig['limits'];
export type AuthConfig = ParleyConfig['auth'];
export type MucConfig = ParleyConfig['muc'];
