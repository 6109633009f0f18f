// The core never throws, whatever arrives: missing attributes, unknown roles and affiliations,
// malformed forms, JIDs that are not JIDs. Each garbage stanza is answered (or ignored) and the
// room's state stays consistent. A table of known-bad stanzas, then a seeded random mix.
import { expect } from 'chai';
import { handleStanza } from '../../../../src/xep0045-muc/room/room-core.js';
import { applyChanges } from '../../../../src/xep0045-muc/room/changes.js';
import type { Outcome } from '../../../../src/xep0045-muc/room/types.js';
import { Element, xml } from '../../../../src/xmpp/element.js';
import { NS } from '../../../../src/xmpp/namespaces.js';
import { TestRoom, incoming, stateInconsistencies, submitForm } from '../../../helpers/room-fixtures.js';

function populated(): TestRoom {
  return new TestRoom({ config: { isModerated: true }, affiliations: { alice: 'owner', dave: 'admin', bob: { affiliation: 'member', nick: 'Bob' }, eve: 'outcast' } })
    .enterAll({ alice: 'Alice', dave: 'Dave', bob: 'Bob', 'bob/phone': 'Bob', carol: 'Carol' });
}

function expectWellFormed(outcome: Outcome): void {
  expect(outcome.changes).to.be.an('array');
  for (const outbound of outcome.out) {
    expect(outbound.stanza).to.be.instanceOf(Element);
    expect(outbound.to.length).to.be.greaterThan(0);
    for (const to of outbound.to) expect(to).to.be.a('string').and.not.equal('');
  }
}

/** Runs one stanza; fails with the stanza in the message if the core throws or the state breaks. */
function survive(room: TestRoom, who: string, stanza: Element, nick = ''): Outcome {
  const arriving = incoming(who, stanza, nick);
  const label = `${who} → ${nick === '' ? 'room' : nick}: ${stanza.toString()}`;
  let outcome: Outcome | undefined;
  expect(() => { outcome = handleStanza(room.state, arriving, room.ctx, room.options); }, label).to.not.throw();
  expectWellFormed(outcome!);
  expect(() => applyChanges(room.state, outcome!.changes, room.ctx.policy.maxHistoryFetch), label).to.not.throw();
  expect(stateInconsistencies(room.state), label).to.deep.equal([]);
  if (stanza.attrs.type === 'error') {
    expect(outcome!.out.filter((one) => one.stanza.attrs.type === 'error' && one.to.includes(arriving.from)), `${label}: an error answered with an error`).to.deep.equal([]);
  }
  return outcome!;
}

const admin = (...items: Element[]) => xml('iq', { type: 'set', id: 'a' }, xml('query', { xmlns: NS.mucAdmin }, ...items));
const adminGet = (...items: Element[]) => xml('iq', { type: 'get', id: 'a' }, xml('query', { xmlns: NS.mucAdmin }, ...items));
const owner = (...children: Element[]) => xml('iq', { type: 'set', id: 'o' }, xml('query', { xmlns: NS.mucOwner }, ...children));
const register = (...children: Element[]) => xml('iq', { type: 'set', id: 'r' }, xml('query', { xmlns: NS.register }, ...children));

