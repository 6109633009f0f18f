// XEP-0045 §5 as tables: §5.1.1 role privileges, §5.1.2 default roles, §5.1.3 the role state
// chart, §5.2.1 affiliation privileges and §5.2.2 the affiliation state chart, one row per cell.
import { expect } from 'chai';
import {
  affiliationOf, canChangeAffiliation, canChangeRole, canChangeSubject, canInvite, canSendPrivateMessage, canSpeak,
  defaultRole, effectiveAffiliation, hasRoleAtLeast, isAtLeast, seesRealJids,
} from '../../../../src/xep0045-muc/room/permissions.js';
import type { RoomConfig } from '../../../../src/xep0045-muc/room/room-config.js';
import type { Affiliation, Role } from '../../../../src/xep0045-muc/room/types.js';
import { xml } from '../../../../src/xmpp/element.js';
import { TestRoom, bare, configForm, makePolicy, makeRoom } from '../../../helpers/room-fixtures.js';

const config = (overrides: Partial<RoomConfig> = {}): RoomConfig => ({ ...makeRoom().config, ...overrides });
const ROLES: Role[] = ['none', 'visitor', 'participant', 'moderator'];
const AFFILIATIONS: Affiliation[] = ['outcast', 'none', 'member', 'admin', 'owner'];

describe('§5.1.1 privileges associated with roles (defaults)', () => {
  // Columns None, Visitor, Participant, Moderator of the table, for the rows the core decides.
  const moderated = config({ isModerated: true });
  const rows: [string, (role: Role) => boolean, [boolean, boolean, boolean, boolean]][] = [
    ['Send Private Messages', (role) => canSendPrivateMessage(role, config()), [false, true, true, true]],
    ['Invite Other Users', (role) => canInvite(role, 'none', config()), [false, true, true, true]],
    ['Send Messages to All (moderated room)', (role) => canSpeak(role, moderated), [false, false, true, true]],
    ['Modify Subject (room lets occupants)', (role) => canChangeSubject(role, config({ canParticipantsChangeSubject: true })), [false, false, true, true]],
    ['Modify Subject (room does not)', (role) => canChangeSubject(role, config({ canParticipantsChangeSubject: false })), [false, false, false, true]],
    ['Kick Participants and Visitors', (role) => canChangeRole({ role, affiliation: 'none' }, { role: 'participant', affiliation: 'none' }, 'none')
      && canChangeRole({ role, affiliation: 'none' }, { role: 'visitor', affiliation: 'none' }, 'none'), [false, false, false, true]],
    ['Grant Voice', (role) => canChangeRole({ role, affiliation: 'none' }, { role: 'visitor', affiliation: 'none' }, 'participant'), [false, false, false, true]],
    ['Revoke Voice', (role) => canChangeRole({ role, affiliation: 'none' }, { role: 'participant', affiliation: 'none' }, 'visitor'), [false, false, false, true]],
  ];
  for (const [privilege, decide, expected] of rows) {
    ROLES.forEach((role, index) => {
      it(`${privilege}: ${role} → ${expected[index] === true ? 'Yes' : 'No'}`, () => {
        expect(decide(role)).to.equal(expected[index]);
      });
    });
  }

  it('** in an unmoderated room visitors have voice', () => {
    expect(canSpeak('visitor', config({ isModerated: false }))).to.equal(true);
    expect(canSpeak('none', config({ isModerated: false }))).to.equal(false);
  });

  it('*** a moderator may not revoke the voice of an admin or owner', () => {
    for (const affiliation of ['admin', 'owner'] as const) {
      expect(canChangeRole({ role: 'moderator', affiliation: 'owner' }, { role: 'moderator', affiliation }, 'visitor'), affiliation).to.equal(false);
    }
  });

  it('allowpm settings narrow who may send private messages', () => {
    expect(ROLES.map((role) => canSendPrivateMessage(role, config({ allowPrivateMessages: 'participants' })))).to.deep.equal([false, false, true, true]);
    expect(ROLES.map((role) => canSendPrivateMessage(role, config({ allowPrivateMessages: 'moderators' })))).to.deep.equal([false, false, false, true]);
    expect(ROLES.map((role) => canSendPrivateMessage(role, config({ allowPrivateMessages: 'none' })))).to.deep.equal([false, false, false, false]);
  });

  it('§7.8: in a members-only room only admins and owners invite, unless the room allows occupants to', () => {
    const membersOnly = config({ isMembersOnly: true, allowInvites: false });
    expect(AFFILIATIONS.map((affiliation) => canInvite('participant', affiliation, membersOnly))).to.deep.equal([false, false, false, true, true]);
    expect(canInvite('participant', 'member', config({ isMembersOnly: true, allowInvites: true }))).to.equal(true);
    expect(canInvite('none', 'owner', config({ allowInvites: true }))).to.equal(false);
  });
});

