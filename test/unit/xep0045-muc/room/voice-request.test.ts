// XEP-0045 §7.13 requesting voice and §8.6 approving voice requests: a visitor's muc#request form
// goes to the moderators as an approval form; a moderator submitting it back with
// muc#request_allow grants voice as §8.3 does.
import { expect } from 'chai';
import { SubmittedForm } from '../../../../src/xmpp/data-form.js';
import { NS } from '../../../../src/xmpp/namespaces.js';
import { xml } from '../../../../src/xmpp/element.js';
import { ROOM, TestRoom, full, incoming, mucItem, statusCodes, submitForm } from '../../../helpers/room-fixtures.js';

function requestVoice(who: string) {
  return incoming(who, xml('message', { id: 'yd53c486' }, submitForm(NS.mucRequest, { 'muc#role': 'participant' })));
}

function approve(who: string, nick: string, allow = 'true', jid = full('carol')) {
  return incoming(who, xml('message', { id: 'approve' }, submitForm(NS.mucRequest, {
    'muc#role': 'participant', 'muc#jid': jid, 'muc#roomnick': nick, 'muc#request_allow': allow,
  })));
}

describe('requesting and approving voice (XEP-0045 §7.13, §8.6)', () => {
  function moderatedRoom(): TestRoom {
    return new TestRoom({ config: { isModerated: true }, affiliations: { alice: 'owner', dave: 'admin', bob: 'member' } })
      .enterAll({ alice: 'Alice', 'alice/phone': 'Alice', dave: 'Dave', bob: 'Bob', carol: 'Carol' });
  }

  it('carol, a visitor, asks for voice: every moderator session gets the approval form, nobody else', () => {
    const asked = moderatedRoom().send(requestVoice('carol'));
    expect(asked.recipients).to.have.members([full('alice'), full('alice/phone'), full('dave')]);
    const [message] = asked.messagesTo('alice');
    expect(message!.attrs.from).to.equal(ROOM);
  });

  it('the approval form names the role, carol\'s JID and nick, and a grant box that is off', () => {
    const [message] = moderatedRoom().send(requestVoice('carol')).messagesTo('dave');
    const x = message!.getChild('x', NS.dataForms)!;
    expect(x.attrs.type).to.equal('form');
    const form = SubmittedForm.from(message!)!;
    expect(form.formType).to.equal(NS.mucRequest);
    expect(form.text('muc#role')).to.equal('participant');
    expect(form.text('muc#jid')).to.equal(full('carol'));
    expect(form.text('muc#roomnick')).to.equal('Carol');
    expect(form.boolean('muc#request_allow')).to.equal(false);
    const allow = x.getChildren('field').find((field) => field.attrs.var === 'muc#request_allow');
    expect(allow?.attrs.type).to.equal('boolean');
  });

  it('a request changes nothing until a moderator approves it', () => {
    const room = moderatedRoom();
    expect(room.send(requestVoice('carol')).changes).to.deep.equal([]);
    expect(room.roleOf('Carol')).to.equal('visitor');
  });

  it('a moderator approves: carol becomes a participant and everyone sees it, with the moderator as actor', () => {
    const room = moderatedRoom();
    const approval = room.send(approve('alice', 'Carol'));
    expect(room.roleOf('Carol')).to.equal('participant');
    const [seen] = approval.presenceOf('Carol', 'bob');
    expect(mucItem(seen)).to.include({ role: 'participant' });
    expect(seen!.getChild('x', NS.mucUser)?.getChild('item')?.getChild('actor')?.attrs.nick).to.equal('Alice');
    expect(statusCodes(approval.presenceOf('Carol', 'carol')[0])).to.include(110);
    expect(room.say('carol', 'thank you').error).to.equal(undefined);
  });

  it('the approval accepts "1" as well as "true"', () => {
    const room = moderatedRoom();
    room.send(approve('dave', 'Carol', '1'));
    expect(room.roleOf('Carol')).to.equal('participant');
  });

  it('a form submitted with the grant box off changes nothing and says nothing', () => {
    const room = moderatedRoom();
    expect(room.send(approve('alice', 'Carol', 'false')).isIgnored).to.equal(true);
    expect(room.roleOf('Carol')).to.equal('visitor');
  });

  it('approving a nick nobody uses: item-not-found', () => {
    expect(moderatedRoom().send(approve('alice', 'Nobody')).error).to.equal('item-not-found');
  });

  it('approving someone who already has voice changes nothing', () => {
    const room = moderatedRoom();
    expect(room.send(approve('alice', 'Bob')).isIgnored).to.equal(true);
    expect(room.roleOf('Bob')).to.equal('participant');
  });

  it('a visitor cannot approve her own request: her submission is taken as another request', () => {
    const room = moderatedRoom();
    const attempt = room.send(approve('carol', 'Carol'));
    expect(room.roleOf('Carol')).to.equal('visitor');
    expect(attempt.recipients).to.not.include(full('carol'));
  });

  it('a participant asking for voice is told he already has it: not-acceptable', () => {
    expect(moderatedRoom().send(requestVoice('bob')).error).to.equal('not-acceptable');
  });

  it('in an unmoderated room nobody needs voice: not-acceptable', () => {
    const room = new TestRoom().enterAll({ carol: 'Carol' });
    expect(room.send(requestVoice('carol')).error).to.equal('not-acceptable');
  });

  it('when the room turns voice requests off (muc#roomconfig_allowvoicerequests): forbidden', () => {
    const room = moderatedRoom();
    room.state.config.allowVoiceRequests = false;
    expect(room.send(requestVoice('carol')).error).to.equal('forbidden');
  });

  it('someone not in the room may not ask: not-acceptable', () => {
    expect(moderatedRoom().send(requestVoice('eve')).error).to.equal('not-acceptable');
  });

  it('a form of another FORM_TYPE sent to the room is not a voice request: bad-request', () => {
    const room = moderatedRoom();
    const other = room.send(incoming('carol', xml('message', {}, submitForm('urn:example:form', { 'muc#role': 'participant' }))));
    expect(other.error).to.equal('bad-request');
  });
});