const GARBAGE: [string, string, () => Element, string?][] = [
  ['presence with an empty <x xmlns=muc/> and a <history/> full of nonsense', 'frank', () => xml('presence', {}, xml('x', { xmlns: NS.muc }, xml('history', { maxchars: '-5', maxstanzas: 'NaN', seconds: '1e999', since: '2024-13-45T99:99:99Z' }))), 'Frank'],
  ['presence with an empty password element', 'frank', () => xml('presence', {}, xml('x', { xmlns: NS.muc }, xml('password'))), 'Frank'],
  ['presence with two muc <x/> elements', 'frank', () => xml('presence', {}, xml('x', { xmlns: NS.muc }), xml('x', { xmlns: NS.muc })), 'Frank'],
  ['presence of an unknown type to the room', 'frank', () => xml('presence', { type: 'weird' }), ''],
  ['presence error without an <error/> child', 'bob', () => xml('presence', { type: 'error' }), 'Bob'],
  ['message error without an <error/> child', 'bob', () => xml('message', { type: 'error' })],
  ['groupchat without a body or anything', 'bob', () => xml('message', { type: 'groupchat' })],
  ['groupchat with an empty subject and an empty body', 'bob', () => xml('message', { type: 'groupchat' }, xml('subject'), xml('body'))],
  ['a private message to a nick of odd characters', 'bob', () => xml('message', { type: 'chat' }, xml('body', {}, 'x')), '💥\u0000'],
  ['an invitation with no attributes at all', 'alice', () => xml('message', {}, xml('x', { xmlns: NS.mucUser }, xml('invite')))],
  ['an invitation and a decline at once', 'alice', () => xml('message', {}, xml('x', { xmlns: NS.mucUser }, xml('invite', { to: 'x@y' }), xml('decline', { to: 'x@y' })))],
  ['a decline to a domain-less JID', 'frank', () => xml('message', {}, xml('x', { xmlns: NS.mucUser }, xml('decline', { to: '@' })))],
  ['a voice request form with no fields', 'carol', () => xml('message', {}, xml('x', { xmlns: NS.dataForms, type: 'submit' }, xml('field', { var: 'FORM_TYPE' }, xml('value', {}, NS.mucRequest))))],
  ['a voice approval with an invalid boolean and no nick', 'alice', () => xml('message', {}, submitForm(NS.mucRequest, { 'muc#request_allow': 'perhaps' }))],
  ['a voice approval with several nicks', 'alice', () => xml('message', {}, submitForm(NS.mucRequest, { 'muc#request_allow': '1', 'muc#roomnick': ['Carol', 'Bob'] }))],
  ['a data form without a type', 'alice', () => xml('message', {}, xml('x', { xmlns: NS.dataForms }, xml('field')))],
  ['an IQ with an unknown type', 'alice', () => xml('iq', { type: 'poke' }, xml('query', { xmlns: NS.mucAdmin }))],
  ['an IQ without a type', 'alice', () => xml('iq', {}, xml('query', { xmlns: NS.mucAdmin }))],
  ['an IQ whose payload has no namespace', 'alice', () => xml('iq', { type: 'get' }, xml('query'))],
  ['an admin item with an unknown role', 'alice', () => admin(xml('item', { role: 'emperor', nick: 'Bob' }))],
  ['an admin item with an unknown affiliation', 'alice', () => admin(xml('item', { affiliation: 'friend', jid: 'bob@example.org' }))],
  ['an admin item with a role but no nick', 'alice', () => admin(xml('item', { role: 'visitor' }))],
  ['an admin item with a jid that is not a JID', 'alice', () => admin(xml('item', { affiliation: 'member', jid: 'a@b@c/d/e' }))],
  ['an admin item naming an empty nick', 'alice', () => admin(xml('item', { affiliation: 'member', nick: '' }))],
  ['an admin item with an empty reason element and text children', 'alice', () => admin(xml('item', { role: 'visitor', nick: 'Carol' }, 'stray text', xml('reason')))],
  ['an admin query with text but no items', 'alice', () => xml('iq', { type: 'set' }, xml('query', { xmlns: NS.mucAdmin }, 'hello'))],
  ['an admin get with two contradictory items', 'alice', () => adminGet(xml('item', { role: 'moderator', affiliation: 'owner' }), xml('item', { role: 'bogus' }))],
  ['an owner form with a boolean that is not one', 'alice', () => owner(submitForm(NS.mucRoomConfig, { 'muc#roomconfig_membersonly': 'yes' }))],
  ['an owner form with maxusers that is not a number', 'alice', () => owner(submitForm(NS.mucRoomConfig, { 'muc#roomconfig_maxusers': 'lots' }))],
  ['an owner form with negative history', 'alice', () => owner(submitForm(NS.mucRoomConfig, { 'muc#maxhistoryfetch': '-1' }))],
  ['an owner form with unknown roles in the broadcast list', 'alice', () => owner(submitForm(NS.mucRoomConfig, { 'muc#roomconfig_presencebroadcast': ['moderator', 'god'] }))],
  ['an owner form with an unknown whois and allowpm', 'alice', () => owner(submitForm(NS.mucRoomConfig, { 'muc#roomconfig_whois': 'everybody', 'muc#roomconfig_allowpm': 'cats' }))],
  ['an owner form with fields without var and values without text', 'alice', () => owner(xml('x', { xmlns: NS.dataForms, type: 'submit' }, xml('field', {}, xml('value')), xml('field', { var: 'muc#roomconfig_roomname' })))],
  ['an owner form with bad admin and owner lists', 'alice', () => owner(submitForm(NS.mucRoomConfig, { 'muc#roomconfig_roomadmins': ['@@'], 'muc#roomconfig_roomowners': [''] }))],
  ['an owner form of type bogus', 'alice', () => owner(xml('x', { xmlns: NS.dataForms, type: 'bogus' }))],
  ['a destroy with an empty jid', 'alice', () => owner(xml('destroy', { jid: '' }))],
  ['a destroy from a non-owner with garbage inside', 'carol', () => owner(xml('destroy', { jid: '\u0007' }, xml('reason', {}, xml('b'))))],
  ['a registration with an empty form', 'frank', () => register(xml('x', { xmlns: NS.dataForms, type: 'submit' }))],
  ['a registration with a nick of only a control character', 'frank', () => register(submitForm(NS.mucRegister, { 'muc#register_roomnick': '\u0001' }))],
  ['a registration with two nicks', 'frank', () => register(submitForm(NS.mucRegister, { 'muc#register_roomnick': ['a', 'b'] }))],
  ['a disco#info with an empty node', 'frank', () => xml('iq', { type: 'get' }, xml('query', { xmlns: NS.discoInfo, node: '' }))],
  ['an IQ result to an occupant with a forged relay id', 'bob', () => xml('iq', { type: 'result', id: '!!!.x' }), 'Alice'],
  ['an IQ error to an occupant with an id that decodes to a JID', 'bob', () => xml('iq', { type: 'error', id: `${Buffer.from('victim@example.org/x').toString('base64url')}.1` }), 'Alice'],
  ['an IQ to an occupant without a payload', 'bob', () => xml('iq', { type: 'get' }), 'Alice'],
  ['an element that is not a stanza', 'bob', () => xml('stream:features')],
];