describe('§5.1.2 default roles by affiliation', () => {
  // Columns None, Member, Admin, Owner.
  const table: [string, Partial<RoomConfig>, [Role | 'N/A', Role, Role, Role]][] = [
    ['Moderated', { isModerated: true }, ['visitor', 'participant', 'moderator', 'moderator']],
    ['Unmoderated', { isModerated: false }, ['participant', 'participant', 'moderator', 'moderator']],
    ['Members-Only', { isMembersOnly: true }, ['N/A', 'participant', 'moderator', 'moderator']],
    ['Open', { isMembersOnly: false }, ['participant', 'participant', 'moderator', 'moderator']],
  ];
  for (const [type, overrides, roles] of table) {
    (['none', 'member', 'admin', 'owner'] as const).forEach((affiliation, index) => {
      const expected = roles[index]!;
      it(`${type} room, ${affiliation}: ${expected === 'N/A' ? 'entry is not permitted' : expected}`, () => {
        if (expected === 'N/A') {
          const room = new TestRoom({ config: overrides });
          expect(room.enter('bob', 'Bob').error).to.equal('registration-required');
          return;
        }
        expect(defaultRole(affiliation, config(overrides))).to.equal(expected);
      });
    });
  }

  it('an outcast has no role (outcasts may not enter)', () => {
    expect(defaultRole('outcast', config())).to.equal('none');
  });
});

describe('§5.1.3 the role state chart', () => {
  // Who may move an unaffiliated occupant from one role to another: any moderator, or only a
  // moderator who is an admin or owner (the chart's "Admin or owner ...").
  const chart: [Role, Role, 'moderator' | 'admin'][] = [
    ['visitor', 'participant', 'moderator'],
    ['visitor', 'moderator', 'admin'],
    ['visitor', 'none', 'moderator'],
    ['participant', 'visitor', 'moderator'],
    ['participant', 'moderator', 'admin'],
    ['participant', 'none', 'moderator'],
    ['moderator', 'none', 'admin'],
    ['moderator', 'visitor', 'admin'],
    ['moderator', 'participant', 'admin'],
  ];
  for (const [from, to, minimum] of chart) {
    for (const actorAffiliation of ['none', 'member', 'admin', 'owner'] as const) {
      const isAllowed = minimum === 'moderator' || actorAffiliation === 'admin' || actorAffiliation === 'owner';
      it(`${from} → ${to} by a moderator who is ${actorAffiliation}: ${isAllowed ? 'allowed' : 'not allowed'}`, () => {
        expect(canChangeRole({ role: 'moderator', affiliation: actorAffiliation }, { role: from, affiliation: 'none' }, to)).to.equal(isAllowed);
      });
    }
  }

  it('* moderation privileges of an admin or owner are never revoked through roles', () => {
    for (const target of ['admin', 'owner'] as const) {
      for (const to of ['none', 'visitor', 'participant'] as const) {
        expect(canChangeRole({ role: 'moderator', affiliation: 'owner' }, { role: 'moderator', affiliation: target }, to), `${target} → ${to}`).to.equal(false);
      }
    }
  });

  it('only moderators change roles at all', () => {
    for (const role of ['none', 'visitor', 'participant'] as const) {
      expect(canChangeRole({ role, affiliation: 'owner' }, { role: 'visitor', affiliation: 'none' }, 'participant'), role).to.equal(false);
    }
  });

  // §8.2 and §8.4: "A user cannot be kicked by a moderator with a lower affiliation" and "A
  // moderator MUST NOT be able to revoke voice from a user whose affiliation is at or above the
  // moderator's level".
  it('a moderator with no affiliation may neither kick nor silence a member (§8.2, §8.4)', () => {
    expect(canChangeRole({ role: 'moderator', affiliation: 'none' }, { role: 'participant', affiliation: 'member' }, 'none')).to.equal(false);
    expect(canChangeRole({ role: 'moderator', affiliation: 'none' }, { role: 'participant', affiliation: 'member' }, 'visitor')).to.equal(false);
    expect(canChangeRole({ role: 'moderator', affiliation: 'member' }, { role: 'participant', affiliation: 'member' }, 'visitor')).to.equal(false);
  });
});

