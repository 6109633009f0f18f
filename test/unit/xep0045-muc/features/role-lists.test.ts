// XEP-0045 §10.2 muc#roomconfig_presencebroadcast and getmemberlist: list-multi fields of roles.
import { expect } from 'chai';
import { roleLists } from '../../../../src/xep0045-muc/features/role-lists.js';
import { configSubmission, makePolicy, makeRoom } from '../../../helpers/room-fixtures.js';

const config = makeRoom().config;
const apply = (fields: Record<string, string[]>) => roleLists.applyConfig!(config, configSubmission(fields), makePolicy(), 'a@b');

describe('role lists (presencebroadcast, getmemberlist)', () => {
  it('the form shows both as list-multi with the three roles as options', () => {
    const fields = roleLists.configFields!(config, makePolicy());
    expect(fields.map((field) => [field.var, field.type, field.values])).to.deep.equal([
      ['muc#roomconfig_presencebroadcast', 'list-multi', ['moderator', 'participant', 'visitor']],
      ['muc#roomconfig_getmemberlist', 'list-multi', ['moderator', 'participant']],
    ]);
    for (const field of fields) expect(field.options!.map((option) => option.value)).to.deep.equal(['moderator', 'participant', 'visitor']);
  });

  it('applies a subset, in the canonical order whatever order it was sent in', () => {
    expect(apply({ 'muc#roomconfig_presencebroadcast': ['participant', 'moderator'] })).to.deep.include({ presenceBroadcast: ['moderator', 'participant'] });
  });

  it('an empty list (one empty value, or none) means no role', () => {
    expect(apply({ 'muc#roomconfig_getmemberlist': [''] })).to.deep.include({ getMemberList: [] });
    expect(apply({ 'muc#roomconfig_getmemberlist': [] })).to.deep.include({ getMemberList: [] });
  });

  it('a value that is not one of the options is not-acceptable (XEP-0004: no new options)', () => {
    expect(apply({ 'muc#roomconfig_presencebroadcast': ['moderator', 'none'] })).to.have.nested.property('refused.condition', 'not-acceptable');
    expect(apply({ 'muc#roomconfig_getmemberlist': ['owner'] })).to.have.nested.property('refused.condition', 'not-acceptable');
  });

  it('keeps both when absent', () => {
    expect(apply({})).to.deep.include({ presenceBroadcast: config.presenceBroadcast, getMemberList: config.getMemberList });
  });
});