describe('the core never throws on garbage', () => {
  for (const [what, who, stanza, nick] of GARBAGE) {
    it(what, () => {
      survive(populated(), who, stanza(), nick ?? '');
    });
  }

  it('a room keeps working after a run of garbage: bob still speaks to everyone', () => {
    const room = populated();
    for (const [, who, stanza, nick] of GARBAGE) survive(room, who, stanza(), nick ?? '');
    if (room.state.isDestroyed || room.occupant('Bob') === undefined) return;
    const said = room.say('bob', 'still here');
    expect(said.error).to.be.oneOf([undefined, 'forbidden']);
  });

  describe('a seeded random mix of stanzas', () => {
    // mulberry32: small, deterministic, good enough to pick from lists.
    function random(seed: number): () => number {
      let state = seed;
      return () => {
        state = (state + 0x6d2b79f5) | 0;
        let t = Math.imul(state ^ (state >>> 15), 1 | state);
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
      };
    }

    for (const seed of [1, 2, 3, 4, 5]) {
      it(`seed ${seed}: 600 stanzas, no exception, consistent state throughout`, () => {
        const next = random(seed);
        const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
        const people = ['alice', 'bob', 'bob/phone', 'carol', 'dave', 'eve', 'frank', 'root'];
        const nicks = ['', 'Alice', 'Bob', 'Carol', 'Dave', 'Ghost', 'Frank', 'x'.repeat(40)];
        const values = ['', '0', '1', 'true', 'moderator', 'participant', 'visitor', 'none', 'owner', 'admin', 'member', 'outcast', 'bob@example.org', '@@', 'Bob', '-1', '5'];
        const field = () => xml('field', { var: pick(['FORM_TYPE', 'muc#roomconfig_moderatedroom', 'muc#roomconfig_membersonly', 'muc#roomconfig_whois', 'muc#roomconfig_roomadmins', 'muc#roomconfig_roomowners', 'muc#roomconfig_maxusers', 'muc#roomconfig_presencebroadcast', 'muc#request_allow', 'muc#roomnick', 'muc#register_roomnick']) },
          xml('value', {}, pick([...values, NS.mucRoomConfig, NS.mucRequest, NS.mucRegister])));
        const form = () => xml('x', { xmlns: NS.dataForms, type: pick(['submit', 'cancel', 'form', '']) }, field(), field(), field());
        const adminItem = () => xml('item', {
          role: next() < 0.5 ? pick(values) : undefined, affiliation: next() < 0.5 ? pick(values) : undefined,
          nick: next() < 0.6 ? pick(nicks) : undefined, jid: next() < 0.5 ? pick(values) : undefined,
        }, next() < 0.3 ? xml('reason', {}, 'r') : undefined);
        const payloads: (() => Element)[] = [
          () => xml('x', { xmlns: NS.muc }, next() < 0.5 ? xml('history', { maxstanzas: pick(values), seconds: pick(values), since: pick(values) }) : undefined, next() < 0.3 ? xml('password', {}, pick(values)) : undefined),
          () => xml('x', { xmlns: NS.mucUser }, xml(pick(['invite', 'decline', 'item', 'status']), { to: pick(values), code: pick(values) })),
          () => xml('query', { xmlns: NS.mucAdmin }, adminItem(), adminItem()),
          () => xml('query', { xmlns: NS.mucOwner }, next() < 0.2 ? xml('destroy', { jid: pick(values) }) : form()),
          () => xml('query', { xmlns: NS.register }, next() < 0.3 ? xml('remove') : form()),
          () => xml('query', { xmlns: NS.discoInfo, node: next() < 0.3 ? 'x-roomuser-item' : undefined }),
          () => xml('ping', { xmlns: NS.ping }),
          () => xml('body', {}, pick(values)),
          () => xml('subject', {}, pick(values)),
          () => form(),
          () => xml('error', { type: pick(['cancel', 'wait', 'modify', 'auth']) }, xml(pick(['gone', 'item-not-found', 'bad-request']), { xmlns: NS.stanzas })),
        ];
        let room = populated();
        for (let index = 0; index < 600; index += 1) {
          if (room.state.isDestroyed || next() < 0.01) room = populated();
          const name = pick(['presence', 'message', 'iq', 'presence', 'message', 'iq', 'nonsense']);
          const type = pick([undefined, undefined, 'get', 'set', 'result', 'error', 'groupchat', 'chat', 'normal', 'unavailable', 'probe', 'bogus']);
          const children = Array.from({ length: Math.floor(next() * 3) }, () => pick(payloads)());
          survive(room, pick(people), xml(name, { type, id: `f${index}` }, ...children), pick(nicks));
        }
      });
    }
  });
});
