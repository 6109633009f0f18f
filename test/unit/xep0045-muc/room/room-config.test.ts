// A room's configuration (XEP-0045 §10.2): the operator's defaults, and the versioned codec used
// for storage, which fills fields a later version added with their defaults.
import { expect } from 'chai';
import { CONFIG_FORMAT_VERSION, decodeRoomConfig, defaultRoomConfig, encodeRoomConfig, type RoomDefaults } from '../../../../src/xep0045-muc/room/room-config.js';

const DEFAULTS: RoomDefaults = {
  isPersistent: true, isMembersOnly: false, isModerated: true, isAnonymous: false, isPublic: true, isLogging: true, maxUsers: 30, historyLength: 25,
};

describe('room configuration', () => {
  it('the operator\'s defaults set the room type; the rest takes the XEP\'s defaults', () => {
    const config = defaultRoomConfig(DEFAULTS);
    expect(config).to.include({
      isPersistent: true, isMembersOnly: false, isModerated: true, whois: 'anyone', isPublic: true, isLogging: true, maxUsers: 30, historyLength: 25,
      name: '', description: '', language: '', isPasswordProtected: false, password: '', allowInvites: false, allowPrivateMessages: 'anyone',
      allowVoiceRequests: true,
    });
    expect(config.presenceBroadcast).to.deep.equal(['moderator', 'participant', 'visitor']);
    expect(config.getMemberList).to.deep.equal(['moderator', 'participant']);
  });

  it('an anonymous default makes rooms semi-anonymous (whois moderators)', () => {
    expect(defaultRoomConfig({ ...DEFAULTS, isAnonymous: true }).whois).to.equal('moderators');
  });

  it('each call gives a fresh configuration: changing one room\'s lists does not change another\'s', () => {
    const one = defaultRoomConfig(DEFAULTS);
    one.presenceBroadcast.push('none');
    expect(defaultRoomConfig(DEFAULTS).presenceBroadcast).to.deep.equal(['moderator', 'participant', 'visitor']);
  });

  it('encode then decode gives the same configuration', () => {
    const config = { ...defaultRoomConfig(DEFAULTS), name: 'Coven', password: 'p', isPasswordProtected: true, getMemberList: ['moderator' as const] };
    expect(decodeRoomConfig(encodeRoomConfig(config), CONFIG_FORMAT_VERSION, DEFAULTS)).to.deep.equal(config);
  });

  it('a stored configuration without a field a later version added gets that field\'s default', () => {
    const decoded = decodeRoomConfig(JSON.stringify({ name: 'Old room', isModerated: false }), CONFIG_FORMAT_VERSION, DEFAULTS);
    expect(decoded).to.include({ name: 'Old room', isModerated: false, allowVoiceRequests: true, historyLength: 25 });
  });

  it('an unknown format version is refused', () => {
    expect(() => decodeRoomConfig('{}', CONFIG_FORMAT_VERSION + 1, DEFAULTS)).to.throw(/unknown room configuration format/);
  });
});
