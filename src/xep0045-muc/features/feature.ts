// The RoomFeature interface (STYLE §3): each room feature of XEP-0045 in its own file, adding
// disco features, muc#roominfo and muc#roomconfig fields, a configuration rule and a join check.
// features/index.ts lists them in the order their join checks run.
import type { FormField, SubmittedForm } from '../../xmpp/data-form.js';
import type { StanzaErrorSpec } from '../../xmpp/stanza-errors.js';
import type { RoomConfig } from '../room/room-config.js';
import type { Affiliation, RoomContext, RoomPolicy, RoomState } from '../room/types.js';

/** Someone asking to enter a room (§7.2). */
export interface JoinAttempt {
  room: RoomState;
  bareJid: string;
  nick: string;
  affiliation: Affiliation;
  /** The password the client gave (§7.2.6), if any. */
  password: string | undefined;
  /** The occupant count the room would have, not counting this user's other sessions. */
  occupantCount: number;
  ctx: RoomContext;
}

/** The result of applying a submitted form to a configuration: the new one, or why not. */
export type ConfigResult = RoomConfig | { refused: StanzaErrorSpec };

export interface RoomFeature {
  readonly name: string;
  /** disco#info features (§6.4) for the room as configured. */
  discoFeatures?(config: RoomConfig): string[];
  /** muc#roominfo fields (§6.4). */
  roomInfo?(room: RoomState): FormField[];
  /** muc#roomconfig form fields (§10.2) showing the current configuration. */
  configFields?(config: RoomConfig, policy: RoomPolicy): FormField[];
  /** Applies the submitted values this feature owns; absent fields keep their value. */
  applyConfig?(config: RoomConfig, form: SubmittedForm, policy: RoomPolicy, bareJid: string): ConfigResult;
  /** Refuses an entry with the XEP's error, or lets it through (undefined). */
  checkJoin?(attempt: JoinAttempt): StanzaErrorSpec | undefined;
}

/** A boolean config field (§10.2), in '1'/'0' form. */
export function booleanField(name: string, label: string, value: boolean): FormField {
  return { var: name, type: 'boolean', label, values: [value ? '1' : '0'] };
}

/** Reads a submitted whole number (digits only): the current value when absent, a refusal when malformed. */
export function submittedCount(form: SubmittedForm, name: string, current: number): number | { refused: StanzaErrorSpec } {
  const text = form.text(name);
  if (text === undefined) return current;
  if (!/^\d{1,9}$/.test(text)) return { refused: { condition: 'not-acceptable', text: `${name} must be a whole number` } };
  return Number(text);
}

/** Reads a submitted boolean: the current value when absent, a refusal when malformed. */
export function submittedBoolean(form: SubmittedForm, name: string, current: boolean): boolean | { refused: StanzaErrorSpec } {
  const value = form.boolean(name);
  if (value === undefined) return current;
  if (value === null) return { refused: { condition: 'bad-request', text: `${name} must be a boolean` } };
  return value;
}
