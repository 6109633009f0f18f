// XEP-0045 §10.2 roomadmins and roomowners: the configuration form shows the admin and owner
// lists and an owner may edit them there; each difference is an affiliation change (§10.3–§10.8).
import type { FormField, SubmittedForm } from '../../xmpp/data-form.js';
import { Jid } from '../../xmpp/jid.js';
import type { StanzaErrorSpec } from '../../xmpp/stanza-errors.js';
import { setAffiliation } from './affiliation-changes.js';
import type { ChangeNotes } from './role-changes.js';
import type { Outbound, RoomChange, RoomState } from './types.js';

const ADMINS = 'muc#roomconfig_roomadmins';
const OWNERS = 'muc#roomconfig_roomowners';

function holders(room: RoomState, affiliation: 'admin' | 'owner'): string[] {
  return [...room.affiliations].filter(([, entry]) => entry.affiliation === affiliation).map(([jid]) => jid).sort();
}

export function ownerListFields(room: RoomState): FormField[] {
  return [
    { var: ADMINS, type: 'jid-multi', label: 'Room admins', values: holders(room, 'admin') },
    { var: OWNERS, type: 'jid-multi', label: 'Room owners', values: holders(room, 'owner') },
  ];
}

function submitted(form: SubmittedForm, name: string): Set<string> | undefined | StanzaErrorSpec {
  const values = form.all(name);
  if (values === undefined) return undefined;
  const jids = new Set<string>();
  for (const value of values.filter((text) => text.trim() !== '')) {
    const jid = Jid.tryParse(value.trim());
    if (jid === undefined) return { condition: 'jid-malformed', text: `${name}: ${value} is not a JID` };
    jids.add(jid.bare().toString());
  }
  return jids;
}

/** The affiliation changes an edited admin or owner list asks for; an error when it is malformed or leaves no owner. */
export function applyOwnerLists(room: RoomState, form: SubmittedForm, notes: ChangeNotes, actorJid: string): { changes: RoomChange[]; out: Outbound[] } | StanzaErrorSpec {
  const admins = submitted(form, ADMINS);
  const owners = submitted(form, OWNERS);
  if (admins !== undefined && !(admins instanceof Set)) return admins;
  if (owners !== undefined && !(owners instanceof Set)) return owners;
  if (owners?.size === 0) return { condition: 'conflict', text: 'a room must keep at least one owner' };
  const wanted = new Map<string, 'owner' | 'admin' | 'none'>();
  if (admins !== undefined) {
    for (const jid of holders(room, 'admin')) if (!admins.has(jid)) wanted.set(jid, 'none');
    for (const jid of admins) if (room.affiliations.get(jid)?.affiliation !== 'admin') wanted.set(jid, 'admin');
  }
  if (owners !== undefined) {
    for (const jid of holders(room, 'owner')) if (!owners.has(jid) && wanted.get(jid) === undefined) wanted.set(jid, 'none');
    // Listed as owner wins over listed as admin.
    for (const jid of owners) {
      if (room.affiliations.get(jid)?.affiliation === 'owner') wanted.delete(jid);
      else wanted.set(jid, 'owner');
    }
  }
  // §10.4: the list change may not leave the room without an owner.
  const owners0 = holders(room, 'owner');
  const remaining = owners0.filter((jid) => (wanted.get(jid) ?? 'owner') === 'owner');
  if (owners0.length > 0 && remaining.length === 0 && ![...wanted.values()].includes('owner')) return { condition: 'conflict', text: 'a room must keep at least one owner' };
  const changes: RoomChange[] = [];
  const out: Outbound[] = [];
  for (const [jid, affiliation] of wanted) {
    const effect = setAffiliation(room, jid, affiliation, notes, { actorJid });
    changes.push(...effect.changes);
    out.push(...effect.out);
  }
  return { changes, out };
}
