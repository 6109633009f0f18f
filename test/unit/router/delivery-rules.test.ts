// RFC 6121 §8.5 delivery decisions, one row of the table per test.
import { expect } from 'chai';
import { planForBareJid, planForFullJid, planForMissingAccount } from '../../../src/router/delivery-rules.js';
import { fakeSession } from '../../helpers/fake-session.js';

const message = (type = ''): { kind: 'message'; type: string } => ({ kind: 'message', type });
const presence = (type = ''): { kind: 'presence'; type: string } => ({ kind: 'presence', type });

describe('delivery rules (RFC 6121 §8.5)', () => {
  const high = fakeSession('bob@localhost/high', { priority: 5 });
  const highToo = fakeSession('bob@localhost/high2', { priority: 5 });
  const low = fakeSession('bob@localhost/low', { priority: 1 });
  const negative = fakeSession('bob@localhost/neg', { priority: -1 });
  const unavailable = fakeSession('bob@localhost/bot', { isAvailable: false });

  describe('account does not exist (§8.5.1)', () => {
    it('bounces messages and iq requests with service-unavailable, drops presence and errors', () => {
      expect(planForMissingAccount(message('chat'))).to.deep.equal({ action: 'bounce', condition: 'service-unavailable' });
      expect(planForMissingAccount({ kind: 'iq', type: 'get' })).to.deep.equal({ action: 'bounce', condition: 'service-unavailable' });
      expect(planForMissingAccount(presence('subscribe'))).to.deep.equal({ action: 'drop' });
      expect(planForMissingAccount(message('error'))).to.deep.equal({ action: 'drop' });
      expect(planForMissingAccount({ kind: 'iq', type: 'result' })).to.deep.equal({ action: 'drop' });
    });
  });

  describe('bare JID (§8.5.2)', () => {
    it('delivers chat and normal messages to every resource of the highest non-negative priority', () => {
      for (const type of ['chat', 'normal', '', 'unknown-type']) {
        const plan = planForBareJid(message(type), [low, high, negative, highToo, unavailable]);
        expect(plan).to.deep.equal({ action: 'deliver', to: [high, highToo] });
      }
    });

    it('stores a chat message offline when only negative-priority or unavailable resources exist', () => {
      expect(planForBareJid(message('chat'), [negative, unavailable])).to.deep.equal({ action: 'store-offline' });
      expect(planForBareJid(message('chat'), [])).to.deep.equal({ action: 'store-offline' });
    });

    it('delivers headlines to every non-negative resource and drops them otherwise', () => {
      expect(planForBareJid(message('headline'), [low, high, negative])).to.deep.equal({ action: 'deliver', to: [low, high] });
      expect(planForBareJid(message('headline'), [negative])).to.deep.equal({ action: 'drop' });
    });

    it('bounces groupchat, drops errors', () => {
      expect(planForBareJid(message('groupchat'), [high])).to.deep.equal({ action: 'bounce', condition: 'service-unavailable' });
      expect(planForBareJid(message('error'), [high])).to.deep.equal({ action: 'drop' });
    });

    it('delivers available and unavailable presence to every available resource, negative priority included', () => {
      expect(planForBareJid(presence(''), [low, negative, unavailable])).to.deep.equal({ action: 'deliver', to: [low, negative] });
      expect(planForBareJid(presence('unavailable'), [unavailable])).to.deep.equal({ action: 'drop' });
    });

    it('hands subscriptions, probes and iq to the server', () => {
      for (const type of ['subscribe', 'subscribed', 'unsubscribe', 'unsubscribed', 'probe']) {
        expect(planForBareJid(presence(type), [high])).to.deep.equal({ action: 'handle' });
      }
      expect(planForBareJid({ kind: 'iq', type: 'get' }, [high])).to.deep.equal({ action: 'handle' });
    });
  });

  describe('full JID (§8.5.3)', () => {
    it('delivers anything to a connected resource, even one without presence', () => {
      expect(planForFullJid({ kind: 'iq', type: 'get' }, unavailable, [unavailable])).to.deep.equal({ action: 'deliver', to: [unavailable] });
      expect(planForFullJid(message('groupchat'), high, [high])).to.deep.equal({ action: 'deliver', to: [high] });
    });

    it('treats chat to a gone resource like a message to the bare JID', () => {
      expect(planForFullJid(message('chat'), undefined, [low, high])).to.deep.equal({ action: 'deliver', to: [high] });
    });

    it('bounces an iq request and groupchat to a gone resource; drops headline, error and presence', () => {
      expect(planForFullJid({ kind: 'iq', type: 'set' }, undefined, [high])).to.deep.equal({ action: 'bounce', condition: 'service-unavailable' });
      expect(planForFullJid({ kind: 'iq', type: 'result' }, undefined, [high])).to.deep.equal({ action: 'drop' });
      expect(planForFullJid(message('groupchat'), undefined, [high])).to.deep.equal({ action: 'bounce', condition: 'service-unavailable' });
      expect(planForFullJid(message('headline'), undefined, [high])).to.deep.equal({ action: 'drop' });
      expect(planForFullJid(presence(''), undefined, [high])).to.deep.equal({ action: 'drop' });
    });

    it('treats subscription presence to a gone resource like presence to the bare JID', () => {
      expect(planForFullJid(presence('subscribe'), undefined, [high])).to.deep.equal({ action: 'handle' });
    });
  });
});
