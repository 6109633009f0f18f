// XEP-0045 §8.2–8.5 (moderators: kick, grant and revoke voice, the voice list) and §9.6–9.8 (admins:
// grant and revoke moderator status, the moderator list), all through muc#admin role items.
import { expect } from 'chai';
import { xml } from '../../../../src/xmpp/element.js';
import { NS } from '../../../../src/xmpp/namespaces.js';
import { TestRoom, errorType, full, item, mucItem, occupantJid, statusCodes, attr } from '../../../helpers/room-fixtures.js';

/** alice owner, dave admin, bob member, carol unaffiliated; the room is moderated. */
function moderatedRoom(): TestRoom {
  return new TestRoom({ config: { isModerated: true }, affiliations: { alice: 'owner', dave: 'admin', bob: 'member' } })
    .enterAll({ alice: 'Alice', dave: 'Dave', bob: 'Bob', carol: 'Carol' });
}

/** Index of the first stanza `who` got that matches. */
function indexOf(exchange: ReturnType<TestRoom['admin']>, who: string, match: (stanza: ReturnType<TestRoom['admin']>['deliveries'][number]['stanza']) => boolean): number {
  return exchange.to(who).findIndex(match);
}

describe('kicking an occupant (XEP-0045 §8.2)', () => {
  it('the kicked occupant gets unavailable with 307 and 110, the actor\'s nick and the reason', () => {
    const room = new TestRoom({ affiliations: { alice: 'owner' } }).enterAll({ alice: 'Fluellen', bob: 'Pistol', carol: 'Gower' });
    const kick = room.admin('alice', item({ nick: 'Pistol', role: 'none' }, 'Avaunt, you cullion!'));
    const [own] = kick.presenceOf('Pistol', 'bob');
    expect(own?.attrs.type).to.equal('unavailable');
    expect(statusCodes(own)).to.include.members([110, 307]);
    expect(mucItem(own)).to.include({ role: 'none', affiliation: 'none' });
    const itemElement = own!.getChild('x', NS.mucUser)!.getChild('item')!;
    expect(itemElement.getChild('actor')?.attrs.nick).to.equal('Fluellen');
    expect(itemElement.getChildText('reason')).to.equal('Avaunt, you cullion!');
  });

  it('the remaining occupants get his unavailable presence with 307 (no 110)', () => {
    const room = new TestRoom({ affiliations: { alice: 'owner' } }).enterAll({ alice: 'Fluellen', bob: 'Pistol', carol: 'Gower' });
    const kick = room.admin('alice', item({ nick: 'Pistol', role: 'none' }));
    for (const who of ['alice', 'carol']) {
      const [seen] = kick.presenceOf('Pistol', who);
      expect(seen?.attrs.type, who).to.equal('unavailable');
      expect(statusCodes(seen), who).to.deep.equal([307]);
      expect(mucItem(seen), who).to.include({ role: 'none' });
    }
  });

  it('the moderator is told of success, from the room, with her id', () => {
    const room = new TestRoom({ affiliations: { alice: 'owner' } }).enterAll({ alice: 'Alice', bob: 'Bob' });
    const kick = room.admin('alice', item({ nick: 'Bob', role: 'none' }));
    expect(kick.result?.attrs).to.include({ type: 'result', id: 'iq1', from: 'lounge@conference.example.org' });
  });

  it('he is out of the room, and may come back (a kick is not a ban)', () => {
    const room = new TestRoom({ affiliations: { alice: 'owner' } }).enterAll({ alice: 'Alice', bob: 'Bob' });
    room.admin('alice', item({ nick: 'Bob', role: 'none' }));
    expect(room.nicks).to.deep.equal(['Alice']);
    expect(room.enter('bob', 'Bob').error).to.equal(undefined);
  });

  it('a participant may not kick: forbidden (auth)', () => {
    const room = moderatedRoom();
    const kick = room.admin('bob', item({ nick: 'Carol', role: 'none' }));
    expect(kick.error).to.equal('forbidden');
    expect(errorType(kick.errorReply)).to.equal('auth');
    expect(room.nicks).to.include('Carol');
  });

  it('kicking a nick nobody uses: item-not-found', () => {
    expect(moderatedRoom().admin('alice', item({ nick: 'Nobody', role: 'none' })).error).to.equal('item-not-found');
  });

  it('a member who is a moderator may not kick an admin, nor an admin kick an owner: not-allowed (cancel)', () => {
    const room = moderatedRoom();
    room.admin('alice', item({ nick: 'Bob', role: 'moderator' }));
    const memberKicksAdmin = room.admin('bob', item({ nick: 'Dave', role: 'none' }));
    expect(memberKicksAdmin.error).to.equal('not-allowed');
    expect(errorType(memberKicksAdmin.errorReply)).to.equal('cancel');
    expect(room.admin('dave', item({ nick: 'Alice', role: 'none' })).error).to.equal('not-allowed');
    expect(room.nicks).to.include.members(['Alice', 'Dave']);
  });

  // §8.2 (kick): "A user cannot be kicked by a moderator with a lower affiliation." carol, given
  // the moderator role but unaffiliated, tries to kick bob, a member.
  it('an unaffiliated moderator may not kick a member: not-allowed (§8.2)', () => {
    const room = moderatedRoom();
    room.admin('alice', item({ nick: 'Carol', role: 'moderator' }));
    expect(room.admin('carol', item({ nick: 'Bob', role: 'none' })).error).to.equal('not-allowed');
    expect(room.nicks).to.include('Bob');
  });

  // §8.2: "After removing the kicked occupant(s), the service MUST then inform the moderator of
  // success ... After informing the moderator, the service MUST then inform all of the remaining
  // occupants".
  it('the kicked user hears first, then the moderator gets her result, then the others (§8.2)', () => {
    const room = new TestRoom({ affiliations: { alice: 'owner' } }).enterAll({ alice: 'Alice', bob: 'Bob', carol: 'Carol' });
    const kick = room.admin('alice', item({ nick: 'Bob', role: 'none' }));
    const order = kick.deliveries.map(({ to, stanza }) => `${to.split('@')[0]!} ${stanza.name}`);
    expect(order.indexOf('bob presence')).to.be.lessThan(order.indexOf('alice iq'));
    expect(order.indexOf('alice iq')).to.be.lessThan(order.indexOf('alice presence'));
    expect(order.indexOf('alice iq')).to.be.lessThan(order.indexOf('carol presence'));
  });
});

