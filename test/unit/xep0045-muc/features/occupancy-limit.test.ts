// XEP-0045 §7.2.9 and §10.2 muc#roomconfig_maxusers: a full room refuses newcomers with
// service-unavailable, but not admins and owners; the operator's maximum caps every room.
import { expect } from 'chai';
import { occupancyLimit, occupantLimit } from '../../../../src/xep0045-muc/features/occupancy-limit.js';
import { TestRoom, configSubmission, joinAttempt, makeContext, makePolicy, makeRoom } from '../../../helpers/room-fixtures.js';

const config = makeRoom().config;

describe('occupancy limit (muc#roomconfig_maxusers)', () => {
  it('the limit is the room\'s, capped by the operator\'s; 0 means the operator\'s', () => {
    expect(occupantLimit({ ...config, maxUsers: 20 }, makePolicy({ maxOccupantsLimit: 100 }))).to.equal(20);
    expect(occupantLimit({ ...config, maxUsers: 200 }, makePolicy({ maxOccupantsLimit: 100 }))).to.equal(100);
    expect(occupantLimit({ ...config, maxUsers: 0 }, makePolicy({ maxOccupantsLimit: 100 }))).to.equal(100);
  });

  it('muc#roominfo_occupants counts occupants, not sessions', () => {
    const room = new TestRoom().enterAll({ alice: 'Alice', 'bob/desk': 'Bob', 'bob/phone': 'Bob' }).state;
    expect(occupancyLimit.roomInfo!(room)).to.deep.equal([{ var: 'muc#roominfo_occupants', values: ['2'] }]);
  });

  it('the form offers the service maximum (0), the usual sizes up to it, and the current one', () => {
    const [field] = occupancyLimit.configFields!({ ...config, maxUsers: 42 }, makePolicy({ maxOccupantsLimit: 100 }));
    expect(field).to.deep.include({ var: 'muc#roomconfig_maxusers', type: 'list-single', values: ['42'] });
    expect(field!.options!.map((option) => option.value)).to.deep.equal(['0', '5', '10', '20', '30', '42', '50', '100']);
  });

  it('options are unique even when the current size is one of the usual ones (XEP-0004 §3.3)', () => {
    const [field] = occupancyLimit.configFields!({ ...config, maxUsers: 20 }, makePolicy({ maxOccupantsLimit: 30 }));
    expect(field!.options!.map((option) => option.value)).to.deep.equal(['0', '5', '10', '20', '30']);
  });

  it('applies a whole number up to the operator\'s maximum', () => {
    const apply = (value: string) => occupancyLimit.applyConfig!(config, configSubmission({ 'muc#roomconfig_maxusers': value }), makePolicy({ maxOccupantsLimit: 100 }), 'a@b');
    expect(apply('50')).to.deep.include({ maxUsers: 50 });
    expect(apply('0')).to.deep.include({ maxUsers: 0 });
    expect(apply('101')).to.have.nested.property('refused.condition', 'not-acceptable');
    expect(apply('none')).to.have.nested.property('refused.condition', 'not-acceptable');
    expect(apply('-3')).to.have.nested.property('refused.condition', 'not-acceptable');
  });

  it('a full room refuses with service-unavailable; admins and owners still enter', () => {
    const room = makeRoom({ config: { maxUsers: 2 } });
    const full = { occupantCount: 2, ctx: makeContext() };
    expect(occupancyLimit.checkJoin!(joinAttempt(room, { ...full, affiliation: 'member' }))?.condition).to.equal('service-unavailable');
    expect(occupancyLimit.checkJoin!(joinAttempt(room, { ...full, affiliation: 'admin' }))).to.equal(undefined);
    expect(occupancyLimit.checkJoin!(joinAttempt(room, { ...full, affiliation: 'owner' }))).to.equal(undefined);
    expect(occupancyLimit.checkJoin!(joinAttempt(room, { occupantCount: 1 }))).to.equal(undefined);
  });
});
