// XEP-0045 §10.2 roomname, roomdesc, lang, and §6.4 muc#roominfo description and lang.
import type { RoomFeature } from './feature.js';

const NAME = 'muc#roomconfig_roomname';
const DESCRIPTION = 'muc#roomconfig_roomdesc';
const LANGUAGE = 'muc#roomconfig_lang';
const MAX_TEXT = 1024;

export const roomIdentity: RoomFeature = {
  name: 'room-identity',
  roomInfo: (room) => [
    { var: 'muc#roominfo_description', label: 'Description', values: [room.config.description] },
    { var: 'muc#roominfo_lang', label: 'Language', values: room.config.language === '' ? [] : [room.config.language] },
  ],
  configFields: (config) => [
    { var: NAME, type: 'text-single', label: 'Room name', values: [config.name] },
    { var: DESCRIPTION, type: 'text-single', label: 'Description', values: [config.description] },
    { var: LANGUAGE, type: 'text-single', label: 'Natural language', values: config.language === '' ? [] : [config.language] },
  ],
  applyConfig: (config, form) => {
    const name = form.text(NAME) ?? config.name;
    const description = form.text(DESCRIPTION) ?? config.description;
    const language = form.text(LANGUAGE) ?? config.language;
    if (name.length > MAX_TEXT || description.length > MAX_TEXT || language.length > 35) {
      return { refused: { condition: 'not-acceptable', text: `room name and description are limited to ${MAX_TEXT} characters` } };
    }
    return { ...config, name, description, language };
  },
};
