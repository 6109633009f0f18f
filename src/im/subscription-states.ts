// The presence subscription state machine of RFC 6121 Appendix A (with §3.4 pre-approval):
// how each subscription stanza, sent or received, changes one roster item. Pure.
import type { Subscription } from '../persistence/ports.js';

export interface SubscriptionState {
  subscription: Subscription;
  /** The user asked for the contact's presence and awaits the answer ("Pending Out"). */
  pendingOut: boolean;
  /** The contact asked for the user's presence and awaits the user's answer ("Pending In"). */
  pendingIn: boolean;
  /** The user approved the contact's subscription before it was asked for (§3.4). */
  preApproved: boolean;
}

export type SubscriptionType = 'subscribe' | 'subscribed' | 'unsubscribe' | 'unsubscribed';

/** 'outbound': the user sent it (A.2); 'inbound': the user's server received it for the user (A.3). */
export type Direction = 'outbound' | 'inbound';

export const NO_SUBSCRIPTION: SubscriptionState = { subscription: 'none', pendingOut: false, pendingIn: false, preApproved: false };

export function isSubscriptionType(type: string): type is SubscriptionType {
  return type === 'subscribe' || type === 'subscribed' || type === 'unsubscribe' || type === 'unsubscribed';
}

/** The user receives the contact's presence. */
export function hasTo(state: SubscriptionState): boolean {
  return state.subscription === 'to' || state.subscription === 'both';
}

/** The contact receives the user's presence. */
export function hasFrom(state: SubscriptionState): boolean {
  return state.subscription === 'from' || state.subscription === 'both';
}

function compose(to: boolean, from: boolean): Subscription {
  if (to && from) return 'both';
  if (to) return 'to';
  return from ? 'from' : 'none';
}

function with_(state: SubscriptionState, change: Partial<SubscriptionState>): SubscriptionState {
  return { ...state, ...change };
}

/** Outbound subscription stanzas (Appendix A.2). */
function outbound(state: SubscriptionState, type: SubscriptionType): SubscriptionState {
  const to = hasTo(state);
  const from = hasFrom(state);
  switch (type) {
    case 'subscribe':
      return to ? state : with_(state, { pendingOut: true });
    case 'subscribed':
      // Approving a pending request grants 'from'; approving ahead of one is a pre-approval (§3.4).
      if (from) return state;
      if (state.pendingIn) return with_(state, { subscription: compose(to, true), pendingIn: false, preApproved: false });
      return with_(state, { preApproved: true });
    case 'unsubscribe':
      return with_(state, { subscription: compose(false, from), pendingOut: false });
    case 'unsubscribed':
      return with_(state, { subscription: compose(to, false), pendingIn: false, preApproved: false });
  }
}

/** Inbound subscription stanzas (Appendix A.3). */
function inbound(state: SubscriptionState, type: SubscriptionType): SubscriptionState {
  const to = hasTo(state);
  const from = hasFrom(state);
  switch (type) {
    case 'subscribe':
      if (from) return state;
      if (state.preApproved) return with_(state, { subscription: compose(to, true), preApproved: false });
      return with_(state, { pendingIn: true });
    case 'subscribed':
      return state.pendingOut ? with_(state, { subscription: compose(true, from), pendingOut: false }) : state;
    case 'unsubscribe':
      return with_(state, { subscription: compose(to, false), pendingIn: false, preApproved: false });
    case 'unsubscribed':
      return with_(state, { subscription: compose(false, from), pendingOut: false });
  }
}

export function nextSubscriptionState(state: SubscriptionState, direction: Direction, type: SubscriptionType): SubscriptionState {
  return direction === 'outbound' ? outbound(state, type) : inbound(state, type);
}

export function isSameState(a: SubscriptionState, b: SubscriptionState): boolean {
  return a.subscription === b.subscription && a.pendingOut === b.pendingOut && a.pendingIn === b.pendingIn && a.preApproved === b.preApproved;
}
