// XEP-0045 §10 owner use cases through muc#owner: creating an instant or reserved room (§10.1),
// configuring it later (§10.2, with the notifications of §10.2.1), and destroying it (§10.9).
import { expect } from 'chai';
import { SubmittedForm } from '../../../../src/xmpp/data-form.js';
import { xml } from '../../../../src/xmpp/element.js';
import { NS } from '../../../../src/xmpp/namespaces.js';
import {
  ROOM, TestRoom, configForm, errorType, full, iqIn, mucItem, ownerQuery, statusCodes, submitForm, attr,
} from '../../../helpers/room-fixtures.js';

function newRoom(setup: ConstructorParameters<typeof TestRoom>[0] = {}): TestRoom {
  const room = new TestRoom({ isUnclaimed: true, isLocked: true, ...setup });
  room.enter('alice', 'Crone');
  return room;
}

function configFormOf(exchange: ReturnType<TestRoom['send']>) {
  const query = exchange.result?.getChild('query', NS.mucOwner);
  return query === undefined ? undefined : SubmittedForm.from(query);
}

describe('creating a room (XEP-0045 §10.1)', () => {
  it('§10.1.2 the owner accepts the instant room with an empty submit form: the room unlocks', () => {
    const room = newRoom();
    const accept = room.owner('alice', xml('x', { xmlns: NS.dataForms, type: 'submit' }));
    expect(accept.result?.attrs).to.include({ type: 'result', from: ROOM });
    expect(room.state.isLocked).to.equal(false);
    expect(accept.changes.map((change) => change.kind)).to.deep.equal(['config-set', 'unlocked']);
    expect(room.enter('bob', 'Bob').error).to.equal(undefined);
  });

  it('until then others get item-not-found, and the owner is told nothing about config changes', () => {
    const room = newRoom();
    expect(room.enter('bob', 'Bob').error).to.equal('item-not-found');
    const accept = room.owner('alice', xml('x', { xmlns: NS.dataForms, type: 'submit' }));
    expect(accept.messagesTo('alice')).to.deep.equal([]);
  });

  it('§10.1.3 the owner asks for the configuration form: a form of FORM_TYPE muc#roomconfig with the current values', () => {
    const room = newRoom();
    const asked = room.send(iqIn('alice', 'get', ownerQuery()));
    const x = asked.result!.getChild('query', NS.mucOwner)!.getChild('x', NS.dataForms)!;
    expect(x.attrs.type).to.equal('form');
    const form = configFormOf(asked)!;
    expect(form.formType).to.equal(NS.mucRoomConfig);
    expect(form.text('muc#roomconfig_persistentroom')).to.equal('1');
    expect(form.text('muc#roomconfig_moderatedroom')).to.equal('0');
    expect(form.text('muc#roomconfig_whois')).to.equal('moderators');
    expect(form.all('muc#roomconfig_presencebroadcast')).to.deep.equal(['moderator', 'participant', 'visitor']);
  });

  it('§10.1.3 the form\'s fields come in the order of the room features', () => {
    const asked = newRoom().send(iqIn('alice', 'get', ownerQuery()));
    const vars = asked.result!.getChild('query', NS.mucOwner)!.getChild('x', NS.dataForms)!.getChildren('field').map((field) => field.attrs.var as string);
    expect(vars[0]).to.equal('FORM_TYPE');
    expect(vars.indexOf('muc#roomconfig_roomname')).to.be.lessThan(vars.indexOf('muc#roomconfig_membersonly'));
    expect(vars.indexOf('muc#roomconfig_membersonly')).to.be.lessThan(vars.indexOf('muc#maxhistoryfetch'));
  });

  it('§10.1.3 the owner submits the form: the room takes the configuration and unlocks', () => {
    const room = newRoom();
    const submitted = room.configure('alice', { 'muc#roomconfig_roomname': 'A Dark Cave', 'muc#roomconfig_moderatedroom': '1', 'muc#roomconfig_maxusers': '20' });
    expect(submitted.result).to.not.equal(undefined);
    expect(room.state.config).to.include({ name: 'A Dark Cave', isModerated: true, maxUsers: 20 });
    expect(room.state.isLocked).to.equal(false);
  });

  it('§10.1.3 a password-protected room with a blank password is not-acceptable, and the room stays locked', () => {
    const room = newRoom();
    const submitted = room.configure('alice', { 'muc#roomconfig_passwordprotectedroom': '1', 'muc#roomconfig_roomsecret': '' });
    expect(submitted.error).to.equal('not-acceptable');
    expect(errorType(submitted.errorReply)).to.equal('modify');
    expect(room.state.isLocked).to.equal(true);
    expect(room.state.config.isPasswordProtected).to.equal(false);
  });

  it('§10.1.3 the owner cancels the initial configuration: the room is destroyed, and she is sent unavailable', () => {
    const room = newRoom();
    const cancelled = room.owner('alice', xml('x', { xmlns: NS.dataForms, type: 'cancel' }));
    expect(cancelled.result).to.not.equal(undefined);
    expect(room.state.isDestroyed).to.equal(true);
    const [own] = cancelled.presenceOf('Crone', 'alice');
    expect(own?.attrs.type).to.equal('unavailable');
    expect(own!.getChild('x', NS.mucUser)?.getChild('destroy')).to.not.equal(undefined);
  });

  it('a room the operator does not lock is open at once', () => {
    const room = new TestRoom({ isUnclaimed: true, isLocked: false });
    room.enter('alice', 'Crone');
    expect(room.enter('bob', 'Bob').error).to.equal(undefined);
  });
});

