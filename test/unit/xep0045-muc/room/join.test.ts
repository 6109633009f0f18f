// XEP-0045 §7.1–7.2 entering a room through the pure core: the order of what a newcomer gets, the
// presence broadcast with its muc#user item and status codes, and every error condition of §7.2.
import { expect } from 'chai';
import { NS } from '../../../../src/xmpp/namespaces.js';
import { xml } from '../../../../src/xmpp/element.js';
import {
  NOW, ROOM, TestRoom, errorCondition, errorType, full, historyEntry, incoming, isSelfPresence, mucItem, occupantJid, statusCodes,
} from '../../../helpers/room-fixtures.js';

/** A short name for each stanza bob got, to compare sequences. */
function sequence(stanzas: ReturnType<TestRoom['enter']>['deliveries'], who: string): string[] {
  return stanzas.filter((delivery) => delivery.to === full(who)).map(({ stanza }) => {
    if (stanza.name === 'presence') return isSelfPresence(stanza) ? 'self' : `presence ${String(stanza.attrs.from).split('/')[1]}`;
    if (stanza.getChild('subject') !== undefined) return 'subject';
    return `history ${stanza.getChildText('body') ?? ''}`;
  });
}

describe('entering a room (XEP-0045 §7.2)', () => {
  describe('§7.1 order of events', () => {
    it('bob gets the occupants first, then his own presence, then the history, then the subject', () => {
      const room = new TestRoom({
        affiliations: { alice: 'owner' },
        history: [historyEntry(1, 'Alice', 'first', new Date(NOW.getTime() - 60_000)), historyEntry(2, 'Carol', 'second', new Date(NOW.getTime() - 30_000))],
        subject: { text: 'Spells', by: 'Alice', at: new Date('2024-04-01T00:00:00Z') },
      });
      room.enterAll({ alice: 'Alice', carol: 'Carol' });
      const entry = room.enter('bob', 'Bob');
      expect(sequence(entry.deliveries, 'bob')).to.deep.equal(['presence Alice', 'presence Carol', 'self', 'history first', 'history second', 'subject']);
    });

    it('the subject comes even when none was ever set: an empty <subject/> from the room (§7.2.15)', () => {
      const room = new TestRoom();
      const subject = room.enter('bob', 'Bob').messagesTo('bob').at(-1)!;
      expect(subject.attrs.from).to.equal(ROOM);
      expect(subject.attrs.type).to.equal('groupchat');
      expect(subject.getChildText('subject')).to.equal('');
      expect(subject.getChild('body')).to.equal(undefined);
    });

    it('the subject comes from whoever set it, stamped with a delay from the room (§7.2.15)', () => {
      const at = new Date('1610-04-20T00:00:00Z');
      const room = new TestRoom({ subject: { text: 'Fire Burn and Cauldron Bubble!', by: 'secondwitch', at } });
      const subject = room.enter('bob', 'Bob').messagesTo('bob').at(-1)!;
      expect(subject.attrs.from).to.equal(occupantJid('secondwitch'));
      expect(subject.getChildText('subject')).to.equal('Fire Burn and Cauldron Bubble!');
      expect(subject.getChild('delay', NS.delay)?.attrs).to.include({ from: ROOM, stamp: at.toISOString() });
    });
  });

  describe('§7.2.2 presence broadcast', () => {
    it('bob\'s presence goes to everyone, himself last with status 110', () => {
      const room = new TestRoom({ affiliations: { alice: 'owner' } }).enterAll({ alice: 'Alice', carol: 'Carol' });
      const entry = room.enter('bob', 'Bob');
      for (const who of ['alice', 'carol']) {
        const seen = entry.presenceOf('Bob', who);
        expect(seen, who).to.have.length(1);
        expect(statusCodes(seen[0]), who).to.not.include(110);
        expect(mucItem(seen[0])).to.include({ affiliation: 'none', role: 'participant' });
      }
      const own = entry.presencesTo('bob').at(-1)!;
      expect(own.attrs.from).to.equal(occupantJid('Bob'));
      expect(statusCodes(own)).to.include(110);
    });

    it('each occupant\'s presence carries exactly one muc#user <x/> with role and affiliation', () => {
      const room = new TestRoom({ affiliations: { alice: 'owner', carol: 'admin' } }).enterAll({ alice: 'Alice', carol: 'Carol' });
      const entry = room.enter('bob', 'Bob');
      const [aliceSeen, carolSeen] = entry.presencesTo('bob');
      expect(aliceSeen!.getChildren('x', NS.mucUser)).to.have.length(1);
      expect(mucItem(aliceSeen)).to.include({ affiliation: 'owner', role: 'moderator' });
      expect(mucItem(carolSeen)).to.include({ affiliation: 'admin', role: 'moderator' });
    });

    it('the presence bob sent (show, status) is what the others see, without his <x xmlns=muc/> (§17.3 rule 6)', () => {
      const room = new TestRoom().enterAll({ alice: 'Alice' });
      const entry = room.enter('bob', 'Bob', { password: 'irrelevant', children: [xml('show', {}, 'away'), xml('status', {}, 'brewing')] });
      const seen = entry.presenceOf('Bob', 'alice')[0]!;
      expect(seen.getChildText('show')).to.equal('away');
      expect(seen.getChildText('status')).to.equal('brewing');
      expect(seen.getChild('x', NS.muc)).to.equal(undefined);
      expect(seen.getChild('x', NS.mucUser)?.getChild('password')).to.equal(undefined);
    });

    it('a muc#user extension bob makes up himself is never reflected (§17.3 rule 6)', () => {
      const room = new TestRoom().enterAll({ alice: 'Alice' });
      const forged = xml('x', { xmlns: NS.mucUser }, xml('item', { affiliation: 'owner', role: 'moderator' }), xml('status', { code: '201' }));
      const seen = room.enter('bob', 'Bob', { children: [forged] }).presenceOf('Bob', 'alice')[0]!;
      expect(seen.getChildren('x', NS.mucUser)).to.have.length(1);
      expect(mucItem(seen)).to.include({ affiliation: 'none', role: 'participant' });
      expect(statusCodes(seen)).to.deep.equal([]);
    });

    it('every presence carries the occupant\'s XEP-0421 occupant-id', () => {
      const room = new TestRoom().enterAll({ alice: 'Alice' });
      const entry = room.enter('bob', 'Bob');
      expect(entry.presenceOf('Bob', 'alice')[0]!.getChild('occupant-id', NS.occupantId)?.attrs.id).to.equal('occ:bob@example.org');
      expect(entry.presenceOf('Alice', 'bob')[0]!.getChild('occupant-id', NS.occupantId)?.attrs.id).to.equal('occ:alice@example.org');
    });

    it('with presence broadcast limited to moderators, a participant\'s entry is not broadcast but he still gets his own presence', () => {
      const room = new TestRoom({ affiliations: { alice: 'owner' }, config: { presenceBroadcast: ['moderator'] } }).enterAll({ alice: 'Alice' });
      const entry = room.enter('bob', 'Bob');
      expect(entry.presenceOf('Bob', 'alice')).to.have.length(0);
      expect(entry.presencesTo('bob').filter(isSelfPresence)).to.have.length(1);
      expect(entry.presenceOf('Alice', 'bob')).to.have.length(1);
    });
  });

  describe('§7.2.3 non-anonymous and §7.2.4 semi-anonymous rooms', () => {
    it('in a non-anonymous room everyone sees bob\'s full JID, and bob is warned with 100', () => {
      const room = new TestRoom({ config: { whois: 'anyone' } }).enterAll({ alice: 'Alice' });
      const entry = room.enter('bob/pda', 'Bob');
      expect(mucItem(entry.presenceOf('Bob', 'alice')[0])).to.include({ jid: full('bob/pda') });
      expect(statusCodes(entry.presencesTo('bob/pda').at(-1))).to.include.members([100, 110]);
      expect(mucItem(entry.presenceOf('Alice', 'bob/pda')[0]).jid).to.equal(full('alice'));
    });

    it('in a semi-anonymous room only moderators see bob\'s full JID, and there is no 100', () => {
      const room = new TestRoom({ affiliations: { alice: 'owner' } }).enterAll({ alice: 'Alice', carol: 'Carol' });
      const entry = room.enter('bob', 'Bob');
      expect(mucItem(entry.presenceOf('Bob', 'alice')[0]).jid).to.equal(full('bob'));
      expect(mucItem(entry.presenceOf('Bob', 'carol')[0]).jid).to.equal(undefined);
      expect(mucItem(entry.presenceOf('Alice', 'bob')[0]).jid).to.equal(undefined);
      expect(statusCodes(entry.presencesTo('bob').at(-1))).to.not.include(100);
    });

    it('bob always sees his own full JID in his self-presence', () => {
      const room = new TestRoom();
      expect(mucItem(room.enter('bob', 'Bob').presencesTo('bob').at(-1)).jid).to.equal(full('bob'));
    });

    it('a moderator entering a semi-anonymous room sees the others\' full JIDs', () => {
      const room = new TestRoom({ affiliations: { alice: 'owner' } }).enterAll({ bob: 'Bob' });
      expect(mucItem(room.enter('alice', 'Alice').presenceOf('Bob', 'alice')[0]).jid).to.equal(full('bob'));
    });
  });

  describe('§7.2.12 room logging', () => {
    it('bob is warned with 170 when the room is logged', () => {
      const room = new TestRoom({ config: { isLogging: true } });
      expect(statusCodes(room.enter('bob', 'Bob').presencesTo('bob').at(-1))).to.include(170);
    });

    it('and when the operator archives every room, whatever its setting', () => {
      const room = new TestRoom({ config: { isLogging: false }, policy: { isArchivingForced: true } });
      expect(statusCodes(room.enter('bob', 'Bob').presencesTo('bob').at(-1))).to.include(170);
    });

    it('there is no 170 in an unlogged room', () => {
      const room = new TestRoom();
      expect(statusCodes(room.enter('bob', 'Bob').presencesTo('bob').at(-1))).to.not.include(170);
    });
  });

  describe('§5.1.2 the role one enters with', () => {
    const cases: { affiliation?: 'owner' | 'admin' | 'member'; isModerated: boolean; role: string }[] = [
      { isModerated: true, role: 'visitor' },
      { affiliation: 'member', isModerated: true, role: 'participant' },
      { affiliation: 'admin', isModerated: true, role: 'moderator' },
      { affiliation: 'owner', isModerated: true, role: 'moderator' },
      { isModerated: false, role: 'participant' },
      { affiliation: 'member', isModerated: false, role: 'participant' },
      { affiliation: 'admin', isModerated: false, role: 'moderator' },
      { affiliation: 'owner', isModerated: false, role: 'moderator' },
    ];
    for (const { affiliation, isModerated, role } of cases) {
      it(`${affiliation ?? 'an unaffiliated user'} entering ${isModerated ? 'a moderated' : 'an unmoderated'} room is a ${role}`, () => {
        const room = new TestRoom({ config: { isModerated }, affiliations: affiliation === undefined ? {} : { bob: affiliation } });
        const own = room.enter('bob', 'Bob').presencesTo('bob').at(-1)!;
        expect(mucItem(own)).to.include({ role, affiliation: affiliation ?? 'none' });
        expect(room.roleOf('Bob')).to.equal(role);
      });
    }

    it('a group chat system administrator enters every room as its owner would, a moderator', () => {
      const room = new TestRoom({ policy: { serviceAdmins: ['root'] }, config: { isMembersOnly: true, isPasswordProtected: true, password: 'secret' } });
      const entry = room.enter('root', 'Root', { password: 'secret' });
      expect(entry.error).to.equal(undefined);
      expect(room.roleOf('Root')).to.equal('moderator');
    });
  });

  describe('§7.2.1 re-entering: a join from a session already in the room', () => {
    it('bob gets exactly what a first entry gives him: the occupants, himself, history and subject', () => {
      const room = new TestRoom({ history: [historyEntry(1, 'Alice', 'earlier', new Date(NOW.getTime() - 1000))] }).enterAll({ alice: 'Alice' });
      const first = room.enter('bob', 'Bob');
      const again = room.enter('bob', 'Bob');
      expect(sequence(again.deliveries, 'bob')).to.deep.equal(sequence(first.deliveries, 'bob'));
      expect(statusCodes(again.presencesTo('bob').at(-1))).to.include(110);
      expect(room.nicks).to.deep.equal(['Alice', 'Bob']);
      expect(room.occupant('Bob')?.sessions.size).to.equal(1);
    });

    it('a re-entry with a new status shows the others the new presence', () => {
      const room = new TestRoom().enterAll({ alice: 'Alice', bob: 'Bob' });
      const again = room.enter('bob', 'Bob', { children: [xml('status', {}, 'back')] });
      expect(again.presenceOf('Bob', 'alice')[0]?.getChildText('status')).to.equal('back');
    });
  });

  describe('§7.2.1 and §17.3 what is not an entry', () => {
    it('presence to the room without a nick is refused with jid-malformed', () => {
      const room = new TestRoom();
      const attempt = room.send(incoming('bob', xml('presence', {}, xml('x', { xmlns: NS.muc }))));
      expect(attempt.error).to.equal('jid-malformed');
      expect(errorType(attempt.errorReply)).to.equal('modify');
      expect(room.nicks).to.deep.equal([]);
    });

    for (const type of ['probe', 'subscribe', 'subscribed', 'unsubscribe', 'unsubscribed', 'bogus']) {
      it(`presence of type ${type} is not treated as a request to enter (§17.3 rule 1)`, () => {
        const room = new TestRoom();
        const attempt = room.send(incoming('bob', xml('presence', { type }, xml('x', { xmlns: NS.muc })), 'Bob'));
        expect(attempt.isIgnored).to.equal(true);
        expect(room.nicks).to.deep.equal([]);
      });
    }

    // §7.2.18 (enter-gc): "it is RECOMMENDED that a service receiving a <presence> without an <x>
    // element from a non-occupant full-JID responds with an explicit kick ... 110, 307 and 333".
    it('presence without <x xmlns=muc/> from someone not in the room gets a kick with 110, 307 and 333 (§7.2.18)', () => {
      const room = new TestRoom();
      const attempt = room.enter('bob', 'Bob', { isPlain: true });
      const [kick] = attempt.presencesTo('bob');
      expect(kick?.attrs.type).to.equal('unavailable');
      expect(statusCodes(kick)).to.include.members([110, 307, 333]);
      expect(mucItem(kick)).to.include({ role: 'none' });
      expect(room.nicks).to.deep.equal([]);
    });

    // §17.1 (bizrules-jids): "a MUC service MUST NOT allow empty or invisible Room Nicknames (i.e.,
    // Room Nicknames that consist only of one or more space characters)".
    it('a nick of only spaces is refused (§17.1)', () => {
      const room = new TestRoom();
      const attempt = room.enter('bob', '   ');
      expect(['jid-malformed', 'not-acceptable']).to.include(attempt.error);
      expect(room.nicks).to.deep.equal([]);
    });
  });

  describe('§7.2.5–7.2.10 refusals', () => {
    it('§7.2.5 a password-protected room refuses bob without the password: not-authorized (auth)', () => {
      const room = new TestRoom({ config: { isPasswordProtected: true, password: 'cauldronburn' } });
      const attempt = room.enter('bob', 'Bob');
      expect(attempt.error).to.equal('not-authorized');
      expect(errorType(attempt.errorReply)).to.equal('auth');
      expect(room.nicks).to.deep.equal([]);
    });

    it('§7.2.5 … and with a wrong password', () => {
      const room = new TestRoom({ config: { isPasswordProtected: true, password: 'cauldronburn' } });
      expect(room.enter('bob', 'Bob', { password: 'Cauldronburn' }).error).to.equal('not-authorized');
    });

    it('§7.2.5 … and lets him in with the right one', () => {
      const room = new TestRoom({ config: { isPasswordProtected: true, password: 'cauldronburn' } });
      expect(room.enter('bob', 'Bob', { password: 'cauldronburn' }).error).to.equal(undefined);
      expect(room.nicks).to.deep.equal(['Bob']);
    });

    it('§7.2.6 a members-only room refuses a non-member: registration-required (auth)', () => {
      const room = new TestRoom({ config: { isMembersOnly: true } });
      const attempt = room.enter('bob', 'Bob');
      expect(attempt.error).to.equal('registration-required');
      expect(errorType(attempt.errorReply)).to.equal('auth');
    });

    it('§7.2.6 … and admits a member', () => {
      const room = new TestRoom({ config: { isMembersOnly: true }, affiliations: { bob: 'member' } });
      expect(room.enter('bob', 'Bob').error).to.equal(undefined);
    });

    it('§7.2.7 a banned user is refused with forbidden (auth)', () => {
      const room = new TestRoom({ affiliations: { bob: 'outcast' } });
      const attempt = room.enter('bob', 'Bob');
      expect(attempt.error).to.equal('forbidden');
      expect(errorType(attempt.errorReply)).to.equal('auth');
    });

    it('§7.2.8 a nick in use by someone else is refused with conflict (cancel)', () => {
      const room = new TestRoom().enterAll({ alice: 'Witch' });
      const attempt = room.enter('bob', 'Witch');
      expect(attempt.error).to.equal('conflict');
      expect(errorType(attempt.errorReply)).to.equal('cancel');
      expect(room.occupant('Witch')?.bareJid).to.equal('alice@example.org');
    });

    it('§7.2.8 a nick registered to someone else is refused with conflict, even when nobody uses it', () => {
      const room = new TestRoom({ affiliations: { alice: { affiliation: 'member', nick: 'Witch' } } });
      expect(room.enter('bob', 'Witch').error).to.equal('conflict');
      expect(room.enter('alice', 'Witch').error).to.equal(undefined);
    });

    it('§7.2.9 a full room refuses bob with service-unavailable', () => {
      const room = new TestRoom({ config: { maxUsers: 2 } }).enterAll({ alice: 'Alice', carol: 'Carol' });
      expect(room.enter('bob', 'Bob').error).to.equal('service-unavailable');
    });

    // §7.2.9 (enter-maxusers) shows the refusal as <error type='wait'><service-unavailable/>: the
    // room may have space later.
    it('§7.2.9 … with an error of type wait (§7.2.9 example)', () => {
      const room = new TestRoom({ config: { maxUsers: 1 } }).enterAll({ alice: 'Alice' });
      expect(errorType(room.enter('bob', 'Bob').errorReply)).to.equal('wait');
    });

    it('§7.2.9 an admin or owner still enters a full room', () => {
      const room = new TestRoom({ config: { maxUsers: 1 }, affiliations: { bob: 'admin', carol: 'owner' } }).enterAll({ alice: 'Alice' });
      expect(room.enter('bob', 'Bob').error).to.equal(undefined);
      expect(room.enter('carol', 'Carol').error).to.equal(undefined);
    });

    it('§7.2.9 the operator\'s maximum caps a room that sets no limit of its own', () => {
      const room = new TestRoom({ config: { maxUsers: 0 }, policy: { maxOccupantsLimit: 1 } }).enterAll({ alice: 'Alice' });
      expect(room.enter('bob', 'Bob').error).to.equal('service-unavailable');
    });

    it('§7.2.10 a locked room refuses everyone but its owner with item-not-found (cancel)', () => {
      const room = new TestRoom({ isLocked: true, affiliations: { alice: 'owner' } });
      const attempt = room.enter('bob', 'Bob');
      expect(attempt.error).to.equal('item-not-found');
      expect(errorType(attempt.errorReply)).to.equal('cancel');
      expect(room.enter('alice', 'Alice').error).to.equal(undefined);
    });

    it('the error presence comes from the occupant JID asked for, and keeps the <x xmlns=muc/> bob sent', () => {
      const room = new TestRoom({ affiliations: { bob: 'outcast' } });
      const reply = room.enter('bob', 'Bob').errorReply!;
      expect(reply.name).to.equal('presence');
      expect(reply.attrs.from).to.equal(occupantJid('Bob'));
      expect(reply.attrs.to).to.equal(full('bob'));
      expect(reply.getChild('x', NS.muc)).to.not.equal(undefined);
    });

    it('a refused entry changes nothing and tells nobody else', () => {
      const room = new TestRoom({ affiliations: { bob: 'outcast' } }).enterAll({ alice: 'Alice' });
      const attempt = room.enter('bob', 'Bob');
      expect(attempt.changes).to.deep.equal([]);
      expect(attempt.recipients).to.deep.equal([full('bob')]);
    });

    it('checks run in the features\' order: a banned user of a locked, members-only, full room hears item-not-found first', () => {
      const room = new TestRoom({ isLocked: true, config: { isMembersOnly: true, maxUsers: 1 }, affiliations: { alice: 'owner', bob: 'outcast' } })
        .enterAll({ alice: 'Alice' });
      expect(room.enter('bob', 'Alice').error).to.equal('item-not-found');
      room.state.isLocked = false;
      expect(room.enter('bob', 'Alice').error).to.equal('forbidden');
    });
  });

  describe('§10.1.1 creating a room by entering it', () => {
    it('the first to enter an unclaimed room owns it, and is told so with 201', () => {
      const room = new TestRoom({ isUnclaimed: true, isLocked: true });
      const entry = room.enter('alice', 'Crone');
      const own = entry.presencesTo('alice').at(-1)!;
      expect(statusCodes(own)).to.include.members([110, 201]);
      expect(mucItem(own)).to.include({ affiliation: 'owner', role: 'moderator' });
      expect(room.affiliationOf('alice')).to.equal('owner');
      expect(room.state.isUnclaimed).to.equal(false);
      expect(entry.changes[0]).to.deep.include({ kind: 'affiliation-set', bareJid: 'alice@example.org' });
    });

    it('only the first entry creates: the next one gets no 201', () => {
      const room = new TestRoom({ isUnclaimed: true, isLocked: false });
      room.enter('alice', 'Alice');
      const second = room.enter('bob', 'Bob');
      expect(statusCodes(second.presencesTo('bob').at(-1))).to.not.include(201);
      expect(room.affiliationOf('bob')).to.equal('none');
    });

    it('an entry names a storage-failure error for the sender', () => {
      const room = new TestRoom();
      expect(room.enter('bob', 'Bob').outcome.onStorageFailure?.condition).to.equal('resource-constraint');
    });
  });

  it('the error condition table of §7.2.17: each refusal names one of the listed conditions', () => {
    const listed = ['not-authorized', 'forbidden', 'item-not-found', 'not-allowed', 'not-acceptable', 'registration-required', 'conflict', 'service-unavailable'];
    const refusals = [
      new TestRoom({ config: { isPasswordProtected: true, password: 'x' } }).enter('bob', 'Bob'),
      new TestRoom({ affiliations: { bob: 'outcast' } }).enter('bob', 'Bob'),
      new TestRoom({ isLocked: true }).enter('bob', 'Bob'),
      new TestRoom({ config: { isMembersOnly: true } }).enter('bob', 'Bob'),
      new TestRoom({ affiliations: { alice: { affiliation: 'member', nick: 'Bob' } } }).enter('bob', 'Bob'),
      new TestRoom({ config: { maxUsers: 1 } }).enterAll({ alice: 'Alice' }).enter('bob', 'Bob'),
    ];
    for (const refusal of refusals) expect(listed).to.include(errorCondition(refusal.errorReply));
  });
});
