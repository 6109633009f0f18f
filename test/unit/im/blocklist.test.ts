// XEP-0191 without a network: block items, JID matching (§4), verdicts and presence recipients.
import { expect } from 'chai';
import { blockedError, inboundBlockedVerdict, isBlocked, parseBlockItems, presenceRecipients } from '../../../src/im/blocklist.js';
import { xml } from '../../../src/xmpp/element.js';
import { Jid } from '../../../src/xmpp/jid.js';

const blocks = (items: string[], jid: string): boolean => isBlocked(new Set(items), Jid.parse(jid));

describe('blocklist (XEP-0191)', () => {
  describe('parseBlockItems', () => {
    it('normalises the JIDs and drops duplicates, in the order given', () => {
      const block = xml('block', { xmlns: 'urn:xmpp:blocking' },
        xml('item', { jid: 'Romeo@Montague.NET' }), xml('item', { jid: 'iago@shakespeare.lit/Pda' }), xml('item', { jid: 'romeo@montague.net' }));
      expect(parseBlockItems(block)).to.deep.equal({ kind: 'items', jids: ['romeo@montague.net', 'iago@shakespeare.lit/Pda'] });
    });

    it('reads an empty element as no items', () => {
      expect(parseBlockItems(xml('unblock', { xmlns: 'urn:xmpp:blocking' }))).to.deep.equal({ kind: 'items', jids: [] });
    });

    it('refuses an invalid JID with jid-malformed and a missing one or a stray element with bad-request', () => {
      const condition = (child: ReturnType<typeof xml>): string | undefined => {
        const parsed = parseBlockItems(xml('block', {}, child));
        return parsed.kind === 'error' ? parsed.error.condition : undefined;
      };
      expect(condition(xml('item', { jid: 'a b@example.com' }))).to.equal('jid-malformed');
      expect(condition(xml('item', { jid: '' }))).to.equal('jid-malformed');
      expect(condition(xml('item'))).to.equal('bad-request');
      expect(condition(xml('other', { jid: 'a@example.com' }))).to.equal('bad-request');
    });
  });

  describe('isBlocked (§4 matching order)', () => {
    it('a full JID item matches only that resource', () => {
      expect(blocks(['romeo@montague.net/orchard'], 'romeo@montague.net/orchard')).to.equal(true);
      expect(blocks(['romeo@montague.net/orchard'], 'romeo@montague.net/garden')).to.equal(false);
      expect(blocks(['romeo@montague.net/orchard'], 'romeo@montague.net')).to.equal(false);
    });

    it('a bare JID item matches the bare JID and every resource of it', () => {
      expect(blocks(['romeo@montague.net'], 'romeo@montague.net')).to.equal(true);
      expect(blocks(['romeo@montague.net'], 'romeo@montague.net/orchard')).to.equal(true);
      expect(blocks(['romeo@montague.net'], 'benvolio@montague.net')).to.equal(false);
    });

    it('a domain/resource item matches only that JID', () => {
      expect(blocks(['montague.net/bot'], 'montague.net/bot')).to.equal(true);
      expect(blocks(['montague.net/bot'], 'romeo@montague.net/bot')).to.equal(false);
      expect(blocks(['montague.net/bot'], 'montague.net')).to.equal(false);
    });

    it('a domain item matches the domain, everything at it and at its subdomains, not lookalikes', () => {
      for (const jid of ['montague.net', 'romeo@montague.net', 'romeo@montague.net/orchard', 'montague.net/bot', 'chat.montague.net', 'x@a.b.montague.net/r']) {
        expect(blocks(['montague.net'], jid), jid).to.equal(true);
      }
      for (const jid of ['evilmontague.net', 'montague.net.evil', 'capulet.net']) {
        expect(blocks(['montague.net'], jid), jid).to.equal(false);
      }
    });

    it('matches the normalised form and treats IP literals as having no parent domain', () => {
      const blocklist = new Set([Jid.parse('Romeo@MONTAGUE.net').toString()]);
      expect(isBlocked(blocklist, Jid.parse('ROMEO@montague.NET/x'))).to.equal(true);
      expect(blocks(['0.0.1'], 'user@127.0.0.1')).to.equal(false);
      expect(blocks(['127.0.0.1'], 'user@127.0.0.1')).to.equal(true);
    });

    it('an empty list blocks nothing', () => {
      expect(blocks([], 'romeo@montague.net')).to.equal(false);
    });
  });

  describe('inboundBlockedVerdict (§3.3)', () => {
    const verdict = (name: string, type?: string): unknown => inboundBlockedVerdict(xml(name, { type }));

    it('drops every presence, including subscriptions and probes', () => {
      for (const type of [undefined, 'unavailable', 'subscribe', 'probe']) expect(verdict('presence', type)).to.equal('drop');
    });

    it('answers messages and iq requests with service-unavailable, drops the rest', () => {
      const bounce = { bounce: { condition: 'service-unavailable' } };
      expect(verdict('message')).to.deep.equal(bounce);
      expect(verdict('message', 'chat')).to.deep.equal(bounce);
      expect(verdict('iq', 'get')).to.deep.equal(bounce);
      expect(verdict('iq', 'set')).to.deep.equal(bounce);
      expect(verdict('iq', 'result')).to.equal('drop');
      expect(verdict('iq', 'error')).to.equal('drop');
      expect(verdict('message', 'error')).to.equal('drop');
    });
  });

  it('blockedError is not-acceptable with <blocked/> in urn:xmpp:blocking:errors', () => {
    const spec = blockedError();
    expect(spec.condition).to.equal('not-acceptable');
    expect(String(spec.appCondition)).to.equal('<blocked xmlns="urn:xmpp:blocking:errors"/>');
  });

  describe('presenceRecipients (§3.3, §3.4)', () => {
    const subscribers = ['romeo@montague.net', 'nurse@capulet.net', 'friar@chat.montague.net'];

    it('tells a blocked subscriber, and nobody who is not one', () => {
      expect(presenceRecipients(['romeo@montague.net', 'iago@shakespeare.lit'], subscribers)).to.deep.equal(['romeo@montague.net']);
    });

    it('tells only the blocked resource for a full JID item', () => {
      expect(presenceRecipients(['romeo@montague.net/orchard'], subscribers)).to.deep.equal(['romeo@montague.net/orchard']);
    });

    it('tells every subscriber a domain item covers', () => {
      expect(presenceRecipients(['montague.net'], subscribers)).to.deep.equal(['romeo@montague.net', 'friar@chat.montague.net']);
    });
  });
});
