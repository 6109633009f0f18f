// Which messages are kept for an offline account: XEP-0160 §3 "Handling of Message Types" and the
// XEP-0334 storage hints (<no-store/>, <store/>), one table row per rule.
import { expect } from 'chai';
import { isStorable } from '../../../src/im/offline-messages.js';
import { xml, type Element } from '../../../src/xmpp/element.js';
import { NS } from '../../../src/xmpp/namespaces.js';

function message(type: string | undefined, ...children: Element[]): Element {
  return xml('message', { from: 'alice@localhost/desk', to: 'bob@localhost', type, id: 'm1' }, ...children);
}
const body = (): Element => xml('body', {}, 'hello');
const active = (): Element => xml('active', { xmlns: NS.chatStates });
const hint = (name: string): Element => xml(name, { xmlns: NS.hints });

const ROWS: { rule: string; stanza: Element; isStored: boolean }[] = [
  // XEP-0160 §3, by type
  { rule: 'normal: stored', stanza: message('normal', body()), isStored: true },
  { rule: 'no type attribute (normal): stored', stanza: message(undefined, body()), isStored: true },
  { rule: 'normal without a body but with a payload: stored', stanza: message('normal', xml('x', { xmlns: 'jabber:x:oob' }, xml('url', {}, 'https://example.org/a'))), isStored: true },
  { rule: 'chat: stored', stanza: message('chat', body()), isStored: true },
  { rule: 'chat with a body and a chat state: stored', stanza: message('chat', body(), active()), isStored: true },
  { rule: 'chat with a receipt request and no body: stored (not only XEP-0085 content)', stanza: message('chat', xml('request', { xmlns: 'urn:xmpp:receipts' })), isStored: true },
  { rule: 'chat with only XEP-0085 content: not stored', stanza: message('chat', xml('composing', { xmlns: NS.chatStates })), isStored: false },
  { rule: 'chat with only a chat state and its thread: not stored', stanza: message('chat', active(), xml('thread', {}, 't1')), isStored: false },
  { rule: 'groupchat: not stored', stanza: message('groupchat', body()), isStored: false },
  { rule: 'headline: not stored', stanza: message('headline', body()), isStored: false },
  { rule: 'error: not stored', stanza: message('error', body(), xml('error', { type: 'cancel' })), isStored: false },
  // XEP-0334 hints
  { rule: 'XEP-0334 <no-store/>: a chat message is not stored', stanza: message('chat', body(), hint('no-store')), isStored: false },
  { rule: 'XEP-0334 <no-store/>: a normal message is not stored', stanza: message(undefined, body(), hint('no-store')), isStored: false },
  { rule: 'XEP-0334 <store/>: a chat-state-only chat message is stored', stanza: message('chat', active(), hint('store')), isStored: true },
  { rule: 'XEP-0334 <store/>: a normal message without a body is stored', stanza: message('normal', hint('store')), isStored: true },
  { rule: 'XEP-0334 <store/> on an error: not stored ("not of type error")', stanza: message('error', body(), hint('store')), isStored: false },
  { rule: 'normal with only a chat state: stored (the XEP-0085 exception is for chat only)', stanza: message('normal', active()), isStored: true },
  { rule: 'XEP-0334 <no-permanent-store/>: still stored for offline delivery (only <no-store/> forbids that)', stanza: message('chat', body(), hint('no-permanent-store')), isStored: true },
  { rule: 'XEP-0334 <store/> on a headline: stored ("not of type error")', stanza: message('headline', body(), hint('store')), isStored: true },
  { rule: 'a <no-store/> outside the hints namespace is not a hint', stanza: message('chat', body(), xml('no-store', { xmlns: 'urn:example' })), isStored: true },
];

describe('isStorable (XEP-0160 §3, XEP-0334)', () => {
  for (const { rule, stanza, isStored } of ROWS) {
    it(rule, () => {
      expect(isStorable(stanza)).to.equal(isStored);
    });
  }
});