describe('granting and revoking voice (XEP-0045 §8.3, §8.4)', () => {
  it('§8.3 a moderator grants voice: the visitor becomes a participant and everyone sees the new role and the reason', () => {
    const room = moderatedRoom();
    const grant = room.admin('alice', item({ nick: 'Carol', role: 'participant' }, 'A worthy witch indeed!'));
    expect(grant.result).to.not.equal(undefined);
    expect(room.roleOf('Carol')).to.equal('participant');
    for (const who of ['alice', 'dave', 'bob']) {
      const [seen] = grant.presenceOf('Carol', who);
      expect(seen?.attrs.type, who).to.equal(undefined);
      expect(mucItem(seen), who).to.include({ role: 'participant', affiliation: 'none' });
      expect(seen!.getChild('x', NS.mucUser)!.getChild('item')!.getChildText('reason'), who).to.equal('A worthy witch indeed!');
    }
    expect(statusCodes(grant.presenceOf('Carol', 'carol')[0])).to.include(110);
    expect(room.say('carol', 'at last').error).to.equal(undefined);
  });

  it('§8.3 the updated presence keeps carol\'s show and status', () => {
    const room = new TestRoom({ config: { isModerated: true }, affiliations: { alice: 'owner' } }).enterAll({ alice: 'Alice' });
    room.enter('carol', 'Carol', { children: [xml('show', {}, 'away'), xml('status', {}, 'brewing')] });
    const grant = room.admin('alice', item({ nick: 'Carol', role: 'participant' }));
    const [seen] = grant.presenceOf('Carol', 'alice');
    expect(seen?.getChildText('show')).to.equal('away');
    expect(seen?.getChildText('status')).to.equal('brewing');
  });

  it('§8.4 a moderator revokes voice: the participant becomes a visitor and may no longer speak', () => {
    const room = new TestRoom({ config: { isModerated: true }, affiliations: { alice: 'owner' } }).enterAll({ alice: 'Alice', carol: 'Carol' });
    room.admin('alice', item({ nick: 'Carol', role: 'participant' }));
    const revoke = room.admin('alice', item({ nick: 'Carol', role: 'visitor' }, 'Not so worthy after all!'));
    expect(mucItem(revoke.presenceOf('Carol', 'alice')[0])).to.include({ role: 'visitor' });
    expect(room.roleOf('Carol')).to.equal('visitor');
    expect(room.say('carol', 'hello?').error).to.equal('forbidden');
  });

  it('§8.4 nobody may revoke the voice of an admin or owner: not-allowed', () => {
    const room = moderatedRoom();
    expect(room.admin('alice', item({ nick: 'Dave', role: 'visitor' })).error).to.equal('not-allowed');
    expect(room.admin('dave', item({ nick: 'Alice', role: 'visitor' })).error).to.equal('not-allowed');
    expect(room.admin('alice', item({ nick: 'Alice', role: 'participant' })).error).to.equal('not-allowed');
    expect(room.roleOf('Dave')).to.equal('moderator');
  });

  // §8.4 (revokevoice): "A moderator MUST NOT be able to revoke voice from a user whose affiliation
  // is at or above the moderator's level." carol (a moderator by role, unaffiliated) tries to revoke
  // the voice of bob (a member).
  it('§8.4 an unaffiliated moderator may not revoke a member\'s voice: not-allowed', () => {
    const room = moderatedRoom();
    room.admin('alice', item({ nick: 'Carol', role: 'moderator' }));
    expect(room.admin('carol', item({ nick: 'Bob', role: 'visitor' })).error).to.equal('not-allowed');
    expect(room.roleOf('Bob')).to.equal('participant');
  });

  it('§8.3 a participant may not grant voice: forbidden', () => {
    expect(moderatedRoom().admin('bob', item({ nick: 'Carol', role: 'participant' })).error).to.equal('forbidden');
  });

  // §8.3 (grantvoice): "The service MUST then inform the moderator of success" and then "MUST then
  // send updated presence".
  it('§8.3 the moderator gets her result before the updated presence', () => {
    const grant = moderatedRoom().admin('alice', item({ nick: 'Carol', role: 'participant' }));
    const result = indexOf(grant, 'alice', (stanza) => stanza.name === 'iq');
    const presence = indexOf(grant, 'alice', (stanza) => stanza.attrs.from === occupantJid('Carol'));
    expect(result).to.be.at.least(0);
    expect(result).to.be.lessThan(presence);
  });
});

