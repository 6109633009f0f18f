// XEP-0045 §9.1–9.5 (admins: ban, the ban list, membership, the member list) and §10.3–10.8
// (owners: owner and admin status and their lists), all through muc#admin affiliation items.
import { expect } from 'chai';
import { NS } from '../../../../src/xmpp/namespaces.js';
import { TestRoom, bare, full, item, mucItem, statusCodes } from '../../../helpers/room-fixtures.js';

/** alice owner, dave admin, bob member, carol unaffiliated. */
function room4(config: ConstructorParameters<typeof TestRoom>[0] = {}): TestRoom {
  return new TestRoom({ ...config, affiliations: { alice: 'owner', dave: 'admin', bob: 'member', ...config.affiliations } })
    .enterAll({ alice: 'Alice', dave: 'Dave', bob: 'Bob', carol: 'Carol' });
}

function listed(exchange: ReturnType<TestRoom['adminGet']>): Record<string, string>[] {
  return (exchange.result?.getChild('query', NS.mucAdmin)?.getChildren('item') ?? []).map((one) => ({
    ...(one.attrs as Record<string, string>), ...(one.getChildText('reason') === null ? {} : { reason: one.getChildText('reason')! }),
  }));
}

describe('banning a user (XEP-0045 §9.1)', () => {
  it('the banned occupant gets unavailable with 301 and 110, affiliation outcast, the actor and reason', () => {
    const room = room4();
    const ban = room.admin('dave', item({ affiliation: 'outcast', jid: bare('carol') }, 'Treason'));
    const [own] = ban.presenceOf('Carol', 'carol');
    expect(own?.attrs.type).to.equal('unavailable');
    expect(statusCodes(own)).to.include.members([301, 110]);
    expect(mucItem(own)).to.include({ affiliation: 'outcast', role: 'none' });
    const itemElement = own!.getChild('x', NS.mucUser)!.getChild('item')!;
    expect(itemElement.getChild('actor')?.attrs.nick).to.equal('Dave');
    expect(itemElement.getChildText('reason')).to.equal('Treason');
  });

  it('the remaining occupants get his unavailable presence with 301', () => {
    const ban = room4().admin('dave', item({ affiliation: 'outcast', jid: bare('carol') }));
    for (const who of ['alice', 'dave', 'bob']) {
      const [seen] = ban.presenceOf('Carol', who);
      expect(seen?.attrs.type, who).to.equal('unavailable');
      expect(statusCodes(seen), who).to.deep.equal([301]);
      expect(mucItem(seen), who).to.include({ affiliation: 'outcast', role: 'none' });
    }
  });

  it('the ban is on the bare JID: every session goes, and none may come back', () => {
    const room = room4();
    room.enter('carol/phone', 'Carol');
    const ban = room.admin('alice', item({ affiliation: 'outcast', jid: full('carol/phone') }));
    expect(statusCodes(ban.presenceOf('Carol', 'carol')[0])).to.include(301);
    expect(statusCodes(ban.presenceOf('Carol', 'carol/phone')[0])).to.include(301);
    expect(room.affiliationOf('carol')).to.equal('outcast');
    expect(room.nicks).to.not.include('Carol');
    expect(room.enter('carol/laptop', 'Carol2').error).to.equal('forbidden');
  });

  it('the admin is told of success; the ban holds for someone not in the room too', () => {
    const room = room4();
    const ban = room.admin('dave', item({ affiliation: 'outcast', jid: 'earlofcambridge@example.org' }, 'Treason'));
    expect(ban.result).to.not.equal(undefined);
    expect(room.state.affiliations.get('earlofcambridge@example.org')).to.deep.equal({ affiliation: 'outcast', reason: 'Treason' });
    expect(room.enter('earlofcambridge@example.org/stabber', 'Cambridge').error).to.equal('forbidden');
  });

  it('a banned member loses his registered nick, so others may use it', () => {
    const room = new TestRoom({ affiliations: { alice: 'owner', bob: { affiliation: 'member', nick: 'Hecate' } } }).enterAll({ alice: 'Alice' });
    room.admin('alice', item({ affiliation: 'outcast', jid: bare('bob') }));
    expect(room.state.affiliations.get(bare('bob'))?.nick).to.equal(undefined);
    expect(room.enter('carol', 'Hecate').error).to.equal(undefined);
  });

  it('an admin may not ban an owner: not-allowed', () => {
    const room = room4();
    expect(room.admin('dave', item({ affiliation: 'outcast', jid: bare('alice') })).error).to.equal('not-allowed');
    expect(room.affiliationOf('alice')).to.equal('owner');
  });

  it('an owner may not ban herself: conflict', () => {
    const room = room4({ affiliations: { erin: 'owner' } });
    expect(room.admin('alice', item({ affiliation: 'outcast', jid: bare('alice') })).error).to.equal('conflict');
    expect(room.affiliationOf('alice')).to.equal('owner');
  });

  // §9.1 (ban): "If an admin or owner attempts to ban himself, the service MUST deny the request and
  // return a conflict error to the sender."
  it('an admin may not ban himself: conflict (§9.1)', () => {
    expect(room4().admin('dave', item({ affiliation: 'outcast', jid: bare('dave') })).error).to.equal('conflict');
  });

  it('a member or an unaffiliated moderator may not ban: forbidden', () => {
    const room = room4();
    expect(room.admin('bob', item({ affiliation: 'outcast', jid: bare('carol') })).error).to.equal('forbidden');
    room.admin('alice', item({ nick: 'Carol', role: 'moderator' }));
    expect(room.admin('carol', item({ affiliation: 'outcast', jid: bare('bob') })).error).to.equal('forbidden');
  });

  it('a ban names a storage-failure error for the admin', () => {
    expect(room4().admin('dave', item({ affiliation: 'outcast', jid: bare('carol') })).outcome.onStorageFailure?.condition).to.equal('resource-constraint');
  });
});

