// The list of room features (features/index.ts): the order the join checks run in and the
// configuration form lists fields in, and properties that hold across all features.
import { expect } from 'chai';
import { ROOM_FEATURES } from '../../../../src/xep0045-muc/features/index.js';
import type { RoomConfig } from '../../../../src/xep0045-muc/room/room-config.js';
import { configSubmission, makePolicy, makeRoom } from '../../../helpers/room-fixtures.js';

describe('the room features', () => {
  it('run in this order: locking before banning before membership, then nicks, size and password', () => {
    expect(ROOM_FEATURES.map((feature) => feature.name)).to.deep.equal([
      'room-identity', 'room-locking', 'banning', 'members-only', 'ad-hoc-invitation', 'nicknames', 'occupancy-limit', 'password',
      'persistence', 'public-listing', 'moderation', 'anonymity', 'private-messages', 'subject-change', 'invitations', 'logging',
      'role-lists', 'history-length',
    ]);
  });

  it('each configuration field belongs to one feature, and all are muc#roomconfig_ or muc#maxhistoryfetch fields', () => {
    const vars = ROOM_FEATURES.flatMap((feature) => feature.configFields?.(makeRoom().config, makePolicy()) ?? []).map((field) => field.var!);
    expect(new Set(vars).size).to.equal(vars.length);
    for (const name of vars) expect(name).to.match(/^muc#(roomconfig_|maxhistoryfetch$)/);
  });

  it('each muc#roominfo field belongs to one feature', () => {
    const vars = ROOM_FEATURES.flatMap((feature) => feature.roomInfo?.(makeRoom()) ?? []).map((field) => field.var!);
    expect(new Set(vars).size).to.equal(vars.length);
    for (const name of vars) expect(name).to.match(/^muc#roominfo_/);
  });

  it('submitting the form as offered, unchanged, gives back the same configuration', () => {
    // (A room following the operator's maximum, maxUsers 0, is shown that maximum, so it is left out here.)
    const configs: Partial<RoomConfig>[] = [
      { maxUsers: 50 }, { isModerated: true, whois: 'anyone', isPasswordProtected: true, password: 'pw', maxUsers: 20, allowPrivateMessages: 'none', getMemberList: [] },
    ];
    for (const overrides of configs) {
      const config = makeRoom({ config: overrides }).config;
      const policy = makePolicy();
      const fields = ROOM_FEATURES.flatMap((feature) => feature.configFields?.(config, policy) ?? []);
      const form = configSubmission(Object.fromEntries(fields.map((field) => [field.var!, [...(field.values ?? [])]])));
      let applied = config;
      for (const feature of ROOM_FEATURES) {
        const result = feature.applyConfig?.(applied, form, policy, 'alice@example.org') ?? applied;
        expect(result, feature.name).to.not.have.property('refused');
        applied = result as RoomConfig;
      }
      expect(applied).to.deep.equal(config);
    }
  });

  it('an empty submission (the instant room) changes nothing', () => {
    const config = makeRoom().config;
    for (const feature of ROOM_FEATURES) {
      expect(feature.applyConfig?.(config, configSubmission({}), makePolicy(), 'alice@example.org') ?? config, feature.name).to.deep.equal(config);
    }
  });
});