describe('the voice list (XEP-0045 §8.5)', () => {
  it('a moderator gets the participants, each with nick, role and affiliation', () => {
    const room = moderatedRoom();
    const list = room.adminGet('alice', { role: 'participant' });
    const items = list.result!.getChild('query', NS.mucAdmin)!.getChildren('item');
    expect(items.map((one) => attr(one, 'nick'))).to.deep.equal(['Bob']);
    expect(items[0]!.attrs).to.include({ nick: 'Bob', role: 'participant', affiliation: 'member' });
  });

  it('each item of a role list carries the occupant\'s full JID (§17.4 rule 5)', () => {
    const items = moderatedRoom().adminGet('alice', { role: 'participant' }).result!.getChild('query', NS.mucAdmin)!.getChildren('item');
    expect(items[0]!.attrs.jid).to.equal(full('bob'));
  });

  it('a participant may not get the voice list: forbidden', () => {
    expect(moderatedRoom().adminGet('bob', { role: 'participant' }).error).to.equal('forbidden');
  });

  it('the visitor and moderator lists work the same way', () => {
    const room = moderatedRoom();
    const names = (role: string) => room.adminGet('dave', { role }).result!.getChild('query', NS.mucAdmin)!.getChildren('item').map((one) => attr(one, 'nick'));
    expect(names('visitor')).to.deep.equal(['Carol']);
    expect(names('moderator')).to.deep.equal(['Alice', 'Dave']);
  });

  it('a moderator sends the delta: every item takes effect and each occupant\'s new presence goes out', () => {
    const room = moderatedRoom();
    room.enter('eve', 'Eve');
    const delta = room.admin('alice', item({ nick: 'Bob', role: 'visitor' }), item({ nick: 'Carol', role: 'participant' }, 'A worthy fellow.'),
      item({ nick: 'Eve', role: 'participant' }, 'A worthy fellow.'));
    expect(delta.result).to.not.equal(undefined);
    expect([room.roleOf('Bob'), room.roleOf('Carol'), room.roleOf('Eve')]).to.deep.equal(['visitor', 'participant', 'participant']);
    expect(delta.presencesTo('dave').map((stanza) => attr(stanza, 'from'))).to.deep.equal([occupantJid('Bob'), occupantJid('Carol'), occupantJid('Eve')]);
  });

  it('one item that may not be done refuses the whole delta, and nothing changes', () => {
    const room = moderatedRoom();
    const delta = room.admin('alice', item({ nick: 'Carol', role: 'participant' }), item({ nick: 'Dave', role: 'visitor' }));
    expect(delta.error).to.equal('not-allowed');
    expect(delta.changes).to.deep.equal([]);
    expect(room.roleOf('Carol')).to.equal('visitor');
  });
});