describe('§5.2.1 privileges associated with affiliations', () => {
  // Columns Outcast, None, Member, Admin, Owner.
  const rows: [string, (affiliation: Affiliation) => boolean, boolean[]][] = [
    ['Ban Members and Unaffiliated Users', (a) => canChangeAffiliation(a, 'member', 'outcast') && canChangeAffiliation(a, 'none', 'outcast'), [false, false, false, true, true]],
    ['Edit Member List', (a) => canChangeAffiliation(a, 'none', 'member') && canChangeAffiliation(a, 'member', 'none'), [false, false, false, true, true]],
    ['Assign and Remove Moderator Role', (a) => canChangeRole({ role: 'moderator', affiliation: a }, { role: 'participant', affiliation: 'none' }, 'moderator')
      && canChangeRole({ role: 'moderator', affiliation: a }, { role: 'moderator', affiliation: 'none' }, 'participant'), [false, false, false, true, true]],
    ['Edit Admin List', (a) => canChangeAffiliation(a, 'none', 'admin') && canChangeAffiliation(a, 'admin', 'none'), [false, false, false, false, true]],
    ['Edit Owner List', (a) => canChangeAffiliation(a, 'none', 'owner') && canChangeAffiliation(a, 'owner', 'none'), [false, false, false, false, true]],
  ];
  for (const [privilege, decide, expected] of rows) {
    AFFILIATIONS.forEach((affiliation, index) => {
      it(`${privilege}: ${affiliation} → ${expected[index] === true ? 'Yes' : 'No'}`, () => {
        expect(decide(affiliation)).to.equal(expected[index]);
      });
    });
  }

  const entering: [string, Partial<RoomConfig>, boolean[]][] = [
    ['Enter Open Room', {}, [false, true, true, true, true]],
    ['Enter Members-Only Room', { isMembersOnly: true }, [false, false, true, true, true]],
  ];
  for (const [privilege, overrides, expected] of entering) {
    AFFILIATIONS.forEach((affiliation, index) => {
      it(`${privilege}: ${affiliation} → ${expected[index] === true ? 'Yes' : 'No'}`, () => {
        const room = new TestRoom({ config: overrides, affiliations: affiliation === 'none' ? {} : { bob: affiliation } });
        expect(room.enter('bob', 'Bob').error === undefined).to.equal(expected[index]);
      });
    });
  }

  const ownerOnly: [string, (room: TestRoom) => boolean][] = [
    ['Change Room Configuration', (room) => room.owner('bob', configForm({ 'muc#roomconfig_roomname': 'x' })).error === undefined],
    ['Destroy Room', (room) => room.owner('bob', xml('destroy')).error === undefined],
  ];
  for (const [privilege, attempt] of ownerOnly) {
    AFFILIATIONS.forEach((affiliation, index) => {
      const isAllowed = index === 4;
      it(`${privilege}: ${affiliation} → ${isAllowed ? 'Yes' : 'No'}`, () => {
        const room = new TestRoom({ affiliations: affiliation === 'none' ? { alice: 'owner' } : { alice: 'owner', bob: affiliation } });
        expect(attempt(room)).to.equal(isAllowed);
      });
    });
  }
});

