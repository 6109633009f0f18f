// The login sequence every benchmark client runs, each step waiting for the server's answer:
// connect, STARTTLS, SASL SCRAM, stream restart, resource binding, roster get + initial presence
// (RFC 6120 §5–§7, RFC 6121 §2.2, §4.2). It ends when the roster reply arrives, which the
// server sends after it has taken the initial presence.
import { XmppConnection, type Target } from './connection.js';
import { ScramClient, type SaltedPasswordCache, type ScramMechanism } from './scram.js';

export interface LoginOptions {
  mechanism: ScramMechanism;
  password: string;
  resource: string;
  cache: SaltedPasswordCache;
  timeoutMs: number;
  /** Stop after resource binding: no roster get, no initial presence (the caller sends them). */
  skipRoster?: boolean;
}

export interface Session {
  connection: XmppConnection;
  /** The full JID the server bound. */
  jid: string;
  /** False when the roster get was answered with an error. */
  hasRoster: boolean;
}

const NS_SASL = 'urn:ietf:params:xml:ns:xmpp-sasl';
const isFeatures = (xml: string): boolean => /^<(stream:)?features[\s>/]/.test(xml);
const isIqReply = (id: string) => (xml: string): boolean => xml.startsWith('<iq') && new RegExp(`\\sid=["']${id}["']`).test(xml);
const isType = (xml: string, type: string): boolean => new RegExp(`^<[^>]*\\stype=["']${type}["']`).test(xml);

/** Decoded text content of a SASL element; '' for an empty one or "=" (RFC 6120 §6.4.2). */
function saslData(xml: string): string {
  const text = /^<[^>]*[^/]>([^<]*)</.exec(xml)?.[1]?.trim() ?? '';
  return text === '=' ? '' : Buffer.from(text, 'base64').toString('utf8');
}

export async function login(target: Target, username: string, options: LoginOptions): Promise<Session> {
  const connection = await XmppConnection.connect(target, options.timeoutMs);
  let step = 'stream header';
  const timer = setTimeout(() => connection.destroy(new Error(`timed out after ${options.timeoutMs} ms`)), options.timeoutMs);
  try {
    connection.openStream();
    let features = await connection.waitFor(isFeatures);
    step = 'STARTTLS';
    if (!features.includes('urn:ietf:params:xml:ns:xmpp-tls')) throw new Error('STARTTLS not offered');
    connection.send(`<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>`);
    const proceed = await connection.waitFor((xml) => xml.startsWith('<proceed') || xml.startsWith('<failure'));
    if (!proceed.startsWith('<proceed')) throw new Error(proceed);
    await connection.startTls();
    connection.openStream();
    features = await connection.waitFor(isFeatures);
    step = options.mechanism;
    await authenticate(connection, features, username, options);
    step = 'bind';
    connection.openStream();
    features = await connection.waitFor(isFeatures);
    connection.send(`<iq type='set' id='bind'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>${options.resource}</resource></bind></iq>`);
    const bound = await connection.waitFor(isIqReply('bind'));
    const jid = /<jid>([^<]+)<\/jid>/.exec(bound)?.[1];
    if (!isType(bound, 'result') || jid === undefined) throw new Error(bound.slice(0, 200));
    if (/xmpp-session/.test(features) && !/<optional\s*\/>/.test(features)) {
      step = 'session';
      connection.send(`<iq type='set' id='sess'><session xmlns='urn:ietf:params:xml:ns:xmpp-session'/></iq>`);
      await connection.waitFor(isIqReply('sess'));
    }
    if (options.skipRoster === true) return { connection, jid, hasRoster: false };
    step = 'roster';
    connection.send(`<iq type='get' id='roster'><query xmlns='jabber:iq:roster'/></iq><presence/>`);
    const roster = await connection.waitFor(isIqReply('roster'));
    return { connection, jid, hasRoster: isType(roster, 'result') };
  } catch (error) {
    connection.destroy();
    throw new Error(`${step}: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    clearTimeout(timer);
  }
}

async function authenticate(connection: XmppConnection, features: string, username: string, options: LoginOptions): Promise<void> {
  if (!features.includes(`>${options.mechanism}<`)) throw new Error('mechanism not offered');
  const scram = new ScramClient(options.mechanism, username, options.password, options.cache);
  const isSaslReply = (xml: string): boolean => /^<(challenge|success|failure)[\s>/]/.test(xml);
  connection.send(`<auth xmlns='${NS_SASL}' mechanism='${options.mechanism}'>${scram.first()}</auth>`);
  const challenge = await connection.waitFor(isSaslReply);
  if (!challenge.startsWith('<challenge')) throw new Error(challenge.slice(0, 200));
  connection.send(`<response xmlns='${NS_SASL}'>${scram.final(saslData(challenge))}</response>`);
  let outcome = await connection.waitFor(isSaslReply);
  if (outcome.startsWith('<challenge')) {
    // RFC 6120 §6.3.10 allows server-final-message in a challenge, answered by an empty response.
    scram.verify(saslData(outcome));
    connection.send(`<response xmlns='${NS_SASL}'/>`);
    outcome = await connection.waitFor(isSaslReply);
    if (!outcome.startsWith('<success')) throw new Error(outcome.slice(0, 200));
    return;
  }
  if (!outcome.startsWith('<success')) throw new Error(outcome.slice(0, 200));
  scram.verify(saslData(outcome));
}