describe('granting and revoking moderator status (XEP-0045 §9.6–9.8)', () => {
  it('§9.6 an admin grants moderator status: everyone sees role moderator', () => {
    const room = moderatedRoom();
    const grant = room.admin('dave', item({ nick: 'Bob', role: 'moderator' }, 'A worthy witch indeed!'));
    expect(grant.result).to.not.equal(undefined);
    expect(room.roleOf('Bob')).to.equal('moderator');
    expect(mucItem(grant.presenceOf('Bob', 'carol')[0])).to.include({ role: 'moderator', affiliation: 'member' });
  });

  it('§9.6 a new moderator sees real JIDs from then on (semi-anonymous room)', () => {
    const room = moderatedRoom();
    room.admin('dave', item({ nick: 'Bob', role: 'moderator' }));
    expect(mucItem(room.enter('eve', 'Eve').presenceOf('Eve', 'bob')[0]).jid).to.equal(full('eve'));
  });

  it('§9.7 an admin revokes moderator status from a member: participant again', () => {
    const room = moderatedRoom();
    room.admin('dave', item({ nick: 'Bob', role: 'moderator' }));
    const revoke = room.admin('dave', item({ nick: 'Bob', role: 'participant' }));
    expect(revoke.result).to.not.equal(undefined);
    expect(room.roleOf('Bob')).to.equal('participant');
    expect(mucItem(revoke.presenceOf('Bob', 'alice')[0])).to.include({ role: 'participant' });
  });

  it('§9.7 nobody may revoke moderator status from an admin or owner: not-allowed', () => {
    const room = moderatedRoom();
    expect(room.admin('dave', item({ nick: 'Alice', role: 'participant' })).error).to.equal('not-allowed');
    expect(room.admin('alice', item({ nick: 'Dave', role: 'participant' })).error).to.equal('not-allowed');
    expect(room.roleOf('Alice')).to.equal('moderator');
    expect(room.roleOf('Dave')).to.equal('moderator');
  });

  it('§9.6 a member may not grant moderator status', () => {
    const room = moderatedRoom();
    expect(room.admin('bob', item({ nick: 'Carol', role: 'moderator' })).error).to.equal('forbidden');
  });

  // §9 (admin): "any of the following administrative requests MUST be denied if the <user@host> of
  // the 'from' address of the request does not match the bare JID of one of the room admins; in
  // this case, the service MUST return a forbidden error." carol, an unaffiliated moderator, tries
  // §9.6 (grant moderator).
  it('§9.6 an unaffiliated moderator granting moderator status gets forbidden (§9)', () => {
    const room = moderatedRoom();
    room.admin('alice', item({ nick: 'Carol', role: 'moderator' }));
    expect(room.admin('carol', item({ nick: 'Bob', role: 'moderator' })).error).to.equal('forbidden');
  });

  // §9 and §9.8 (modifymod): admin requests are allowed by the bare JID of an admin, so an admin
  // may ask from a resource that has not joined the room.
  it('§9.8 an admin gets the moderator list from a session that is not in the room', () => {
    const room = moderatedRoom();
    const list = room.adminGet('dave/phone', { role: 'moderator' });
    expect(list.error).to.equal(undefined);
    expect(list.result?.getChild('query', NS.mucAdmin)?.getChildren('item').map((one) => attr(one, 'nick'))).to.deep.equal(['Alice', 'Dave']);
  });

  it('§9.8 an admin sends a delta to the moderator list', () => {
    const room = moderatedRoom();
    room.admin('dave', item({ nick: 'Bob', role: 'moderator' }));
    room.admin('dave', item({ nick: 'Bob', role: 'participant' }), item({ nick: 'Carol', role: 'moderator' }));
    expect(room.roleOf('Bob')).to.equal('participant');
    expect(room.roleOf('Carol')).to.equal('moderator');
  });

  it('a role change reaches every session of the occupant as self-presence', () => {
    const room = moderatedRoom();
    room.enter('carol/phone', 'Carol');
    const grant = room.admin('alice', item({ nick: 'Carol', role: 'participant' }));
    expect(statusCodes(grant.presenceOf('Carol', 'carol')[0])).to.include(110);
    expect(statusCodes(grant.presenceOf('Carol', 'carol/phone')[0])).to.include(110);
  });
});