describe('subsequent room configuration (XEP-0045 §10.2)', () => {
  function configured(): TestRoom {
    return new TestRoom({ affiliations: { alice: 'owner', dave: 'admin', bob: 'member' } }).enterAll({ alice: 'Alice', dave: 'Dave', bob: 'Bob', carol: 'Carol' });
  }

  it('only an owner gets the form: an admin or occupant gets forbidden (auth)', () => {
    const room = configured();
    for (const who of ['dave', 'bob', 'eve']) {
      const asked = room.send(iqIn(who, 'get', ownerQuery()));
      expect(asked.error, who).to.equal('forbidden');
      expect(errorType(asked.errorReply), who).to.equal('auth');
    }
  });

  it('only an owner may submit it', () => {
    const room = configured();
    expect(room.configure('dave', { 'muc#roomconfig_roomname': 'Mine' }).error).to.equal('forbidden');
    expect(room.state.config.name).to.equal('');
  });

  it('a group chat system administrator may configure any room', () => {
    const room = new TestRoom({ policy: { serviceAdmins: ['root'] } });
    expect(room.configure('root', { 'muc#roomconfig_roomname': 'Rooted' }).error).to.equal(undefined);
    expect(room.state.config.name).to.equal('Rooted');
  });

  it('the form shows the current configuration as its defaults', () => {
    const room = configured();
    room.configure('alice', { 'muc#roomconfig_roomname': 'Coven', 'muc#roomconfig_allowpm': 'moderators' });
    const form = configFormOf(room.send(iqIn('alice', 'get', ownerQuery())))!;
    expect(form.text('muc#roomconfig_roomname')).to.equal('Coven');
    expect(form.text('muc#roomconfig_allowpm')).to.equal('moderators');
  });

  it('fields left out of a submission keep their values', () => {
    const room = configured();
    room.configure('alice', { 'muc#roomconfig_roomname': 'Coven', 'muc#roomconfig_moderatedroom': '1' });
    room.configure('alice', { 'muc#roomconfig_roomdesc': 'for witches' });
    expect(room.state.config).to.include({ name: 'Coven', description: 'for witches', isModerated: true });
  });

  it('a submission without FORM_TYPE is accepted (an empty instant-room form has none)', () => {
    const room = configured();
    expect(room.owner('alice', submitForm(undefined, { 'muc#roomconfig_roomname': 'No type' })).error).to.equal(undefined);
    expect(room.state.config.name).to.equal('No type');
  });

  it('a form of the wrong FORM_TYPE is a bad-request', () => {
    expect(configured().owner('alice', submitForm('urn:example:other', {})).error).to.equal('bad-request');
  });

  it('a form of type form or result is a bad-request: a submission must be type submit', () => {
    const room = configured();
    expect(room.owner('alice', submitForm(NS.mucRoomConfig, {}, 'form')).error).to.equal('bad-request');
    expect(room.owner('alice', submitForm(NS.mucRoomConfig, {}, 'result')).error).to.equal('bad-request');
  });

  it('an owner set with neither a form nor <destroy/> is a bad-request', () => {
    expect(configured().owner('alice').error).to.equal('bad-request');
  });

  it('cancelling a later configuration leaves the room as it was', () => {
    const room = configured();
    const before = structuredClone(room.state.config);
    const cancelled = room.owner('alice', xml('x', { xmlns: NS.dataForms, type: 'cancel' }));
    expect(cancelled.result).to.not.equal(undefined);
    expect(cancelled.changes).to.deep.equal([]);
    expect(room.state.config).to.deep.equal(before);
    expect(room.state.isDestroyed).to.equal(false);
  });

  it('one bad field refuses the whole submission: nothing changes', () => {
    const room = configured();
    const submitted = room.configure('alice', { 'muc#roomconfig_roomname': 'Half', 'muc#roomconfig_moderatedroom': 'maybe' });
    expect(submitted.error).to.equal('bad-request');
    expect(room.state.config.name).to.equal('');
  });

  it('the change names a storage-failure error for the owner', () => {
    expect(configured().configure('alice', {}).outcome.onStorageFailure?.condition).to.equal('resource-constraint');
  });

  it('making the room members-only removes those who are not members, with 322 to them and to everyone else', () => {
    const room = configured();
    const change = room.configure('alice', { 'muc#roomconfig_membersonly': '1' });
    expect(room.nicks).to.have.members(['Alice', 'Dave', 'Bob']);
    const [toCarol] = change.presenceOf('Carol', 'carol');
    expect(toCarol?.attrs.type).to.equal('unavailable');
    expect(statusCodes(toCarol)).to.include.members([110, 322]);
    for (const who of ['alice', 'dave', 'bob']) {
      const [seen] = change.presenceOf('Carol', who);
      expect(statusCodes(seen), who).to.deep.equal([322]);
      expect(mucItem(seen), who).to.include({ role: 'none' });
    }
  });

  it('a room that was already members-only removes nobody when reconfigured', () => {
    const room = new TestRoom({ config: { isMembersOnly: true }, affiliations: { alice: 'owner', bob: 'member' } }).enterAll({ alice: 'Alice', bob: 'Bob' });
    const change = room.configure('alice', { 'muc#roomconfig_membersonly': '1', 'muc#roomconfig_roomname': 'same' });
    expect(change.presencesTo('bob')).to.deep.equal([]);
  });

  describe('§10.2.1 notification of configuration changes', () => {
    function notice(exchange: ReturnType<TestRoom['configure']>, who: string) {
      return exchange.messagesTo(who).find((message) => message.getChild('x', NS.mucUser) !== undefined);
    }

    it('everyone gets a groupchat message from the room with status 104 for a change', () => {
      const change = configured().configure('alice', { 'muc#roomconfig_roomname': 'Renamed' });
      for (const who of ['alice', 'dave', 'bob', 'carol']) {
        const message = notice(change, who);
        expect(message?.attrs, who).to.include({ type: 'groupchat', from: ROOM });
        expect(statusCodes(message), who).to.deep.equal([104]);
        expect(message!.getChild('body'), who).to.equal(undefined);
      }
    });

    const privacy: [string, Record<string, string>, Partial<Record<string, unknown>>, number][] = [
      ['logging turned on', { 'muc#roomconfig_enablelogging': '1' }, { isLogging: false }, 170],
      ['logging turned off', { 'muc#roomconfig_enablelogging': '0' }, { isLogging: true }, 171],
      ['the room made non-anonymous', { 'muc#roomconfig_whois': 'anyone' }, { whois: 'moderators' }, 172],
      ['the room made semi-anonymous', { 'muc#roomconfig_whois': 'moderators' }, { whois: 'anyone' }, 173],
    ];
    for (const [what, fields, before, code] of privacy) {
      it(`${what}: status ${code}`, () => {
        const room = new TestRoom({ config: before, affiliations: { alice: 'owner' } }).enterAll({ alice: 'Alice', bob: 'Bob' });
        expect(statusCodes(notice(room.configure('alice', fields), 'bob'))).to.include(code);
      });
    }

    // §10.2.1 (roomconfig-notify): the codes for privacy changes are 170–173; "For any other
    // configuration change, the room SHOULD send status code 104" (104: "a non-privacy-related
    // room configuration change has occurred", §16.6), so a privacy change alone has no 104.
    it('turning logging on and changing nothing else: 170 without 104 (§10.2.1)', () => {
      const room = new TestRoom({ config: { isLogging: false }, affiliations: { alice: 'owner' } }).enterAll({ alice: 'Alice', bob: 'Bob' });
      expect(statusCodes(notice(room.configure('alice', { 'muc#roomconfig_enablelogging': '1' }), 'bob'))).to.deep.equal([170]);
    });

    it('when the operator archives every room, the logging setting changes nothing to announce', () => {
      const room = new TestRoom({ policy: { isArchivingForced: true }, affiliations: { alice: 'owner' } }).enterAll({ alice: 'Alice', bob: 'Bob' });
      expect(statusCodes(notice(room.configure('alice', { 'muc#roomconfig_enablelogging': '0' }), 'bob'))).to.not.include(171);
    });

    it('configuring a locked room tells nobody (it has no occupants but the owner)', () => {
      const room = newRoom();
      expect(room.configure('alice', { 'muc#roomconfig_roomname': 'x' }).messagesTo('alice')).to.deep.equal([]);
    });
  });
});

