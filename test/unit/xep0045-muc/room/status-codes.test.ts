// XEP-0045 §16.6 (registrar-statuscodes) as a table: each status code the room sends, in the
// stanza kind and context the registry gives it, to the people it is meant for.
import { expect } from 'chai';
import { xml } from '../../../../src/xmpp/element.js';
import { NS } from '../../../../src/xmpp/namespaces.js';
import { TestRoom, bare, full, incoming, item, presenceTo, statusCodes, type Exchange } from '../../../helpers/room-fixtures.js';

interface Row {
  code: number;
  context: string;
  /** The stanza kind the registry names. */
  kind: 'presence' | 'message';
  /** Who gets the code: the occupant concerned only, or the others too. */
  audience: 'self' | 'everyone';
  /** Makes the room send it; `subject` is whom it is about, `other` someone else in the room. */
  cause: () => { exchange: Exchange; subject: string; other: string };
}

function twoInRoom(setup: ConstructorParameters<typeof TestRoom>[0] = {}): TestRoom {
  return new TestRoom({ ...setup, affiliations: { alice: 'owner', ...setup.affiliations } }).enterAll({ alice: 'Alice', bob: 'Bob' });
}

const ROWS: Row[] = [
  { code: 100, context: 'entering a non-anonymous room', kind: 'presence', audience: 'self',
    cause: () => { const room = twoInRoom({ config: { whois: 'anyone' } }); return { exchange: room.enter('carol', 'Carol'), subject: 'carol', other: 'alice' }; } },
  { code: 104, context: 'a configuration change', kind: 'message', audience: 'everyone',
    cause: () => { const room = twoInRoom(); return { exchange: room.configure('alice', { 'muc#roomconfig_roomname': 'x' }), subject: 'bob', other: 'alice' }; } },
  { code: 110, context: 'any room presence about oneself', kind: 'presence', audience: 'self',
    cause: () => { const room = twoInRoom(); return { exchange: room.send(presenceTo('bob', 'Bob', { isPlain: true, children: [xml('show', {}, 'away')] })), subject: 'bob', other: 'alice' }; } },
  { code: 170, context: 'entering a logged room', kind: 'presence', audience: 'self',
    cause: () => { const room = twoInRoom({ config: { isLogging: true } }); return { exchange: room.enter('carol', 'Carol'), subject: 'carol', other: 'alice' }; } },
  { code: 170, context: 'logging turned on', kind: 'message', audience: 'everyone',
    cause: () => { const room = twoInRoom(); return { exchange: room.configure('alice', { 'muc#roomconfig_enablelogging': '1' }), subject: 'bob', other: 'alice' }; } },
  { code: 171, context: 'logging turned off', kind: 'message', audience: 'everyone',
    cause: () => { const room = twoInRoom({ config: { isLogging: true } }); return { exchange: room.configure('alice', { 'muc#roomconfig_enablelogging': '0' }), subject: 'bob', other: 'alice' }; } },
  { code: 172, context: 'the room made non-anonymous', kind: 'message', audience: 'everyone',
    cause: () => { const room = twoInRoom(); return { exchange: room.configure('alice', { 'muc#roomconfig_whois': 'anyone' }), subject: 'bob', other: 'alice' }; } },
  { code: 173, context: 'the room made semi-anonymous', kind: 'message', audience: 'everyone',
    cause: () => { const room = twoInRoom({ config: { whois: 'anyone' } }); return { exchange: room.configure('alice', { 'muc#roomconfig_whois': 'moderators' }), subject: 'bob', other: 'alice' }; } },
  { code: 201, context: 'entering creates the room', kind: 'presence', audience: 'self',
    cause: () => { const room = new TestRoom({ isUnclaimed: true, isLocked: true }); return { exchange: room.enter('alice', 'Alice'), subject: 'alice', other: 'bob' }; } },
  { code: 301, context: 'a ban', kind: 'presence', audience: 'everyone',
    cause: () => { const room = twoInRoom(); return { exchange: room.admin('alice', item({ affiliation: 'outcast', jid: bare('bob') })), subject: 'bob', other: 'alice' }; } },
  { code: 303, context: 'a nick change', kind: 'presence', audience: 'everyone',
    cause: () => { const room = twoInRoom(); return { exchange: room.send(presenceTo('bob', 'Robert', { isPlain: true })), subject: 'bob', other: 'alice' }; } },
  { code: 307, context: 'a kick', kind: 'presence', audience: 'everyone',
    cause: () => { const room = twoInRoom(); return { exchange: room.admin('alice', item({ nick: 'Bob', role: 'none' })), subject: 'bob', other: 'alice' }; } },
  { code: 321, context: 'removal for losing membership of a members-only room', kind: 'presence', audience: 'everyone',
    cause: () => {
      const room = new TestRoom({ config: { isMembersOnly: true }, affiliations: { alice: 'owner', bob: 'member' } }).enterAll({ alice: 'Alice', bob: 'Bob' });
      return { exchange: room.admin('alice', item({ affiliation: 'none', jid: bare('bob') })), subject: 'bob', other: 'alice' };
    } },
  { code: 322, context: 'removal when the room becomes members-only', kind: 'presence', audience: 'everyone',
    cause: () => { const room = twoInRoom(); return { exchange: room.configure('alice', { 'muc#roomconfig_membersonly': '1' }), subject: 'bob', other: 'alice' }; } },
  { code: 333, context: 'removal after an error reply', kind: 'presence', audience: 'everyone',
    cause: () => {
      const room = twoInRoom();
      return { exchange: room.send(incoming('bob', xml('message', { type: 'error' }, xml('error', { type: 'cancel' }, xml('gone', { xmlns: NS.stanzas }))))), subject: 'bob', other: 'alice' };
    } },
];

describe('status codes (XEP-0045 §16.6)', () => {
  for (const { code, context, kind, audience, cause } of ROWS) {
    it(`${code} (${context}): in a ${kind}, to ${audience === 'self' ? 'the occupant concerned only' : 'everyone'}`, () => {
      const { exchange, subject, other } = cause();
      const carrying = (who: string) => exchange.to(who).filter((stanza) => statusCodes(stanza).includes(code));
      const own = carrying(subject);
      expect(own, 'the occupant concerned').to.have.length.at.least(1);
      for (const stanza of own) expect(stanza.name).to.equal(kind);
      if (audience === 'self') expect(carrying(other), 'someone else').to.deep.equal([]);
      else expect(carrying(other).map((stanza) => stanza.name), 'someone else').to.deep.equal([kind]);
    });
  }

  it('110 is never on presence about someone else', () => {
    const room = twoInRoom();
    const exchanges = [room.enter('carol', 'Carol'), room.send(presenceTo('carol', 'Caroline', { isPlain: true })), room.leave('carol')];
    for (const exchange of exchanges) {
      for (const delivery of exchange.deliveries.filter(({ stanza }) => statusCodes(stanza).includes(110))) {
        expect(delivery.to, delivery.stanza.toString()).to.equal(full('carol'));
      }
    }
  });

  it('every code the room sends is one the registry defines', () => {
    const registered = new Set([100, 101, 102, 103, 104, 110, 170, 171, 172, 173, 201, 210, 301, 303, 307, 321, 322, 332, 333]);
    for (const { cause } of ROWS) {
      for (const { stanza } of cause().exchange.deliveries) for (const code of statusCodes(stanza)) expect(registered.has(code), String(code)).to.equal(true);
    }
  });
});