describe('the ban list (XEP-0045 §9.2)', () => {
  it('an admin gets the outcasts with affiliation, jid and reason, and no role', () => {
    const room = room4({ affiliations: { eve: { affiliation: 'outcast', reason: 'Treason' } } });
    const list = listed(room.adminGet('dave', { affiliation: 'outcast' }));
    expect(list).to.deep.equal([{ affiliation: 'outcast', jid: bare('eve'), reason: 'Treason' }]);
  });

  it('an admin sends a delta: both bans take effect', () => {
    const room = room4();
    room.admin('dave', item({ affiliation: 'outcast', jid: 'lordscroop@example.org' }, 'Treason'),
      item({ affiliation: 'outcast', jid: 'sirthomasgrey@example.org' }, 'Treason'));
    expect(listed(room.adminGet('dave', { affiliation: 'outcast' })).map((one) => one.jid))
      .to.have.members(['lordscroop@example.org', 'sirthomasgrey@example.org']);
  });

  it('affiliation none lifts a ban', () => {
    const room = room4({ affiliations: { eve: 'outcast' } });
    room.admin('dave', item({ affiliation: 'none', jid: bare('eve') }));
    expect(room.affiliationOf('eve')).to.equal('none');
    expect(room.enter('eve', 'Eve').error).to.equal(undefined);
  });

  it('a delta with one ban that may not be done (an owner) changes nothing at all', () => {
    const room = room4();
    const delta = room.admin('dave', item({ affiliation: 'outcast', jid: bare('carol') }), item({ affiliation: 'outcast', jid: bare('alice') }));
    expect(['conflict', 'not-allowed']).to.include(delta.error);
    expect(room.affiliationOf('carol')).to.equal('none');
    expect(room.nicks).to.include('Carol');
  });

  it('a member may not get the ban list: forbidden', () => {
    expect(room4().adminGet('bob', { affiliation: 'outcast' }).error).to.equal('forbidden');
  });

  // §9.2 (modifyban): "When an entity is banned from a room, an implementation SHOULD match JIDs in
  // the following order: <user@domain>; <domain> (the domain itself matches, as does any
  // user@domain)".
  it('a ban on a domain keeps out every user of that domain (§9.2)', () => {
    const room = room4();
    room.admin('dave', item({ affiliation: 'outcast', jid: 'evil.example' }));
    expect(room.enter('mallory@evil.example/desk', 'Mallory').error).to.equal('forbidden');
  });
});

