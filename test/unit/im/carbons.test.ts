// XEP-0280 §6 "Messages Eligible for Carbons Delivery" (§6.1 recommended rules, MUC rules) and §9
// "Avoiding Carbons" as a table: one row per rule, both directions unless the rule names one.
import { expect } from 'chai';
import { isCarbonEligible } from '../../../src/im/carbons.js';
import { xml, type Element } from '../../../src/xmpp/element.js';
import { NS } from '../../../src/xmpp/namespaces.js';

type Direction = 'sent' | 'received';
const BOTH: Direction[] = ['sent', 'received'];

function message(type: string | undefined, ...children: Element[]): Element {
  return xml('message', { from: 'alice@localhost/desk', to: 'bob@localhost/phone', type, id: 'm1' }, ...children);
}
const body = (): Element => xml('body', {}, 'hello');
const composing = (): Element => xml('composing', { xmlns: NS.chatStates });

interface Row {
  rule: string;
  stanza: () => Element;
  directions: Direction[];
  isEligible: boolean;
}

const ROWS: Row[] = [
  // §6.1: eligible if at least one of …
  { rule: 'of type "chat"', stanza: () => message('chat', body()), directions: BOTH, isEligible: true },
  { rule: 'of type "chat" without a body (a chat state)', stanza: () => message('chat', composing()), directions: BOTH, isEligible: true },
  { rule: 'of type "normal" with a <body/>', stanza: () => message('normal', body()), directions: BOTH, isEligible: true },
  { rule: 'without a type (normal) with a <body/>', stanza: () => message(undefined, body()), directions: BOTH, isEligible: true },
  { rule: 'a XEP-0184 receipt request, no body', stanza: () => message('normal', xml('request', { xmlns: 'urn:xmpp:receipts' })), directions: BOTH, isEligible: true },
  { rule: 'a XEP-0184 receipt, no body', stanza: () => message(undefined, xml('received', { xmlns: 'urn:xmpp:receipts', id: 'x' })), directions: BOTH, isEligible: true },
  { rule: 'a XEP-0085 chat state, type normal', stanza: () => message('normal', composing()), directions: BOTH, isEligible: true },
  { rule: 'a XEP-0333 chat marker, no body', stanza: () => message(undefined, xml('displayed', { xmlns: 'urn:xmpp:chat-markers:0', id: 'x' })), directions: BOTH, isEligible: true },
  { rule: 'an IM payload on a headline', stanza: () => message('headline', xml('request', { xmlns: 'urn:xmpp:receipts' })), directions: BOTH, isEligible: true },
  { rule: 'of type "error" (in reply to a chat message)', stanza: () => message('error', xml('error', { type: 'cancel' })), directions: BOTH, isEligible: true },
  // … and none of them
  { rule: 'of type "normal" with neither a body nor an IM payload', stanza: () => message('normal', xml('event', { xmlns: 'http://jabber.org/protocol/pubsub#event' })), directions: BOTH, isEligible: false },
  { rule: 'an empty normal message', stanza: () => message(undefined), directions: BOTH, isEligible: false },
  { rule: 'of type "headline" with only a body', stanza: () => message('headline', body()), directions: BOTH, isEligible: false },
  // §6.1 MUC rules
  { rule: 'MUC: type "groupchat"', stanza: () => message('groupchat', body()), directions: BOTH, isEligible: false },
  { rule: 'MUC: type "groupchat", even with an IM payload', stanza: () => message('groupchat', composing()), directions: BOTH, isEligible: false },
  { rule: 'MUC: a XEP-0249 direct invitation', stanza: () => message(undefined, xml('x', { xmlns: 'jabber:x:conference', jid: 'room@muc.localhost' })), directions: BOTH, isEligible: true },
  {
    rule: 'MUC: a private message from a local user to a participant',
    stanza: () => message('chat', body(), xml('x', { xmlns: NS.mucUser })), directions: ['sent'], isEligible: true,
  },
  {
    rule: 'MUC: a private message from a participant to a local user',
    stanza: () => message('chat', body(), xml('x', { xmlns: NS.mucUser })), directions: ['received'], isEligible: false,
  },
  {
    rule: 'MUC: a mediated invitation with a body',
    stanza: () => message(undefined, body(), xml('x', { xmlns: NS.mucUser }, xml('invite', { from: 'carol@localhost' }))), directions: BOTH, isEligible: true,
  },
  {
    rule: 'MUC: a mediated invitation without a body (XEP-0045 §7.8.2)',
    stanza: () => message(undefined, xml('x', { xmlns: NS.mucUser }, xml('invite', { to: 'carol@localhost' }))), directions: BOTH, isEligible: true,
  },
  // §9 avoiding carbons, and carbons of carbons
  { rule: '§9: a <private/> element', stanza: () => message('chat', body(), xml('private', { xmlns: NS.carbons })), directions: BOTH, isEligible: false },
  { rule: '§9 / XEP-0334: a <no-copy/> hint', stanza: () => message('chat', body(), xml('no-copy', { xmlns: NS.hints })), directions: BOTH, isEligible: false },
  {
    rule: '§9: <private/> and <no-copy/> on an error',
    stanza: () => message('error', xml('private', { xmlns: NS.carbons }), xml('no-copy', { xmlns: NS.hints })), directions: BOTH, isEligible: false,
  },
  {
    rule: 'a <private/> in another namespace',
    stanza: () => message('chat', body(), xml('private', { xmlns: 'urn:example:private' })), directions: BOTH, isEligible: true,
  },
  {
    rule: 'a carbon copy (<received/>) itself',
    stanza: () => message('chat', xml('received', { xmlns: NS.carbons }, xml('forwarded', { xmlns: NS.forward }, message('chat', body())))),
    directions: BOTH, isEligible: false,
  },
  {
    rule: 'a carbon copy (<sent/>) itself',
    stanza: () => message('chat', xml('sent', { xmlns: NS.carbons }, xml('forwarded', { xmlns: NS.forward }, message('chat', body())))),
    directions: BOTH, isEligible: false,
  },
];

describe('isCarbonEligible (XEP-0280 §6.1)', () => {
  for (const row of ROWS) {
    for (const direction of row.directions) {
      it(`${direction}: ${row.rule} → ${row.isEligible ? 'copied' : 'not copied'}`, () => {
        expect(isCarbonEligible(row.stanza(), direction)).to.equal(row.isEligible);
      });
    }
  }

  it('does not change the message it looks at', () => {
    const stanza = message('chat', body(), xml('x', { xmlns: NS.mucUser }));
    const before = stanza.toString();
    isCarbonEligible(stanza, 'received');
    expect(stanza.toString()).to.equal(before);
  });
});
