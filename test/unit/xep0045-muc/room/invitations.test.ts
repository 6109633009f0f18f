// XEP-0045 §7.8.2 mediated invitations and declines, §9.5 invitations in members-only rooms, and
// §7.9 continuing a one-to-one chat.
import { expect } from 'chai';
import { xml, type Element } from '../../../../src/xmpp/element.js';
import { NS } from '../../../../src/xmpp/namespaces.js';
import { ROOM, TestRoom, bare, errorType, full, incoming } from '../../../helpers/room-fixtures.js';

function invite(who: string, ...invites: { to: string; reason?: string; extra?: Element }[]) {
  return incoming(who, xml('message', { id: 'nzd143v8' }, xml('x', { xmlns: NS.mucUser },
    ...invites.map(({ to, reason, extra }) => xml('invite', { to }, reason === undefined ? undefined : xml('reason', {}, reason), extra)))));
}

function decline(who: string, to: string | undefined, reason?: string) {
  return incoming(who, xml('message', { id: 'jk2vs61v' }, xml('x', { xmlns: NS.mucUser },
    xml('decline', { to }, reason === undefined ? undefined : xml('reason', {}, reason)))));
}

describe('mediated invitations (XEP-0045 §7.8.2)', () => {
  it('the room sends the invitation to the invitee, from the room, naming the inviter and the reason', () => {
    const room = new TestRoom().enterAll({ alice: 'Crone' });
    const sent = room.send(invite('alice', { to: 'hecate@example.org', reason: 'the place for all good witches' }));
    const [message] = sent.to('hecate@example.org');
    expect(message?.attrs).to.include({ from: ROOM, id: 'nzd143v8' });
    const inviteElement = message!.getChild('x', NS.mucUser)?.getChild('invite');
    expect(inviteElement?.attrs.from).to.equal(bare('alice'));
    expect(inviteElement?.getChildText('reason')).to.equal('the place for all good witches');
    expect(sent.error).to.equal(undefined);
  });

  it('the inviter gets no error and nothing else; nobody else in the room hears of it', () => {
    const room = new TestRoom().enterAll({ alice: 'Crone', bob: 'Bob' });
    const sent = room.send(invite('alice', { to: 'hecate@example.org' }));
    expect(sent.recipients).to.deep.equal(['hecate@example.org']);
  });

  it('an invitation to a full JID goes to that full JID', () => {
    const room = new TestRoom().enterAll({ alice: 'Crone' });
    const sent = room.send(invite('alice', { to: 'wiccarocks@example.org/laptop' }));
    expect(sent.recipients).to.deep.equal(['wiccarocks@example.org/laptop']);
    expect(room.state.invited.has('wiccarocks@example.org')).to.equal(true);
  });

  it('the room adds the password of a password-protected room', () => {
    const room = new TestRoom({ config: { isPasswordProtected: true, password: 'cauldronburn' }, affiliations: { alice: 'owner' } });
    room.enter('alice', 'Crone', { password: 'cauldronburn' });
    const [message] = room.send(invite('alice', { to: 'hecate@example.org' })).to('hecate@example.org');
    expect(message!.getChild('x', NS.mucUser)?.getChildText('password')).to.equal('cauldronburn');
  });

  it('and no password for a room without one', () => {
    const room = new TestRoom().enterAll({ alice: 'Crone' });
    const [message] = room.send(invite('alice', { to: 'hecate@example.org' })).to('hecate@example.org');
    expect(message!.getChild('x', NS.mucUser)?.getChild('password')).to.equal(undefined);
  });

  it('for clients that only know direct invitations it also carries a jabber:x:conference element and a body', () => {
    const room = new TestRoom().enterAll({ alice: 'Crone' });
    const [message] = room.send(invite('alice', { to: 'hecate@example.org', reason: 'come' })).to('hecate@example.org');
    expect(message!.getChild('x', NS.conference)?.attrs).to.include({ jid: ROOM, reason: 'come' });
    expect(message!.getChildText('body')).to.contain(ROOM);
  });

  it('several invitations in one message each reach their invitee', () => {
    const room = new TestRoom().enterAll({ alice: 'Crone' });
    const sent = room.send(invite('alice', { to: 'wiccarocks@example.org' }, { to: 'hag66@example.org' }));
    expect(sent.recipients).to.deep.equal(['wiccarocks@example.org', 'hag66@example.org']);
    expect(sent.changes.filter((change) => change.kind === 'invited')).to.have.length(2);
  });

  it('the room remembers whom it invited (for ad hoc rooms that require an invitation)', () => {
    const room = new TestRoom().enterAll({ alice: 'Crone' });
    room.send(invite('alice', { to: 'Hecate@Example.org' }));
    expect([...room.state.invited]).to.deep.equal(['hecate@example.org']);
  });

  it('more than twenty at once is refused with policy-violation', () => {
    const room = new TestRoom().enterAll({ alice: 'Crone' });
    const many = Array.from({ length: 21 }, (_, index) => ({ to: `guest${index}@example.org` }));
    const sent = room.send(invite('alice', ...many));
    expect(sent.error).to.equal('policy-violation');
    expect(sent.recipients).to.deep.equal([full('alice')]);
  });

  it('an invitation to something that is not a JID is refused with jid-malformed, and none is sent', () => {
    const room = new TestRoom().enterAll({ alice: 'Crone' });
    const sent = room.send(invite('alice', { to: 'good@example.org' }, { to: 'not a jid@@' }));
    expect(sent.error).to.equal('jid-malformed');
    expect(sent.recipients).to.deep.equal([full('alice')]);
  });

  it('an invitation without a \'to\' is refused with jid-malformed', () => {
    const room = new TestRoom().enterAll({ alice: 'Crone' });
    const sent = room.send(incoming('alice', xml('message', {}, xml('x', { xmlns: NS.mucUser }, xml('invite')))));
    expect(sent.error).to.equal('jid-malformed');
  });

  it('someone not in the room may not invite: not-acceptable', () => {
    const room = new TestRoom().enterAll({ alice: 'Crone' });
    expect(room.send(invite('dave', { to: 'hecate@example.org' })).error).to.equal('not-acceptable');
  });

  it('a muc#user <x/> with neither invite nor decline is a bad-request', () => {
    const room = new TestRoom().enterAll({ alice: 'Crone' });
    expect(room.send(incoming('alice', xml('message', {}, xml('x', { xmlns: NS.mucUser })))).error).to.equal('bad-request');
  });

  it('invitations through an open room never add the invitee to the member list (§9.5)', () => {
    const room = new TestRoom({ affiliations: { alice: 'owner' } }).enterAll({ alice: 'Crone' });
    const sent = room.send(invite('alice', { to: 'hecate@example.org' }));
    expect(sent.changes.filter((change) => change.kind === 'affiliation-set')).to.deep.equal([]);
    expect(room.affiliationOf('hecate')).to.equal('none');
  });

  describe('in a members-only room (§7.8.2, §9.5)', () => {
    it('an admin\'s invitation makes the invitee a member, so she can enter', () => {
      const room = new TestRoom({ config: { isMembersOnly: true }, affiliations: { alice: 'admin' } }).enterAll({ alice: 'Crone' });
      room.send(invite('alice', { to: 'hecate@example.org' }));
      expect(room.affiliationOf('hecate')).to.equal('member');
      expect(room.enter('hecate', 'Hecate').error).to.equal(undefined);
    });

    it('an invitation never lowers an existing affiliation (an invited admin stays admin, an outcast stays banned)', () => {
      const room = new TestRoom({ config: { isMembersOnly: true }, affiliations: { alice: 'owner', carol: 'admin', dave: 'outcast' } }).enterAll({ alice: 'Crone' });
      room.send(invite('alice', { to: bare('carol') }, { to: bare('dave') }));
      expect(room.affiliationOf('carol')).to.equal('admin');
      expect(room.affiliationOf('dave')).to.equal('outcast');
    });

    it('a mere member may not invite: forbidden (auth)', () => {
      const room = new TestRoom({ config: { isMembersOnly: true }, affiliations: { bob: 'member' } }).enterAll({ bob: 'Bob' });
      const sent = room.send(invite('bob', { to: 'hecate@example.org' }));
      expect(sent.error).to.equal('forbidden');
      expect(errorType(sent.errorReply)).to.equal('auth');
      expect(sent.errorReply!.getChild('x', NS.mucUser)?.getChild('invite')?.attrs.to).to.equal('hecate@example.org');
    });

    it('a member may invite when the room allows occupants to (muc#roomconfig_allowinvites)', () => {
      const room = new TestRoom({ config: { isMembersOnly: true, allowInvites: true }, affiliations: { bob: 'member' } }).enterAll({ bob: 'Bob' });
      expect(room.send(invite('bob', { to: 'hecate@example.org' })).to('hecate@example.org')).to.have.length(1);
    });

    // §9.5 (modifymember): "an implementation MAY provide a configuration option that opens
    // invitation privileges to any member of a members-only room. In such a situation, any
    // invitation sent SHOULD automatically trigger the addition of the invitee to the member list."
    it('a member\'s invitation (allowinvites) also adds the invitee to the member list (§9.5)', () => {
      const room = new TestRoom({ config: { isMembersOnly: true, allowInvites: true }, affiliations: { bob: 'member' } }).enterAll({ bob: 'Bob' });
      room.send(invite('bob', { to: 'hecate@example.org' }));
      expect(room.affiliationOf('hecate')).to.equal('member');
      expect(room.enter('hecate', 'Hecate').error).to.equal(undefined);
    });
  });

  it('anyone in an open room may invite, visitors included (§5.1.1: Yes*)', () => {
    const room = new TestRoom({ config: { isModerated: true } }).enterAll({ carol: 'Carol' });
    expect(room.roleOf('Carol')).to.equal('visitor');
    expect(room.send(invite('carol', { to: 'hecate@example.org' })).error).to.equal(undefined);
  });

  // §7.9 (continue): the invitation of a converted one-to-one chat carries a <continue/> element
  // (with its 'thread'), and "The invitations are delivered to the invitees" with it.
  it('a <continue thread=…/> in the invitation reaches the invitee (§7.9)', () => {
    const room = new TestRoom().enterAll({ alice: 'Crone' });
    const sent = room.send(invite('alice', { to: 'wiccarocks@example.org/laptop', reason: 'join us', extra: xml('continue', { thread: 'e0ffe42b' }) }));
    const [message] = sent.to('wiccarocks@example.org/laptop');
    expect(message!.getChild('x', NS.mucUser)?.getChild('invite')?.getChild('continue')?.attrs.thread).to.equal('e0ffe42b');
  });
});

