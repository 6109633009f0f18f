// XEP-0045 §7.10 registering with a room (jabber:iq:register with the muc#register form): the
// user becomes a member with a reserved nick; and §7.12 discovering that nick.
import { expect } from 'chai';
import { SubmittedForm } from '../../../../src/xmpp/data-form.js';
import { xml } from '../../../../src/xmpp/element.js';
import { NS } from '../../../../src/xmpp/namespaces.js';
import { TestRoom, bare, errorType, iqIn, mucItem, submitForm, attr } from '../../../helpers/room-fixtures.js';

const registerQuery = (...children: ReturnType<typeof xml>[]) => xml('query', { xmlns: NS.register }, ...children);
const askForm = (who: string) => iqIn(who, 'get', registerQuery());
const register = (who: string, nick: string) => iqIn(who, 'set', registerQuery(submitForm(NS.mucRegister, { 'muc#register_roomnick': nick })));

describe('registering with a room (XEP-0045 §7.10)', () => {
  it('a user asks for the requirements: a muc#register form with a nick field, and instructions', () => {
    const room = new TestRoom();
    const asked = room.send(askForm('hag66'));
    const query = asked.result!.getChild('query', NS.register)!;
    expect(query.getChildText('instructions')).to.be.a('string');
    const x = query.getChild('x', NS.dataForms)!;
    expect(x.attrs.type).to.equal('form');
    expect(SubmittedForm.from(query)?.formType).to.equal(NS.mucRegister);
    expect(x.getChildren('field').map((field) => attr(field, 'var'))).to.include('muc#register_roomnick');
  });

  it('a registered user is told so: <registered/> and his nick as <username/>', () => {
    const room = new TestRoom({ affiliations: { hag66: { affiliation: 'member', nick: 'thirdwitch' } } });
    const query = room.send(askForm('hag66')).result!.getChild('query', NS.register)!;
    expect(query.getChild('registered')).to.not.equal(undefined);
    expect(query.getChildText('username')).to.equal('thirdwitch');
  });

  // §7.10 (register): "If the user is already registered, as described in XEP-0077 the room MUST
  // reply with an IQ stanza of type "result", which MUST contain an empty <registered/> element";
  // and §9.5: the member list of an open room "is simply a list of users (bare JID and reserved
  // nick) who are registered with the room", so a member an admin added without a nick is registered.
  it('a member added by an admin, without a reserved nick, is told he is registered (§7.10)', () => {
    const room = new TestRoom({ affiliations: { hag66: 'member' } });
    const query = room.send(askForm('hag66')).result!.getChild('query', NS.register)!;
    expect(query.getChild('registered')).to.not.equal(undefined);
  });

  it('when the room does not let users register, asking is not-allowed (cancel)', () => {
    const room = new TestRoom({ canSelfRegister: false });
    const asked = room.send(askForm('hag66'));
    expect(asked.error).to.equal('not-allowed');
    expect(errorType(asked.errorReply)).to.equal('cancel');
    expect(room.send(register('hag66', 'thirdwitch')).error).to.equal('not-allowed');
  });

  it('an outcast may neither ask nor register', () => {
    const room = new TestRoom({ affiliations: { hag66: 'outcast' } });
    expect(room.send(askForm('hag66')).error).to.equal('not-allowed');
    expect(room.send(register('hag66', 'thirdwitch')).error).to.equal('not-allowed');
    expect(room.affiliationOf('hag66')).to.equal('outcast');
  });

  it('submitting the form makes the user a member with the nick reserved; the room answers with an empty result', () => {
    const room = new TestRoom();
    const done = room.send(register('hag66', 'thirdwitch'));
    expect(done.result).to.not.equal(undefined);
    expect(done.result!.children).to.deep.equal([]);
    expect(room.state.affiliations.get(bare('hag66'))).to.deep.equal({ affiliation: 'member', nick: 'thirdwitch' });
    expect(done.outcome.onStorageFailure?.condition).to.equal('resource-constraint');
  });

  it('afterwards nobody else may enter under that nick (§7.12), and he may', () => {
    const room = new TestRoom();
    room.send(register('hag66', 'thirdwitch'));
    expect(room.enter('bob', 'thirdwitch').error).to.equal('conflict');
    expect(room.enter('hag66', 'thirdwitch').error).to.equal(undefined);
  });

  it('he may still enter under another nick (§7.12: the service SHOULD allow it)', () => {
    const room = new TestRoom();
    room.send(register('hag66', 'thirdwitch'));
    expect(room.enter('hag66', 'someone-else').error).to.equal(undefined);
  });

  it('a nick reserved by someone else is a conflict (cancel)', () => {
    const room = new TestRoom({ affiliations: { alice: { affiliation: 'member', nick: 'thirdwitch' } } });
    const done = room.send(register('hag66', 'thirdwitch'));
    expect(done.error).to.equal('conflict');
    expect(room.affiliationOf('hag66')).to.equal('none');
  });

  it('a nick in use in the room by someone else is a conflict', () => {
    const room = new TestRoom().enterAll({ alice: 'thirdwitch' });
    expect(room.send(register('hag66', 'thirdwitch')).error).to.equal('conflict');
  });

  it('a registered member may change his reserved nick', () => {
    const room = new TestRoom({ affiliations: { hag66: { affiliation: 'member', nick: 'thirdwitch' } } });
    room.send(register('hag66', 'oldhag'));
    expect(room.state.affiliations.get(bare('hag66'))?.nick).to.equal('oldhag');
  });

  it('an admin who registers keeps his affiliation', () => {
    const room = new TestRoom({ affiliations: { dave: 'admin' } });
    room.send(register('dave', 'Dave'));
    expect(room.state.affiliations.get(bare('dave'))).to.deep.equal({ affiliation: 'admin', nick: 'Dave' });
  });

  it('a member may register even when the room does not let newcomers', () => {
    const room = new TestRoom({ canSelfRegister: false, affiliations: { bob: 'member' } });
    expect(room.send(register('bob', 'Bob')).error).to.equal(undefined);
  });

  it('a cancelled form changes nothing', () => {
    const room = new TestRoom();
    const cancelled = room.send(iqIn('hag66', 'set', registerQuery(xml('x', { xmlns: NS.dataForms, type: 'cancel' }))));
    expect(cancelled.result).to.not.equal(undefined);
    expect(cancelled.changes).to.deep.equal([]);
  });

  it('XEP-0077 <remove/>: a member leaves the member list and frees his nick', () => {
    const room = new TestRoom({ affiliations: { hag66: { affiliation: 'member', nick: 'thirdwitch' } } });
    const removed = room.send(iqIn('hag66', 'set', registerQuery(xml('remove'))));
    expect(removed.result).to.not.equal(undefined);
    expect(room.state.affiliations.has(bare('hag66'))).to.equal(false);
    expect(room.enter('bob', 'thirdwitch').error).to.equal(undefined);
  });

  it('XEP-0077 <remove/>: an owner, admin or outcast keeps the affiliation and loses only the nick', () => {
    const room = new TestRoom({ affiliations: { alice: { affiliation: 'owner', nick: 'Crone' }, eve: { affiliation: 'outcast', reason: 'spam' } } });
    room.send(iqIn('alice', 'set', registerQuery(xml('remove'))));
    room.send(iqIn('eve', 'set', registerQuery(xml('remove'))));
    expect(room.state.affiliations.get(bare('alice'))).to.deep.equal({ affiliation: 'owner' });
    expect(room.state.affiliations.get(bare('eve'))).to.deep.equal({ affiliation: 'outcast', reason: 'spam' });
  });

  it('XEP-0077 <remove/> from someone not registered is item-not-found', () => {
    expect(new TestRoom().send(iqIn('hag66', 'set', registerQuery(xml('remove')))).error).to.equal('item-not-found');
  });

  it('an empty nick is refused', () => {
    const room = new TestRoom();
    expect(room.send(register('hag66', '')).error).to.not.equal(undefined);
    expect(room.affiliationOf('hag66')).to.equal('none');
  });

  // §7.10 (register): "If the user did not include a valid data form, the room MUST return a
  // bad-request error to the user": a submission without a form, or without the nick field.
  it('a submission without a data form is a bad-request (§7.10)', () => {
    const room = new TestRoom();
    expect(room.send(iqIn('hag66', 'set', registerQuery())).error).to.equal('bad-request');
    expect(room.send(iqIn('hag66', 'set', registerQuery(submitForm(NS.mucRegister, {})))).error).to.equal('bad-request');
  });

  // §7.10 (register): "If the service changes the user's affiliation and the user is in the room, it
  // MUST send updated presence from this individual to all occupants, indicating the change in
  // affiliation ... 'affiliation' attribute set to a value of "member"."
  it('an occupant who registers is shown to everyone as a member (§7.10)', () => {
    const room = new TestRoom().enterAll({ alice: 'Alice', hag66: 'thirdwitch' });
    const done = room.send(register('hag66', 'thirdwitch'));
    expect(mucItem(done.presenceOf('thirdwitch', 'alice')[0])).to.include({ affiliation: 'member' });
  });
});

