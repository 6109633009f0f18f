// The operator's group chat settings turned into the policy the room core and the service consult.
import { expect } from 'chai';
import { servicePolicy, type MucSettings } from '../../../src/xep0045-muc/settings.js';

const SETTINGS: MucSettings = {
  persistentChat: true, archiveMessages: false, archiveJoinsAndExits: false, maxRooms: 100, maxPersistentRooms: 50,
  maxOccupantsLimit: 200, defaultMaxOccupants: 30, historyOnJoin: 25, maxHistoryFetch: 100,
  roomsPersistentByDefault: true, roomsModeratedByDefault: false, roomsMembersOnlyByDefault: false, roomsAnonymousByDefault: true,
  roomsPublicByDefault: true, lockNewRooms: true, roomCreation: 'anyone', persistentRoomCreation: 'anyone',
  ownersCanChangePersistence: true, adHocRequiresInvitation: false, selfRegistration: true, admins: ['Root@Example.org/desk'],
  maxRoomsPerUser: 10, maxMessageBytes: 4096, floodMessagesPerSecond: 5, floodBurst: 10, idleRoomUnloadMs: 60_000, leaseTtlMs: 10_000,
};

describe('the group chat policy (settings.ts)', () => {
  it('group chat administrators are known by their bare JID, normalised', () => {
    const policy = servicePolicy(SETTINGS, true);
    expect(policy.isServiceAdmin('root@example.org')).to.equal(true);
    expect(policy.isServiceAdmin('bob@example.org')).to.equal(false);
  });

  it('the numbers pass through', () => {
    const policy = servicePolicy(SETTINGS, true);
    expect(policy).to.include({ maxOccupantsLimit: 200, historyOnJoin: 25, maxHistoryFetch: 100, maxMessageBytes: 4096, isArchivingForced: false });
  });

  it('persistent chat needs both the setting and a working database', () => {
    expect(servicePolicy(SETTINGS, true).isPersistentChatEnabled).to.equal(true);
    expect(servicePolicy(SETTINGS, false).isPersistentChatEnabled).to.equal(false);
    expect(servicePolicy({ ...SETTINGS, persistentChat: false }, true).isPersistentChatEnabled).to.equal(false);
  });

  it('without persistent chat no room is persistent, by default or by anyone\'s choice', () => {
    const policy = servicePolicy(SETTINGS, false);
    expect(policy.defaults.isPersistent).to.equal(false);
    expect(policy.canCreatePersistent('root@example.org')).to.equal(false);
  });

  it('who may create rooms, and persistent rooms: anyone, or only group chat administrators', () => {
    const open = servicePolicy(SETTINGS, true);
    expect(open.canCreateRoom('bob@example.org')).to.equal(true);
    expect(open.canCreatePersistent('bob@example.org')).to.equal(true);
    const closed = servicePolicy({ ...SETTINGS, roomCreation: 'admins', persistentRoomCreation: 'admins' }, true);
    expect(closed.canCreateRoom('bob@example.org')).to.equal(false);
    expect(closed.canCreateRoom('root@example.org')).to.equal(true);
    expect(closed.canCreatePersistent('bob@example.org')).to.equal(false);
    expect(closed.canCreatePersistent('root@example.org')).to.equal(true);
  });

  it('room defaults: the room type settings, the default size within the maximum, history within the fetch limit', () => {
    const policy = servicePolicy({ ...SETTINGS, defaultMaxOccupants: 500, historyOnJoin: 300, archiveMessages: true }, true);
    expect(policy.defaults).to.deep.equal({
      isPersistent: true, isMembersOnly: false, isModerated: false, isAnonymous: true, isPublic: true, isLogging: true, maxUsers: 200, historyLength: 100,
    });
    expect(policy.isArchivingForced).to.equal(true);
  });

  it('owners changing persistence and ad hoc invitations follow their settings', () => {
    const policy = servicePolicy({ ...SETTINGS, ownersCanChangePersistence: false, adHocRequiresInvitation: true }, true);
    expect(policy.canChangePersistence).to.equal(false);
    expect(policy.isAdHocInvitationRequired).to.equal(true);
  });
});
