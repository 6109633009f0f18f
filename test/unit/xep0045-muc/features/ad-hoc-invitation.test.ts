// The operator's "a client must be invited to ad hoc rooms": only the invited, members and owners
// enter a room that is not persistent (registration-required, as for members-only, §7.2.6).
import { expect } from 'chai';
import { adHocInvitation } from '../../../../src/xep0045-muc/features/ad-hoc-invitation.js';
import { TestRoom, joinAttempt, makeContext, makeRoom } from '../../../helpers/room-fixtures.js';
import { xml } from '../../../../src/xmpp/element.js';
import { NS } from '../../../../src/xmpp/namespaces.js';
import { incoming } from '../../../helpers/room-fixtures.js';

const required = makeContext({ policy: { isAdHocInvitationRequired: true } });

describe('ad hoc rooms that require an invitation', () => {
  it('an uninvited user is refused with registration-required', () => {
    const room = makeRoom({ config: { isPersistent: false } });
    expect(adHocInvitation.checkJoin!(joinAttempt(room, { ctx: required }))?.condition).to.equal('registration-required');
  });

  it('an invited user, a member or an owner enters', () => {
    const room = makeRoom({ config: { isPersistent: false }, invited: ['bob'] });
    expect(adHocInvitation.checkJoin!(joinAttempt(room, { ctx: required }))).to.equal(undefined);
    expect(adHocInvitation.checkJoin!(joinAttempt(room, { ctx: required, bareJid: 'carol@example.org', affiliation: 'member' }))).to.equal(undefined);
    expect(adHocInvitation.checkJoin!(joinAttempt(room, { ctx: required, bareJid: 'carol@example.org', affiliation: 'owner' }))).to.equal(undefined);
  });

  it('a persistent room, a locked room (its creator entering) or a service without the rule does not ask', () => {
    expect(adHocInvitation.checkJoin!(joinAttempt(makeRoom({ config: { isPersistent: true } }), { ctx: required }))).to.equal(undefined);
    expect(adHocInvitation.checkJoin!(joinAttempt(makeRoom({ config: { isPersistent: false }, isLocked: true }), { ctx: required }))).to.equal(undefined);
    expect(adHocInvitation.checkJoin!(joinAttempt(makeRoom({ config: { isPersistent: false } })))).to.equal(undefined);
  });

  it('end to end: bob is refused, alice invites him, then he enters', () => {
    const room = new TestRoom({ config: { isPersistent: false }, affiliations: { alice: 'owner' }, policy: { isAdHocInvitationRequired: true } }).enterAll({ alice: 'Alice' });
    expect(room.enter('bob', 'Bob').error).to.equal('registration-required');
    room.send(incoming('alice', xml('message', {}, xml('x', { xmlns: NS.mucUser }, xml('invite', { to: 'bob@example.org' })))));
    expect(room.enter('bob', 'Bob').error).to.equal(undefined);
  });
});