describe('discovering the reserved room nickname (XEP-0045 §7.12)', () => {
  const askNick = (who: string) => iqIn(who, 'get', xml('query', { xmlns: NS.discoInfo, node: 'x-roomuser-item' }));

  it('a registered user gets his nick as a conference/text identity', () => {
    const room = new TestRoom({ affiliations: { hag66: { affiliation: 'member', nick: 'thirdwitch' } } });
    const query = room.send(askNick('hag66')).result!.getChild('query', NS.discoInfo)!;
    expect(query.attrs.node).to.equal('x-roomuser-item');
    expect(query.getChild('identity')?.attrs).to.include({ category: 'conference', type: 'text', name: 'thirdwitch' });
  });

  it('a user without one gets an empty query', () => {
    const query = new TestRoom().send(askNick('hag66')).result!.getChild('query', NS.discoInfo)!;
    expect(query.children).to.deep.equal([]);
  });

  it('asking after having entered is answered the same way, never with an error', () => {
    const room = new TestRoom({ affiliations: { hag66: { affiliation: 'member', nick: 'thirdwitch' } } }).enterAll({ hag66: 'thirdwitch' });
    const asked = room.send(askNick('hag66'));
    expect(asked.error).to.equal(undefined);
    expect(asked.result!.getChild('query', NS.discoInfo)!.getChild('identity')?.attrs.name).to.equal('thirdwitch');
  });
});
