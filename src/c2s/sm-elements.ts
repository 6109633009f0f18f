// The XEP-0198 elements a client sends, turned into what the stream must do: on a bound stream
// <enable/> (§3), <r/> and <a/> (§4); before binding, <resume/> (§5). The stream carries out the
// outcome; the counters live in the session.
import { xml, type Element } from '../xmpp/element.js';
import { NS } from '../xmpp/namespaces.js';
import type { StreamError } from '../xmpp/stream-errors.js';
import type { ClientSession, SessionStream } from './client-session.js';
import { parseHandledCount } from './stream-management.js';

export type SmOutcome =
  | { kind: 'reply'; element: Element }
  | { kind: 'close'; error: StreamError }
  | { kind: 'none' };

function failed(condition: 'unexpected-request' | 'bad-request' | 'item-not-found'): Element {
  return xml('failed', { xmlns: NS.sm }, xml(condition, { xmlns: NS.stanzas }));
}

function handledCountTooHigh(h: number, sent: number): StreamError {
  return {
    condition: 'undefined-condition',
    text: `acknowledged ${h} stanzas, ${sent} were sent`,
    appCondition: xml('handled-count-too-high', { xmlns: NS.sm, h: String(h), 'send-count': String(sent) }),
  };
}

/** <enable/>, <r/> and <a/> on a bound stream. */
export function onBoundStream(element: Element, session: ClientSession): SmOutcome {
  if (element.name === 'r') return { kind: 'reply', element: xml('a', { xmlns: NS.sm, h: String(session.handledCount) }) };
  if (element.name === 'a') {
    const h = parseHandledCount(element.attrs.h);
    if (h === undefined) return { kind: 'close', error: { condition: 'bad-format', text: 'the h attribute must be an unsigned 32-bit integer' } };
    const outcome = session.acknowledge(h);
    return outcome.kind === 'too-high' ? { kind: 'close', error: handledCountTooHigh(h, outcome.sent) } : { kind: 'none' };
  }
  if (element.name === 'enable' && !session.isStreamManaged) {
    const resume = element.attrs.resume === 'true' || element.attrs.resume === '1';
    const { id, maxSeconds } = session.enableStreamManagement(resume);
    return { kind: 'reply', element: xml('enabled', { xmlns: NS.sm, id, resume: id === undefined ? undefined : 'true', max: maxSeconds }) };
  }
  return { kind: 'reply', element: failed('unexpected-request') };
}

export type ResumeOutcome =
  | { kind: 'failed'; element: Element }
  | { kind: 'close'; error: StreamError }
  | { kind: 'resumed'; session: ClientSession; element: Element };

/**
 * Before binding: <resume/> takes over a session of the same user waiting on this node (§5), and
 * <enable/> is refused, since it needs a bound resource (§3).
 */
export function beforeBind(element: Element, stream: SessionStream, resumable: ReadonlyMap<string, ClientSession>, username: string | undefined): ResumeOutcome {
  if (element.name !== 'resume') return { kind: 'failed', element: failed('unexpected-request') };
  const h = parseHandledCount(element.attrs.h);
  if (h === undefined) return { kind: 'failed', element: failed('bad-request') };
  const previd = String(element.attrs.previd ?? '');
  const session = resumable.get(previd);
  if (session === undefined || session.isEnded || session.jid.local !== username) return { kind: 'failed', element: failed('item-not-found') };
  const outcome = session.resume(stream, h);
  if (outcome.kind === 'too-high') {
    session.end('client acknowledged more than was sent');
    return { kind: 'close', error: handledCountTooHigh(h, outcome.sent) };
  }
  return { kind: 'resumed', session, element: xml('resumed', { xmlns: NS.sm, previd, h: String(session.handledCount) }) };
}
