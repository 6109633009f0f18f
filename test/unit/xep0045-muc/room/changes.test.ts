// applyChanges: the only code that mutates a RoomState, one change kind at a time.
import { expect } from 'chai';
import { applyChanges } from '../../../../src/xep0045-muc/room/changes.js';
import type { RoomChange, RoomState } from '../../../../src/xep0045-muc/room/types.js';
import { xml } from '../../../../src/xmpp/element.js';
import { NOW, full, historyEntry, makeRoom, stateInconsistencies } from '../../../helpers/room-fixtures.js';

function joined(room: RoomState, who: string, nick: string): void {
  applyChanges(room, [{ kind: 'session-joined', nick, realJid: full(who), bareJid: full(who).split('/')[0]!, role: 'participant', presence: xml('presence'), occupantId: `occ-${nick}` }], 10);
}

describe('applyChanges', () => {
  it('session-joined adds an occupant with its session, indexes it, and claims the room', () => {
    const room = makeRoom({ isUnclaimed: true });
    joined(room, 'bob', 'Bob');
    expect(room.occupants.get('Bob')).to.deep.include({ nick: 'Bob', bareJid: 'bob@example.org', role: 'participant', occupantId: 'occ-Bob' });
    expect([...room.occupants.get('Bob')!.sessions.keys()]).to.deep.equal([full('bob')]);
    expect(room.nickOf.get(full('bob'))).to.equal('Bob');
    expect(room.isUnclaimed).to.equal(false);
  });

  it('a second session joins the same occupant, keeping its role and occupant id', () => {
    const room = makeRoom();
    joined(room, 'bob', 'Bob');
    applyChanges(room, [{ kind: 'session-joined', nick: 'Bob', realJid: full('bob/phone'), bareJid: 'bob@example.org', role: 'visitor', presence: xml('presence'), occupantId: 'other' }], 10);
    const bob = room.occupants.get('Bob')!;
    expect(bob.sessions.size).to.equal(2);
    expect(bob.role).to.equal('participant');
    expect(bob.occupantId).to.equal('occ-Bob');
  });

  it('session-left removes the session, and the occupant with its last one', () => {
    const room = makeRoom();
    joined(room, 'bob', 'Bob');
    joined(room, 'bob/phone', 'Bob');
    applyChanges(room, [{ kind: 'session-left', realJid: full('bob') }], 10);
    expect([...room.occupants.get('Bob')!.sessions.keys()]).to.deep.equal([full('bob/phone')]);
    applyChanges(room, [{ kind: 'session-left', realJid: full('bob/phone') }], 10);
    expect(room.occupants.size).to.equal(0);
    expect(room.nickOf.size).to.equal(0);
  });

  it('session-left for an unknown session does nothing', () => {
    const room = makeRoom();
    joined(room, 'bob', 'Bob');
    applyChanges(room, [{ kind: 'session-left', realJid: full('carol') }], 10);
    expect(room.occupants.size).to.equal(1);
  });

  it('presence-updated stores the presence and makes that session the one that spoke last', () => {
    const room = makeRoom();
    joined(room, 'bob', 'Bob');
    joined(room, 'bob/phone', 'Bob');
    applyChanges(room, [{ kind: 'presence-updated', realJid: full('bob'), presence: xml('presence', {}, xml('show', {}, 'xa')) }], 10);
    const sessions = [...room.occupants.get('Bob')!.sessions];
    expect(sessions.map(([jid]) => jid)).to.deep.equal([full('bob/phone'), full('bob')]);
    expect(sessions[1]![1].getChildText('show')).to.equal('xa');
  });

  it('presence-updated for an unknown session does nothing', () => {
    const room = makeRoom();
    applyChanges(room, [{ kind: 'presence-updated', realJid: full('bob'), presence: xml('presence') }], 10);
    expect(room.occupants.size).to.equal(0);
  });

  it('nick-changed moves the session to the new nick, keeping role and occupant id', () => {
    const room = makeRoom();
    joined(room, 'bob', 'Bob');
    room.occupants.get('Bob')!.role = 'moderator';
    applyChanges(room, [{ kind: 'nick-changed', realJid: full('bob'), nick: 'Robert' }], 10);
    expect(room.occupants.has('Bob')).to.equal(false);
    expect(room.occupants.get('Robert')).to.deep.include({ nick: 'Robert', role: 'moderator', occupantId: 'occ-Bob' });
    expect(room.nickOf.get(full('bob'))).to.equal('Robert');
    expect(stateInconsistencies(room)).to.deep.equal([]);
  });

  it('nick-changed of an unknown session does nothing', () => {
    const room = makeRoom();
    applyChanges(room, [{ kind: 'nick-changed', realJid: full('bob'), nick: 'Robert' }], 10);
    expect(room.occupants.size).to.equal(0);
  });

  it('role-set changes the role of an occupant, and ignores an unknown nick', () => {
    const room = makeRoom();
    joined(room, 'bob', 'Bob');
    applyChanges(room, [{ kind: 'role-set', nick: 'Bob', role: 'visitor' }, { kind: 'role-set', nick: 'Ghost', role: 'moderator' }], 10);
    expect(room.occupants.get('Bob')!.role).to.equal('visitor');
    expect(room.occupants.has('Ghost')).to.equal(false);
  });

  it('affiliation-set stores an entry, and an undefined entry removes it', () => {
    const room = makeRoom();
    applyChanges(room, [{ kind: 'affiliation-set', bareJid: 'bob@example.org', entry: { affiliation: 'member', nick: 'Bob' } }], 10);
    expect(room.affiliations.get('bob@example.org')).to.deep.equal({ affiliation: 'member', nick: 'Bob' });
    applyChanges(room, [{ kind: 'affiliation-set', bareJid: 'bob@example.org', entry: undefined }], 10);
    expect(room.affiliations.has('bob@example.org')).to.equal(false);
  });

  it('config-set, subject-set, unlocked and invited', () => {
    const room = makeRoom({ isLocked: true });
    const config = { ...room.config, name: 'New' };
    applyChanges(room, [
      { kind: 'config-set', config }, { kind: 'subject-set', subject: { text: 'Hi', by: 'Bob', at: NOW } },
      { kind: 'unlocked' }, { kind: 'invited', bareJid: 'hecate@example.org' },
    ], 10);
    expect(room.config).to.equal(config);
    expect(room.subject).to.deep.equal({ text: 'Hi', by: 'Bob', at: NOW });
    expect(room.isLocked).to.equal(false);
    expect([...room.invited]).to.deep.equal(['hecate@example.org']);
  });

  it('destroyed marks the room and empties it', () => {
    const room = makeRoom();
    joined(room, 'bob', 'Bob');
    applyChanges(room, [{ kind: 'destroyed' }], 10);
    expect(room.isDestroyed).to.equal(true);
    expect(room.occupants.size).to.equal(0);
    expect(room.nickOf.size).to.equal(0);
  });

  it('history-appended keeps the newest entries up to the limit and advances the last archive id', () => {
    const room = makeRoom();
    const changes: RoomChange[] = [1, 2, 3, 4].map((id) => ({ kind: 'history-appended', entry: historyEntry(id, 'Bob', `m${id}`, NOW) }));
    applyChanges(room, changes, 3);
    expect(room.history.map((entry) => entry.id)).to.deep.equal([2, 3, 4]);
    expect(room.lastArchiveId).to.equal(4);
  });

  it('history-appended never moves the last archive id backwards', () => {
    const room = makeRoom({ history: [historyEntry(9, 'Bob', 'm9', NOW)] });
    applyChanges(room, [{ kind: 'history-appended', entry: historyEntry(5, 'Bob', 'm5', NOW) }], 10);
    expect(room.lastArchiveId).to.equal(9);
  });

  it('a history limit of 0 keeps no history', () => {
    const room = makeRoom();
    applyChanges(room, [{ kind: 'history-appended', entry: historyEntry(1, 'Bob', 'm1', NOW) }], 0);
    expect(room.history).to.deep.equal([]);
    expect(room.lastArchiveId).to.equal(1);
  });

  it('changes apply in order: a session that joins and leaves in one batch is gone', () => {
    const room = makeRoom();
    applyChanges(room, [
      { kind: 'session-joined', nick: 'Bob', realJid: full('bob'), bareJid: 'bob@example.org', role: 'participant', presence: xml('presence'), occupantId: 'o' },
      { kind: 'session-left', realJid: full('bob') },
    ], 10);
    expect(room.occupants.size).to.equal(0);
  });
});
