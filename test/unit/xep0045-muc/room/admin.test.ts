// The muc#admin protocol itself (XEP-0045 §8, §9, §17.4): what a request must look like, how a
// set with several items is checked whole before any takes effect, and the errors for bad items.
import { expect } from 'chai';
import { xml } from '../../../../src/xmpp/element.js';
import { NS } from '../../../../src/xmpp/namespaces.js';
import { ROOM, TestRoom, adminQuery, bare, errorType, full, iqIn, item } from '../../../helpers/room-fixtures.js';

function room4(): TestRoom {
  return new TestRoom({ affiliations: { alice: 'owner', dave: 'admin', bob: 'member' } })
    .enterAll({ alice: 'Alice', dave: 'Dave', bob: 'Bob', carol: 'Carol' });
}

describe('the muc#admin protocol (XEP-0045 §8, §9)', () => {
  describe('get', () => {
    it('the result comes from the room with the request\'s id, holding a muc#admin query', () => {
      const list = room4().adminGet('alice', { affiliation: 'owner' });
      expect(list.result?.attrs).to.include({ type: 'result', id: 'iq1', from: ROOM, to: full('alice') });
      expect(list.result?.getChild('query', NS.mucAdmin)).to.not.equal(undefined);
    });

    it('an empty list is an empty query', () => {
      const list = room4().adminGet('alice', { affiliation: 'outcast' });
      expect(list.result?.getChild('query', NS.mucAdmin)?.children).to.deep.equal([]);
    });

    const requests: Record<string, string>[] = [{}, { role: 'none' }, { affiliation: 'none' }, { role: 'king' }, { affiliation: 'friend' }];
    for (const attrs of requests) {
      it(`a get for ${JSON.stringify(attrs)} is a bad-request: ask for one role or one affiliation`, () => {
        expect(room4().adminGet('alice', attrs).error).to.equal('bad-request');
      });
    }

    it('a get without any <item/> is a bad-request', () => {
      expect(room4().send(iqIn('alice', 'get', adminQuery())).error).to.equal('bad-request');
    });

    it('someone not in the room, without an affiliation, may list nothing: forbidden', () => {
      const room = room4();
      expect(room.adminGet('eve', { role: 'participant' }).error).to.equal('forbidden');
      expect(room.adminGet('eve', { affiliation: 'member' }).error).to.equal('forbidden');
    });

    it('an admin or owner may read affiliation lists without being in the room', () => {
      const room = room4();
      room.leave('alice');
      expect(room.adminGet('alice', { affiliation: 'member' }).error).to.equal(undefined);
    });
  });

  describe('set', () => {
    it('a set without items is a bad-request', () => {
      expect(room4().admin('alice').error).to.equal('bad-request');
    });

    it('an item with an unknown role or affiliation is a bad-request', () => {
      const room = room4();
      expect(room.admin('alice', item({ nick: 'Bob', role: 'king' })).error).to.equal('bad-request');
      expect(room.admin('alice', item({ jid: bare('bob'), affiliation: 'friend' })).error).to.equal('bad-request');
    });

    it('an item with neither role nor affiliation is a bad-request', () => {
      expect(room4().admin('alice', item({ nick: 'Bob' })).error).to.equal('bad-request');
    });

    it('an affiliation item without a usable JID is jid-malformed (modify)', () => {
      const room = room4();
      const change = room.admin('alice', item({ affiliation: 'member', jid: '@@not a jid' }));
      expect(change.error).to.equal('jid-malformed');
      expect(errorType(change.errorReply)).to.equal('modify');
      expect(room.admin('alice', item({ affiliation: 'member' })).error).to.equal('jid-malformed');
    });

    it('an affiliation item may name an occupant by nick instead of JID', () => {
      const room = room4();
      room.admin('alice', item({ affiliation: 'member', nick: 'Carol' }));
      expect(room.affiliationOf('carol')).to.equal('member');
    });

    it('a role item for a nick not in the room is item-not-found', () => {
      expect(room4().admin('alice', item({ nick: 'Ghost', role: 'participant' })).error).to.equal('item-not-found');
    });

    it('an item with both role and affiliation is a bad-request (§17.4 rule 4)', () => {
      const room = room4();
      const change = room.admin('alice', item({ nick: 'Carol', jid: bare('carol'), role: 'visitor', affiliation: 'member' }));
      expect(change.error).to.equal('bad-request');
      expect(room.affiliationOf('carol')).to.equal('none');
    });

    it('items are checked in order, and the first refusal is the answer', () => {
      const room = room4();
      const change = room.admin('bob', item({ nick: 'Carol', role: 'king' }), item({ nick: 'Carol', role: 'none' }));
      expect(change.error).to.equal('bad-request');
    });

    it('all items are checked before any takes effect: one bad item refuses the whole set', () => {
      const room = room4();
      const change = room.admin('dave',
        item({ affiliation: 'member', jid: bare('carol') }),
        item({ nick: 'Carol', role: 'participant' }),
        item({ affiliation: 'owner', jid: bare('bob') }));
      expect(change.error).to.equal('forbidden');
      expect(change.changes).to.deep.equal([]);
      expect(change.recipients).to.deep.equal([full('dave')]);
      expect(room.affiliationOf('carol')).to.equal('none');
    });

    it('a mixed set of roles and affiliations takes effect item by item, with one result', () => {
      const room = room4();
      const change = room.admin('alice', item({ affiliation: 'member', jid: bare('carol') }), item({ nick: 'Bob', role: 'moderator' }));
      expect(change.to('alice').filter((stanza) => stanza.name === 'iq')).to.have.length(1);
      expect(room.affiliationOf('carol')).to.equal('member');
      expect(room.roleOf('Bob')).to.equal('moderator');
    });

    it('the actor named in the presence is the requester\'s nick; one not in the room is not named', () => {
      const room = room4();
      const byOccupant = room.admin('alice', item({ nick: 'Carol', role: 'none' }));
      expect(byOccupant.presenceOf('Carol', 'bob')[0]!.getChild('x', NS.mucUser)!.getChild('item')!.getChild('actor')?.attrs.nick).to.equal('Alice');
      room.leave('dave');
      const byAbsentAdmin = room.admin('dave', item({ affiliation: 'outcast', jid: bare('bob') }));
      expect(byAbsentAdmin.error).to.equal(undefined);
      expect(byAbsentAdmin.presenceOf('Bob', 'alice')[0]!.getChild('x', NS.mucUser)!.getChild('item')!.getChild('actor')).to.equal(undefined);
    });

    it('a change that cannot be stored is refused with resource-constraint (onStorageFailure)', () => {
      expect(room4().admin('alice', item({ nick: 'Carol', role: 'none' })).outcome.onStorageFailure?.condition).to.equal('resource-constraint');
    });

    it('an IQ of type result or error to the room is ignored', () => {
      const room = room4();
      expect(room.send(iqIn('alice', 'result', adminQuery(item({ nick: 'Carol', role: 'none' })))).isIgnored).to.equal(true);
      expect(room.send(iqIn('alice', 'error', adminQuery())).isIgnored).to.equal(true);
      expect(room.nicks).to.include('Carol');
    });

    it('an IQ error reply does not echo the payload (RFC 6120 allows either), and comes from the room', () => {
      const reply = room4().admin('bob', item({ nick: 'Carol', role: 'none' })).errorReply!;
      expect(reply.attrs).to.include({ type: 'error', from: ROOM, id: 'iq1' });
      expect(reply.getChild('query', NS.mucAdmin)).to.equal(undefined);
      expect(reply.getChild('error')?.getChild('text', NS.stanzas)).to.not.equal(undefined);
    });

    it('a reason with markup in it is passed on as text', () => {
      const room = room4();
      const kick = room.admin('alice', xml('item', { nick: 'Carol', role: 'none' }, xml('reason', {}, '<b>out</b> & stay out')));
      expect(kick.presenceOf('Carol', 'carol')[0]!.getChild('x', NS.mucUser)!.getChild('item')!.getChildText('reason')).to.equal('<b>out</b> & stay out');
    });
  });
});