describe('declining an invitation (XEP-0045 §7.8.2)', () => {
  it('the room passes the decline to the inviter, from the room, naming the invitee and the reason', () => {
    const room = new TestRoom().enterAll({ alice: 'Crone' });
    const sent = room.send(decline('hecate/broom', 'crone1@example.org', 'too busy'));
    const [message] = sent.to('crone1@example.org');
    expect(message!.attrs.from).to.equal(ROOM);
    const element = message!.getChild('x', NS.mucUser)?.getChild('decline');
    expect(element?.attrs.from).to.equal(bare('hecate'));
    expect(element?.getChildText('reason')).to.equal('too busy');
  });

  it('anyone may decline, in the room or not', () => {
    const room = new TestRoom();
    expect(room.send(decline('hecate', 'alice@example.org')).recipients).to.deep.equal(['alice@example.org']);
  });

  it('a decline without a valid \'to\' is refused with jid-malformed (modify)', () => {
    const room = new TestRoom();
    const sent = room.send(decline('hecate', undefined));
    expect(sent.error).to.equal('jid-malformed');
    expect(errorType(sent.errorReply)).to.equal('modify');
    expect(room.send(decline('hecate', '@@')).error).to.equal('jid-malformed');
  });

  it('a decline changes nothing in the room', () => {
    const room = new TestRoom();
    expect(room.send(decline('hecate', 'alice@example.org')).changes).to.deep.equal([]);
  });
});