describe('membership (XEP-0045 §9.3–9.5)', () => {
  it('§9.3 an admin grants membership: everyone sees affiliation member', () => {
    const room = room4();
    const grant = room.admin('dave', item({ affiliation: 'member', jid: bare('carol') }, 'A worthy witch indeed!'));
    expect(grant.result).to.not.equal(undefined);
    expect(room.affiliationOf('carol')).to.equal('member');
    for (const who of ['alice', 'bob', 'carol']) expect(mucItem(grant.presenceOf('Carol', who)[0]), who).to.include({ affiliation: 'member' });
    expect(statusCodes(grant.presenceOf('Carol', 'carol')[0])).to.include(110);
  });

  it('§9.3 in a moderated room a visitor made a member becomes a participant', () => {
    const room = room4({ config: { isModerated: true } });
    expect(room.roleOf('Carol')).to.equal('visitor');
    const grant = room.admin('dave', item({ affiliation: 'member', jid: bare('carol') }));
    expect(room.roleOf('Carol')).to.equal('participant');
    expect(mucItem(grant.presenceOf('Carol', 'alice')[0])).to.include({ affiliation: 'member', role: 'participant' });
  });

  it('§9.3 membership of someone not in the room changes the list and sends no presence, only her a 101 notice', () => {
    const room = room4();
    const grant = room.admin('dave', item({ affiliation: 'member', jid: 'hecate@example.org' }));
    expect(grant.deliveries.map((delivery) => `${delivery.stanza.name} ${delivery.to}`)).to.deep.equal([`iq ${full('dave')}`, 'message hecate@example.org']);
    expect(room.affiliationOf('hecate@example.org')).to.equal('member');
  });

  // §17.1 status 101 (a MAY, which Prosody sends too): "affiliation changed while not in the room".
  it('a user not in the room is told of her new affiliation: a headline from the room with 101', () => {
    const room = room4();
    const notice = room.admin('dave', item({ affiliation: 'member', jid: 'hecate@example.org' })).to('hecate@example.org')[0];
    expect(notice?.attrs).to.include({ type: 'headline', from: room.state.jid });
    expect(statusCodes(notice)).to.deep.equal([101]);
    expect(mucItem(notice)).to.include({ affiliation: 'member', jid: 'hecate@example.org' });
    expect(notice?.getChildText('body')).to.include('member');
    const revoked = room.admin('dave', item({ affiliation: 'none', jid: 'hecate@example.org' })).to('hecate@example.org')[0];
    expect(mucItem(revoked)).to.include({ affiliation: 'none' });
  });

  it('no 101 notice for someone in the room (presence tells her) or when nothing changes', () => {
    const room = room4();
    expect(room.admin('dave', item({ affiliation: 'member', jid: bare('carol') })).to(bare('carol'))).to.deep.equal([]);
    room.admin('dave', item({ affiliation: 'member', jid: 'hecate@example.org' }));
    expect(room.admin('dave', item({ affiliation: 'member', jid: 'hecate@example.org' })).to('hecate@example.org')).to.deep.equal([]);
  });

  it('no 101 notice from a room still locked (it does not exist yet), to the user who asked, or instead of a §9.5 invitation', () => {
    const locked = new TestRoom({ isLocked: true, affiliations: { alice: 'owner' } }).enterAll({ alice: 'Alice' });
    expect(locked.admin('alice', item({ affiliation: 'admin', jid: 'hecate@example.org' })).to('hecate@example.org')).to.deep.equal([]);
    const outside = new TestRoom({ affiliations: { alice: 'owner', bob: 'owner' } });
    const demoted = outside.admin('alice', item({ affiliation: 'admin', jid: bare('alice') }));
    expect(demoted.result).to.not.equal(undefined);
    expect(demoted.to(bare('alice'))).to.deep.equal([]);
    const membersOnly = new TestRoom({ config: { isMembersOnly: true }, affiliations: { dave: 'admin' } }).enterAll({ dave: 'Dave' });
    const invited = membersOnly.admin('dave', item({ affiliation: 'member', jid: 'hecate@example.org' })).to('hecate@example.org');
    expect(invited.map((stanza) => statusCodes(stanza))).to.deep.equal([[]]);
    expect(invited[0]?.getChild('x', NS.mucUser)?.getChild('invite')).to.not.equal(undefined);
  });

  it('§9.3 a full JID in the request stands for its bare JID', () => {
    const room = room4();
    room.admin('dave', item({ affiliation: 'member', jid: 'Hecate@Example.org/broom' }));
    expect(room.affiliationOf('hecate@example.org')).to.equal('member');
  });

  // §9.3 (grantmember): "if a nick is provided, that nick becomes the user's default nick in the
  // room if that functionality is supported by the implementation" — and Parley reserves nicks
  // (§7.10).
  it('§9.3 a nick given with the membership becomes the member\'s reserved nick', () => {
    const room = room4();
    room.admin('dave', item({ affiliation: 'member', jid: 'hag66@example.org', nick: 'thirdwitch' }));
    expect(room.state.affiliations.get('hag66@example.org')?.nick).to.equal('thirdwitch');
    expect(room.enter('eve', 'thirdwitch').error).to.equal('conflict');
  });

  it('§9.4 an admin revokes membership: everyone sees affiliation none', () => {
    const room = room4();
    const revoke = room.admin('dave', item({ affiliation: 'none', jid: bare('bob') }, 'Not so worthy after all!'));
    expect(revoke.result).to.not.equal(undefined);
    expect(room.affiliationOf('bob')).to.equal('none');
    expect(mucItem(revoke.presenceOf('Bob', 'carol')[0])).to.include({ affiliation: 'none' });
    expect(room.nicks).to.include('Bob');
  });

  it('§9.4 losing membership loses the registered nick', () => {
    const room = new TestRoom({ affiliations: { alice: 'owner', bob: { affiliation: 'member', nick: 'Hecate' } } }).enterAll({ alice: 'Alice' });
    room.admin('alice', item({ affiliation: 'none', jid: bare('bob') }));
    expect(room.state.affiliations.has(bare('bob'))).to.equal(false);
  });

  it('§9.4 in a members-only room the former member is removed with 321, and only the removal is sent', () => {
    const room = new TestRoom({ config: { isMembersOnly: true }, affiliations: { alice: 'owner', dave: 'admin', bob: 'member' } })
      .enterAll({ alice: 'Alice', dave: 'Dave', bob: 'Bob' });
    const revoke = room.admin('dave', item({ affiliation: 'none', jid: bare('bob') }));
    const seen = revoke.presenceOf('Bob', 'alice');
    expect(seen).to.have.length(1);
    expect(seen[0]!.attrs.type).to.equal('unavailable');
    expect(statusCodes(seen[0])).to.deep.equal([321]);
    expect(mucItem(seen[0])).to.include({ affiliation: 'none', role: 'none' });
    expect(seen[0]!.getChild('x', NS.mucUser)!.getChild('item')!.getChild('actor')?.attrs.nick).to.equal('Dave');
    expect(statusCodes(revoke.presenceOf('Bob', 'bob')[0])).to.include.members([110, 321]);
    expect(room.nicks).to.not.include('Bob');
    expect(room.enter('bob', 'Bob').error).to.equal('registration-required');
  });

  it('§9.5 an admin gets the member list: affiliation, jid and the registered nick', () => {
    const room = room4({ affiliations: { bob: { affiliation: 'member', nick: 'thirdwitch' }, hecate: 'member' } });
    expect(listed(room.adminGet('dave', { affiliation: 'member' }))).to.deep.equal([
      { affiliation: 'member', jid: bare('bob'), nick: 'thirdwitch' },
      { affiliation: 'member', jid: bare('hecate') },
    ]);
  });

  it('§9.5 occupants whose role the room lets read the member list get it (muc#roomconfig_getmemberlist)', () => {
    const room = room4({ config: { whois: 'anyone', getMemberList: ['moderator', 'participant'] } });
    expect(room.adminGet('carol', { affiliation: 'member' }).error).to.equal(undefined);
    room.state.config.getMemberList = ['moderator'];
    expect(room.adminGet('carol', { affiliation: 'member' }).error).to.equal('forbidden');
  });

  it('§9.5 the member-list permission is only for the member list: a participant still may not read the admins', () => {
    expect(room4().adminGet('bob', { affiliation: 'admin' }).error).to.equal('forbidden');
  });

  // §5.2.1 (affil-priv) note ***: "When a room is configured to be semi-anonymous ... members SHOULD
  // NOT be allowed to retrieve the member list (as that list MUST contain the JID of each member)".
  it('§5.2.1 in a semi-anonymous room a member may not retrieve the member list', () => {
    const room = room4({ config: { whois: 'moderators', getMemberList: ['moderator', 'participant'] } });
    expect(room.adminGet('bob', { affiliation: 'member' }).error).to.equal('forbidden');
  });

  it('§9.5 an admin sends a delta to the member list: one removed, one added', () => {
    const room = room4();
    room.admin('dave', item({ affiliation: 'none', jid: bare('bob') }), item({ affiliation: 'member', jid: 'hecate@example.org' }));
    expect(room.affiliationOf('bob')).to.equal('none');
    expect(room.affiliationOf('hecate@example.org')).to.equal('member');
  });

  // §9.5 (modifymember): "the service SHOULD send an invitation to any user who has been added to
  // the member list of a members-only room if the user is not currently affiliated with the room".
  it('§9.5 a user added to a members-only room\'s member list is sent an invitation', () => {
    const room = new TestRoom({ config: { isMembersOnly: true }, affiliations: { dave: 'admin' } }).enterAll({ dave: 'Dave' });
    const added = room.admin('dave', item({ affiliation: 'member', jid: 'hecate@example.org' }));
    const invitation = added.to('hecate@example.org').find((stanza) => stanza.getChild('x', NS.mucUser)?.getChild('invite') !== undefined);
    expect(invitation?.getChild('x', NS.mucUser)?.getChild('invite')).to.not.equal(undefined);
  });

  it('a member may not edit the member list: forbidden', () => {
    expect(room4().admin('bob', item({ affiliation: 'member', jid: bare('carol') })).error).to.equal('forbidden');
  });
});

