// Sessions by bare and full JID (RFC 6120 §7): a pure data structure, no I/O.
import type { Jid } from '../xmpp/jid.js';
import type { ClientRoute } from './session.js';

export class SessionRegistry {
  private readonly byBare = new Map<string, Map<string, ClientRoute>>();
  private size = 0;

  get count(): number {
    return this.size;
  }

  /** Adds a session; returns the one it replaces when the full JID was already bound. */
  add(session: ClientRoute): ClientRoute | undefined {
    const bareKey = session.jid.bare().toString();
    let resources = this.byBare.get(bareKey);
    if (resources === undefined) {
      resources = new Map();
      this.byBare.set(bareKey, resources);
    }
    const replaced = resources.get(session.jid.resource);
    resources.set(session.jid.resource, session);
    if (replaced === undefined) this.size += 1;
    return replaced;
  }

  /** Removes this exact session (not one that replaced it); true when it was present. */
  remove(session: ClientRoute): boolean {
    const bareKey = session.jid.bare().toString();
    const resources = this.byBare.get(bareKey);
    if (resources?.get(session.jid.resource) !== session) return false;
    resources.delete(session.jid.resource);
    if (resources.size === 0) this.byBare.delete(bareKey);
    this.size -= 1;
    return true;
  }

  getFull(jid: Jid): ClientRoute | undefined {
    return this.byBare.get(jid.bare().toString())?.get(jid.resource);
  }

  /** Every session of an account, in bind order. */
  getAll(bare: Jid): ClientRoute[] {
    const resources = this.byBare.get(bare.bare().toString());
    return resources === undefined ? [] : [...resources.values()];
  }

  isResourceBound(bare: Jid, resource: string): boolean {
    return this.byBare.get(bare.bare().toString())?.has(resource) ?? false;
  }

  all(): ClientRoute[] {
    const sessions: ClientRoute[] = [];
    for (const resources of this.byBare.values()) sessions.push(...resources.values());
    return sessions;
  }
}
