// Occupant presence as the room sends it (XEP-0045 §7.2.2, §17.3): the session's own presence plus
// one muc#user item with role and affiliation, the real JID only for those who may see it, status
// codes, 110 on self-presence, and the XEP-0421 occupant-id.
import { expect } from 'chai';
import {
  broadcastPresence, occupantPresence, recipients, representativeSession, selfPresence, stripMucExtension,
} from '../../../../src/xep0045-muc/room/presence-out.js';
import type { Occupant, RoomState } from '../../../../src/xep0045-muc/room/types.js';
import { xml } from '../../../../src/xmpp/element.js';
import { NS } from '../../../../src/xmpp/namespaces.js';
import { ROOM, TestRoom, full, makeRoom, mucItem, presenceTo, statusCodes } from '../../../helpers/room-fixtures.js';

function roomWith(setup: Parameters<typeof makeRoom>[0] = {}): { room: RoomState; bob: Occupant } {
  const test = new TestRoom(setup).enterAll({ alice: 'Alice', bob: 'Bob', carol: 'Carol' });
  return { room: test.state, bob: test.occupant('Bob')! };
}

describe('presence as the room sends it', () => {
  describe('stripMucExtension', () => {
    it('keeps show, status, priority and other extensions, drops the MUC <x/> elements', () => {
      const presence = xml('presence', { to: 'x', id: 'p1' }, xml('show', {}, 'away'), xml('status', {}, 'out'), xml('priority', {}, '5'),
        xml('c', { xmlns: NS.caps, ver: 'abc' }), xml('x', { xmlns: NS.muc }, xml('password', {}, 'secret')), xml('x', { xmlns: NS.mucUser }));
      const stripped = stripMucExtension(presence);
      expect(stripped.children.map((child) => (typeof child === 'string' ? child : child.name))).to.deep.equal(['show', 'status', 'priority', 'c']);
      expect(stripped.attrs).to.deep.equal({});
      expect(stripped.toString()).to.not.contain('secret');
    });

    it('keeps the unavailable type and nothing else of the original attributes', () => {
      expect(stripMucExtension(xml('presence', { type: 'unavailable', to: 'x' })).attrs).to.deep.equal({ type: 'unavailable' });
    });

    it('does not change the presence it is given', () => {
      const presence = xml('presence', {}, xml('x', { xmlns: NS.muc }));
      stripMucExtension(presence);
      expect(presence.getChild('x', NS.muc)).to.not.equal(undefined);
    });

    it('an <x/> in another namespace is kept', () => {
      const stripped = stripMucExtension(xml('presence', {}, xml('x', { xmlns: 'vcard-temp:x:update' })));
      expect(stripped.getChild('x', 'vcard-temp:x:update')).to.not.equal(undefined);
    });
  });

  describe('occupantPresence', () => {
    it('comes from the occupant JID in jabber:client, with one muc#user item and the occupant-id last', () => {
      const { room, bob } = roomWith();
      const presence = occupantPresence(room, bob, xml('presence', {}, xml('show', {}, 'dnd')), full('bob'), {}, [170]);
      expect(presence.attrs).to.include({ from: `${ROOM}/Bob`, xmlns: NS.client });
      expect(presence.getChildText('show')).to.equal('dnd');
      expect(mucItem(presence)).to.deep.equal({ affiliation: 'none', role: 'participant', jid: full('bob') });
      expect(statusCodes(presence)).to.deep.equal([170]);
      expect(presence.getChildElements().at(-1)?.attrs).to.include({ xmlns: NS.occupantId, id: bob.occupantId });
    });

    it('no base presence means unavailable', () => {
      const { room, bob } = roomWith();
      expect(occupantPresence(room, bob, undefined, undefined, {}, []).attrs.type).to.equal('unavailable');
    });

    it('notes show a new nick, an actor, a reason, a destroy element, and a role or affiliation other than the current one', () => {
      const { room, bob } = roomWith();
      const presence = occupantPresence(room, bob, undefined, undefined, {
        newNick: 'Robert', actorNick: 'Alice', reason: 'because', destroy: xml('destroy', { jid: 'elsewhere@x' }), role: 'none', affiliation: 'outcast',
      }, []);
      const x = presence.getChild('x', NS.mucUser)!;
      expect(x.getChild('item')?.attrs).to.deep.equal({ affiliation: 'outcast', role: 'none', nick: 'Robert' });
      expect(x.getChild('item')?.getChild('actor')?.attrs.nick).to.equal('Alice');
      expect(x.getChild('item')?.getChildText('reason')).to.equal('because');
      expect(x.getChild('destroy')?.attrs.jid).to.equal('elsewhere@x');
    });

    it('a status code appears once however often it is asked for', () => {
      const { room, bob } = roomWith();
      expect(statusCodes(occupantPresence(room, bob, undefined, undefined, {}, [110, 307, 110]))).to.deep.equal([110, 307]);
    });
  });

  describe('recipients', () => {
    it('splits the room\'s sessions by whether they see real JIDs, leaving out the sessions named', () => {
      const { room } = roomWith({ affiliations: { alice: 'owner' } });
      expect(recipients(room, new Set([full('bob')]))).to.deep.equal({ seers: [full('alice')], others: [full('carol')] });
      expect(recipients(room, new Set()).others).to.have.members([full('bob'), full('carol')]);
    });

    it('in a non-anonymous room everyone is a seer', () => {
      const { room } = roomWith({ config: { whois: 'anyone' } });
      expect(recipients(room, new Set([full('bob')]))).to.deep.equal({ seers: [full('alice'), full('carol')], others: [] });
    });
  });

  describe('broadcastPresence', () => {
    it('one stanza for the seers, one for the others, and a self-presence for each named session', () => {
      const { room, bob } = roomWith({ affiliations: { alice: 'owner' } });
      const out = broadcastPresence(room, bob, xml('presence'), full('bob'), {}, [full('bob')]);
      expect(out.map((one) => one.to)).to.deep.equal([[full('alice')], [full('carol')], [full('bob')]]);
      expect(mucItem(out[0]!.stanza).jid).to.equal(full('bob'));
      expect(mucItem(out[1]!.stanza).jid).to.equal(undefined);
      expect(statusCodes(out[2]!.stanza)).to.deep.equal([110]);
    });

    it('nothing for others when the role\'s presence is not broadcast; unavailable always is', () => {
      const { room, bob } = roomWith({ config: { presenceBroadcast: ['moderator'] } });
      expect(broadcastPresence(room, bob, xml('presence'), full('bob'), {}, []).length).to.equal(0);
      expect(broadcastPresence(room, bob, undefined, full('bob'), { role: 'none' }, []).length).to.equal(1);
      expect(broadcastPresence(room, bob, xml('presence', { type: 'unavailable' }), full('bob'), {}, []).length).to.equal(1);
    });

    it('the stanzas have no \'to\': the host addresses them', () => {
      const { room, bob } = roomWith();
      for (const one of broadcastPresence(room, bob, xml('presence'), full('bob'), {}, [full('bob')])) expect(one.stanza.attrs.to).to.equal(undefined);
    });
  });

  describe('selfPresence', () => {
    it('adds 110 after the shared codes and the self-only codes, one stanza per session', () => {
      const { room, bob } = roomWith();
      const out = selfPresence(room, bob, xml('presence'), { codes: [307], selfCodes: [201] }, [full('bob'), full('bob/phone')]);
      expect(out.map((one) => one.to)).to.deep.equal([[full('bob')], [full('bob/phone')]]);
      expect(statusCodes(out[0]!.stanza)).to.deep.equal([307, 201, 110]);
      expect(mucItem(out[1]!.stanza).jid).to.equal(full('bob/phone'));
    });
  });

  describe('representativeSession', () => {
    it('is the session that spoke last, and undefined for an occupant without sessions', () => {
      const room = new TestRoom().enterAll({ bob: 'Bob', 'bob/phone': 'Bob' });
      expect(representativeSession(room.occupant('Bob')!)?.[0]).to.equal(full('bob/phone'));
      room.send(presenceTo('bob', 'Bob', { isPlain: true, children: [xml('show', {}, 'away')] }));
      expect(representativeSession(room.occupant('Bob')!)?.[0]).to.equal(full('bob'));
      expect(representativeSession({ ...room.occupant('Bob')!, sessions: new Map() })).to.equal(undefined);
    });
  });
});
