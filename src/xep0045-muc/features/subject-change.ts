// XEP-0045 §8.1 and §10.2 changesubject: whether participants, not only moderators, may change
// the subject; §6.4 muc#roominfo_subject and _subjectmod.
import { booleanField, submittedBoolean, type RoomFeature } from './feature.js';

const FIELD = 'muc#roomconfig_changesubject';

export const subjectChange: RoomFeature = {
  name: 'subject-change',
  roomInfo: (room) => [
    { var: 'muc#roominfo_subject', label: 'Current subject', values: [room.subject?.text ?? ''] },
    { var: 'muc#roominfo_subjectmod', type: 'boolean', label: 'Occupants may change the subject', values: [room.config.canParticipantsChangeSubject ? '1' : '0'] },
  ],
  configFields: (config) => [booleanField(FIELD, 'Allow occupants to change the subject', config.canParticipantsChangeSubject)],
  applyConfig: (config, form) => {
    const value = submittedBoolean(form, FIELD, config.canParticipantsChangeSubject);
    return typeof value === 'boolean' ? { ...config, canParticipantsChangeSubject: value } : value;
  },
};