describe('§5.2.2 the affiliation state chart', () => {
  // Each cell: who may make the change ("Admin or owner ..." or "Owner ...").
  const chart: [Exclude<Affiliation, 'none'> | 'none', Affiliation, 'admin' | 'owner'][] = [
    ['outcast', 'none', 'admin'], ['outcast', 'member', 'admin'], ['outcast', 'admin', 'owner'], ['outcast', 'owner', 'owner'],
    ['none', 'outcast', 'admin'], ['none', 'member', 'admin'], ['none', 'admin', 'owner'], ['none', 'owner', 'owner'],
    ['member', 'outcast', 'admin'], ['member', 'none', 'admin'], ['member', 'admin', 'owner'], ['member', 'owner', 'owner'],
    ['admin', 'outcast', 'owner'], ['admin', 'none', 'owner'], ['admin', 'member', 'owner'], ['admin', 'owner', 'owner'],
    ['owner', 'outcast', 'owner'], ['owner', 'none', 'owner'], ['owner', 'member', 'owner'], ['owner', 'admin', 'owner'],
  ];
  for (const [from, to, minimum] of chart) {
    for (const actor of ['member', 'admin', 'owner'] as const) {
      const isAllowed = actor === 'owner' || (actor === 'admin' && minimum === 'admin');
      it(`${from} → ${to} by ${actor === 'admin' ? 'an' : 'a'} ${actor}: ${isAllowed ? 'allowed' : 'not allowed'}`, () => {
        expect(canChangeAffiliation(actor, from, to)).to.equal(isAllowed);
      });
    }
  }

  it('nobody without an affiliation changes affiliations', () => {
    for (const actor of ['outcast', 'none'] as const) expect(canChangeAffiliation(actor, 'none', 'member'), actor).to.equal(false);
  });
});

describe('affiliations, ranks and who sees real JIDs', () => {
  it('affiliationOf is none for anyone not listed', () => {
    const room = makeRoom({ affiliations: { bob: 'member' } });
    expect(affiliationOf(room, bare('bob'))).to.equal('member');
    expect(affiliationOf(room, bare('carol'))).to.equal('none');
  });

  it('§5.2: a group chat system administrator acts as an owner', () => {
    const room = makeRoom({ affiliations: { root: 'outcast' } });
    const policy = makePolicy({ serviceAdmins: ['root'] });
    expect(effectiveAffiliation(room, bare('root'), policy)).to.equal('owner');
    expect(effectiveAffiliation(room, bare('bob'), policy)).to.equal('none');
  });

  it('ranks: outcast < none < member < admin < owner; none < visitor < participant < moderator', () => {
    AFFILIATIONS.forEach((affiliation, index) => {
      AFFILIATIONS.forEach((other, otherIndex) => expect(isAtLeast(affiliation, other), `${affiliation} ≥ ${other}`).to.equal(index >= otherIndex));
    });
    ROLES.forEach((role, index) => {
      ROLES.forEach((other, otherIndex) => expect(hasRoleAtLeast(role, other), `${role} ≥ ${other}`).to.equal(index >= otherIndex));
    });
  });

  it('§5.3: in a non-anonymous room everyone sees real JIDs; in a semi-anonymous one only moderators', () => {
    expect(ROLES.map((role) => seesRealJids(role, config({ whois: 'anyone' })))).to.deep.equal([true, true, true, true]);
    expect(ROLES.map((role) => seesRealJids(role, config({ whois: 'moderators' })))).to.deep.equal([false, false, false, true]);
  });
});