describe('destroying a room (XEP-0045 §10.9)', () => {
  function fullRoom(): TestRoom {
    return new TestRoom({ affiliations: { alice: 'owner' } }).enterAll({ alice: 'Crone', bob: 'Bob', 'bob/phone': 'Bob', carol: 'Carol' });
  }

  it('each session gets one unavailable presence carrying <destroy/> with the alternate venue and reason', () => {
    const room = fullRoom();
    const destroy = room.owner('alice', xml('destroy', { jid: 'coven@conference.example.org' }, xml('reason', {}, 'Macbeth doth come.')));
    for (const who of ['alice', 'bob', 'bob/phone', 'carol']) {
      const presences = destroy.presencesTo(who);
      expect(presences, who).to.have.length(1);
      expect(presences[0]!.attrs.type, who).to.equal('unavailable');
      expect(mucItem(presences[0]), who).to.include({ affiliation: 'none', role: 'none' });
      const element = presences[0]!.getChild('x', NS.mucUser)!.getChild('destroy')!;
      expect(element.attrs.jid, who).to.equal('coven@conference.example.org');
      expect(element.getChildText('reason'), who).to.equal('Macbeth doth come.');
    }
  });

  it('the presence each occupant gets is about itself only (no broadcast of every exit)', () => {
    const destroy = fullRoom().owner('alice', xml('destroy'));
    expect(destroy.presencesTo('carol').map((stanza) => attr(stanza, 'from'))).to.deep.equal([`${ROOM}/Carol`]);
  });

  it('a <destroy/> with neither venue nor reason is still sent', () => {
    const destroy = fullRoom().owner('alice', xml('destroy'));
    expect(destroy.presencesTo('carol')[0]!.getChild('x', NS.mucUser)!.getChild('destroy')).to.not.equal(undefined);
  });

  it('the alternate venue\'s password is passed on', () => {
    const destroy = fullRoom().owner('alice', xml('destroy', { jid: 'coven@conference.example.org' }, xml('password', {}, 'cauldronburn')));
    expect(destroy.presencesTo('bob')[0]!.getChild('x', NS.mucUser)!.getChild('destroy')!.getChildText('password')).to.equal('cauldronburn');
  });

  it('the owner is told of success and the room is gone', () => {
    const room = fullRoom();
    const destroy = room.owner('alice', xml('destroy'));
    expect(destroy.result).to.not.equal(undefined);
    expect(destroy.changes).to.deep.equal([{ kind: 'destroyed' }]);
    expect(room.state.isDestroyed).to.equal(true);
    expect(room.nicks).to.deep.equal([]);
    expect(destroy.outcome.onStorageFailure?.condition).to.equal('resource-constraint');
  });

  it('an alternate venue that is not a JID is jid-malformed, and the room stays', () => {
    const room = fullRoom();
    expect(room.owner('alice', xml('destroy', { jid: 'not a jid@@' })).error).to.equal('jid-malformed');
    expect(room.state.isDestroyed).to.equal(false);
  });

  it('someone who is not an owner may not destroy the room: forbidden (auth)', () => {
    const room = fullRoom();
    const destroy = room.owner('bob', xml('destroy'));
    expect(destroy.error).to.equal('forbidden');
    expect(destroy.recipients).to.deep.equal([full('bob')]);
    expect(room.state.isDestroyed).to.equal(false);
  });

  it('an owner not in the room may destroy it', () => {
    const room = new TestRoom({ affiliations: { alice: 'owner' } }).enterAll({ bob: 'Bob' });
    expect(room.owner('alice', xml('destroy')).error).to.equal(undefined);
    expect(room.state.isDestroyed).to.equal(true);
  });

  it('a set holding both a form and <destroy/> destroys the room', () => {
    const room = fullRoom();
    const both = room.owner('alice', configForm({ 'muc#roomconfig_roomname': 'x' }), xml('destroy'));
    expect(room.state.isDestroyed).to.equal(true);
    expect(both.changes).to.deep.equal([{ kind: 'destroyed' }]);
  });
});