describe('owner and admin status (XEP-0045 §10.3–10.8)', () => {
  it('§10.3 an owner grants owner status: everyone sees owner and moderator', () => {
    const room = room4();
    const grant = room.admin('alice', item({ affiliation: 'owner', jid: bare('bob') }));
    expect(grant.result).to.not.equal(undefined);
    expect(room.affiliationOf('bob')).to.equal('owner');
    expect(room.roleOf('Bob')).to.equal('moderator');
    expect(mucItem(grant.presenceOf('Bob', 'carol')[0])).to.include({ affiliation: 'owner', role: 'moderator' });
  });

  it('§10.3 an admin may not grant owner status: forbidden', () => {
    const room = room4();
    expect(room.admin('dave', item({ affiliation: 'owner', jid: bare('bob') })).error).to.equal('forbidden');
    expect(room.affiliationOf('bob')).to.equal('member');
  });

  // §10.3 (grantowner): "If the <user@host> of the 'from' address does not match the bare JID of a
  // room owner, the service MUST return a forbidden error to the sender."
  it('§10.3 an admin making himself owner gets forbidden', () => {
    expect(room4().admin('dave', item({ affiliation: 'owner', jid: bare('dave') })).error).to.equal('forbidden');
  });

  it('§10.4 an owner revokes another owner\'s status', () => {
    const room = room4({ affiliations: { carol: 'owner' } });
    const revoke = room.admin('alice', item({ affiliation: 'admin', jid: bare('carol') }));
    expect(revoke.result).to.not.equal(undefined);
    expect(mucItem(revoke.presenceOf('Carol', 'bob')[0])).to.include({ affiliation: 'admin', role: 'moderator' });
  });

  it('§10.4 the only owner may not give up ownership: conflict', () => {
    const room = room4();
    expect(room.admin('alice', item({ affiliation: 'admin', jid: bare('alice') })).error).to.equal('conflict');
    expect(room.admin('alice', item({ affiliation: 'none', jid: bare('alice') })).error).to.equal('conflict');
    expect(room.affiliationOf('alice')).to.equal('owner');
  });

  it('§10.4 an owner may give up ownership when there is another owner', () => {
    const room = room4({ affiliations: { carol: 'owner' } });
    expect(room.admin('alice', item({ affiliation: 'member', jid: bare('alice') })).error).to.equal(undefined);
    expect(room.affiliationOf('alice')).to.equal('member');
  });

  it('§10.4 a delta that swaps owners in one go is fine: the room always has one', () => {
    const room = room4();
    const swap = room.admin('alice', item({ affiliation: 'owner', jid: bare('bob') }), item({ affiliation: 'admin', jid: bare('alice') }));
    expect(swap.error).to.equal(undefined);
    expect(room.affiliationOf('bob')).to.equal('owner');
    expect(room.affiliationOf('alice')).to.equal('admin');
  });

  // §10.4 (revokeowner): "If the <user@host> of the 'from' address does not match the bare JID of a
  // room owner, the service MUST return a forbidden error to the sender."
  it('§10.4 an admin revoking an owner\'s status gets forbidden', () => {
    expect(room4().admin('dave', item({ affiliation: 'admin', jid: bare('alice') })).error).to.equal('forbidden');
  });

  it('§10.5 an owner gets the owner list', () => {
    expect(listed(room4().adminGet('alice', { affiliation: 'owner' }))).to.deep.equal([{ affiliation: 'owner', jid: bare('alice') }]);
  });

  // §10.5 (modifyowner) and §10.8 (modifyadmin): "If the <user@host> of the 'from' address does not
  // match the bare JID of a room owner, the service MUST return a forbidden error to the sender in
  // semi-anonymous rooms."
  it('§10.5, §10.8 in a semi-anonymous room an admin may not read the owner or admin list', () => {
    const room = room4({ config: { whois: 'moderators' } });
    expect(room.adminGet('dave', { affiliation: 'owner' }).error).to.equal('forbidden');
    expect(room.adminGet('dave', { affiliation: 'admin' }).error).to.equal('forbidden');
  });

  it('§10.6 an owner grants admin status: everyone sees admin and moderator', () => {
    const room = room4();
    const grant = room.admin('alice', item({ affiliation: 'admin', jid: bare('carol') }));
    expect(room.affiliationOf('carol')).to.equal('admin');
    expect(room.roleOf('Carol')).to.equal('moderator');
    expect(mucItem(grant.presenceOf('Carol', 'bob')[0])).to.include({ affiliation: 'admin', role: 'moderator' });
  });

  it('§10.6 an admin may not grant admin status: forbidden', () => {
    expect(room4().admin('dave', item({ affiliation: 'admin', jid: bare('carol') })).error).to.equal('forbidden');
  });

  it('§10.7 an owner revokes admin status: everyone sees member and participant', () => {
    const room = room4();
    const revoke = room.admin('alice', item({ affiliation: 'member', jid: bare('dave') }));
    expect(mucItem(revoke.presenceOf('Dave', 'bob')[0])).to.include({ affiliation: 'member', role: 'participant' });
    expect(room.roleOf('Dave')).to.equal('participant');
  });

  it('§10.7 an owner revokes admin status to none in a moderated room: the former admin is a visitor', () => {
    const room = room4({ config: { isModerated: true } });
    room.admin('alice', item({ affiliation: 'none', jid: bare('dave') }));
    expect(room.roleOf('Dave')).to.equal('visitor');
  });

  // §10.7 (revokeadmin): "If the <user@host> of the 'from' address does not match the bare JID of a
  // room owner, the service MUST return a forbidden error to the sender."
  it('§10.7 an admin revoking another admin\'s status gets forbidden', () => {
    const room = room4({ affiliations: { erin: 'admin' } });
    expect(room.admin('dave', item({ affiliation: 'member', jid: bare('erin') })).error).to.equal('forbidden');
  });

  it('§10.8 an owner gets the admin list and sends a delta', () => {
    const room = room4();
    expect(listed(room.adminGet('alice', { affiliation: 'admin' }))).to.deep.equal([{ affiliation: 'admin', jid: bare('dave') }]);
    room.admin('alice', item({ affiliation: 'none', jid: bare('dave') }), item({ affiliation: 'admin', jid: bare('bob') }));
    expect(listed(room.adminGet('alice', { affiliation: 'admin' })).map((one) => one.jid)).to.deep.equal([bare('bob')]);
  });

  it('a group chat system administrator acts as an owner of every room', () => {
    const room = new TestRoom({ policy: { serviceAdmins: ['root'] }, affiliations: { alice: 'owner' } }).enterAll({ alice: 'Alice', root: 'Root', bob: 'Bob' });
    expect(room.admin('root', item({ affiliation: 'admin', jid: bare('bob') })).error).to.equal(undefined);
    expect(room.affiliationOf('bob')).to.equal('admin');
  });

  it('an affiliation change reaches every session of the user in the room', () => {
    const room = room4();
    room.enter('carol/phone', 'Carol');
    const grant = room.admin('alice', item({ affiliation: 'member', jid: bare('carol') }));
    expect(statusCodes(grant.presenceOf('Carol', 'carol')[0])).to.include(110);
    expect(statusCodes(grant.presenceOf('Carol', 'carol/phone')[0])).to.include(110);
  });
});
