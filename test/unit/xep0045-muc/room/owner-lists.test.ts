// XEP-0045 §10.2 muc#roomconfig_roomadmins and muc#roomconfig_roomowners: the configuration form
// shows the full admin and owner lists, and an owner may edit them there (each difference is an
// affiliation change of §10.3–10.8, with its presence).
import { expect } from 'chai';
import { SubmittedForm } from '../../../../src/xmpp/data-form.js';
import { NS } from '../../../../src/xmpp/namespaces.js';
import { TestRoom, bare, iqIn, mucItem, ownerQuery } from '../../../helpers/room-fixtures.js';

const ADMINS = 'muc#roomconfig_roomadmins';
const OWNERS = 'muc#roomconfig_roomowners';

function room(): TestRoom {
  return new TestRoom({ affiliations: { alice: 'owner', dave: 'admin', erin: 'admin', bob: 'member' } }).enterAll({ alice: 'Alice', dave: 'Dave', bob: 'Bob' });
}

describe('the admin and owner lists in the configuration form (XEP-0045 §10.2)', () => {
  it('the form lists the admins and the owners as jid-multi fields, sorted', () => {
    const form = SubmittedForm.from(room().send(iqIn('alice', 'get', ownerQuery())).result!.getChild('query', NS.mucOwner)!)!;
    expect(form.all(ADMINS)).to.deep.equal([bare('dave'), bare('erin')]);
    expect(form.all(OWNERS)).to.deep.equal([bare('alice')]);
    const fields = room().send(iqIn('alice', 'get', ownerQuery())).result!.getChild('query', NS.mucOwner)!.getChild('x', NS.dataForms)!.getChildren('field');
    expect(fields.find((field) => field.attrs.var === ADMINS)?.attrs.type).to.equal('jid-multi');
  });

  it('the submitted admin list is the full list: those left out lose admin status, those added gain it', () => {
    const test = room();
    const change = test.configure('alice', { [ADMINS]: [bare('dave'), bare('bob')] });
    expect(change.error).to.equal(undefined);
    expect(test.affiliationOf('erin')).to.equal('none');
    expect(test.affiliationOf('bob')).to.equal('admin');
    expect(test.affiliationOf('dave')).to.equal('admin');
    expect(mucItem(change.presenceOf('Bob', 'alice')[0])).to.include({ affiliation: 'admin', role: 'moderator' });
  });

  it('the submitted owner list adds an owner', () => {
    const test = room();
    test.configure('alice', { [OWNERS]: [bare('alice'), bare('bob')] });
    expect(test.affiliationOf('bob')).to.equal('owner');
  });

  it('JIDs are compared bare and normalised; blank lines are ignored', () => {
    const test = room();
    test.configure('alice', { [ADMINS]: ['Dave@Example.org/desk', ' ', bare('erin')] });
    expect(test.affiliationOf('dave')).to.equal('admin');
    expect(test.affiliationOf('erin')).to.equal('admin');
  });

  it('leaving a list out of the submission changes nobody', () => {
    const test = room();
    test.configure('alice', { 'muc#roomconfig_roomname': 'x' });
    expect([test.affiliationOf('dave'), test.affiliationOf('erin'), test.affiliationOf('alice')]).to.deep.equal(['admin', 'admin', 'owner']);
  });

  it('an empty owner list is refused with conflict: a room keeps an owner', () => {
    const test = room();
    expect(test.configure('alice', { [OWNERS]: [''] }).error).to.equal('conflict');
    expect(test.affiliationOf('alice')).to.equal('owner');
  });

  it('a value that is not a JID is jid-malformed, and nothing changes', () => {
    const test = room();
    expect(test.configure('alice', { [ADMINS]: ['not a jid@@'], 'muc#roomconfig_roomname': 'x' }).error).to.equal('jid-malformed');
    expect(test.state.config.name).to.equal('');
  });

  // §10.4 (revokeowner): "A service MUST NOT allow an owner to revoke his or her own owner status if
  // there are no other owners; if an owner attempts to do this, the service MUST return a conflict
  // error". Listing the only owner among the admins would leave the room without owners.
  it('the only owner listing herself among the admins is refused with conflict (§10.4)', () => {
    const test = room();
    expect(test.configure('alice', { [ADMINS]: [bare('dave'), bare('erin'), bare('alice')] }).error).to.equal('conflict');
    expect(test.affiliationOf('alice')).to.equal('owner');
  });
});
