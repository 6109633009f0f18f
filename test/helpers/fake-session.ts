// An in-memory client route for router tests: records what it is given.
import type { ClientRoute } from '../../src/router/session.js';
import type { Element } from '../../src/xmpp/element.js';
import { Jid } from '../../src/xmpp/jid.js';
import type { StreamError } from '../../src/xmpp/stream-errors.js';

export interface FakeSession extends ClientRoute {
  delivered: Element[];
  closedWith: StreamError | undefined;
}

export function fakeSession(jid: string, presence: { isAvailable?: boolean; priority?: number } = {}): FakeSession {
  const session: FakeSession = {
    kind: 'client',
    jid: Jid.parse(jid),
    availability: { isAvailable: presence.isAvailable ?? true, priority: presence.priority ?? 0 },
    delivered: [],
    closedWith: undefined,
    deliver(stanza) {
      session.delivered.push(stanza);
    },
    close(error) {
      session.closedWith = error;
    },
  };
  return session;
}
