// XEP-0045 §10.2 muc#roomconfig_changesubject (§8.1), and §6.4 muc#roominfo_subject and
// muc#roominfo_subjectmod.
import { expect } from 'chai';
import { subjectChange } from '../../../../src/xep0045-muc/features/subject-change.js';
import { configSubmission, makePolicy, makeRoom } from '../../../helpers/room-fixtures.js';

describe('subject change (muc#roomconfig_changesubject)', () => {
  it('muc#roominfo: the current subject (empty when none) and whether occupants may change it', () => {
    const room = makeRoom({ subject: { text: 'Spells', at: new Date() }, config: { canParticipantsChangeSubject: true } });
    expect(subjectChange.roomInfo!(room).map((field) => [field.var, field.values])).to.deep.equal([
      ['muc#roominfo_subject', ['Spells']], ['muc#roominfo_subjectmod', ['1']],
    ]);
    expect(subjectChange.roomInfo!(makeRoom({ config: { canParticipantsChangeSubject: false } })).map((field) => field.values)).to.deep.equal([[''], ['0']]);
  });

  it('the form field, applying it, and a bad value', () => {
    const config = makeRoom().config;
    expect(subjectChange.configFields!({ ...config, canParticipantsChangeSubject: false }, makePolicy())[0]).to.deep.include({ var: 'muc#roomconfig_changesubject', values: ['0'] });
    expect(subjectChange.applyConfig!(config, configSubmission({ 'muc#roomconfig_changesubject': '0' }), makePolicy(), 'a@b')).to.deep.include({ canParticipantsChangeSubject: false });
    expect(subjectChange.applyConfig!(config, configSubmission({ 'muc#roomconfig_changesubject': 'maybe' }), makePolicy(), 'a@b')).to.have.nested.property('refused.condition', 'bad-request');
  });
});
