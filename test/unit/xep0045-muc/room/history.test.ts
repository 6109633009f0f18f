// XEP-0045 §7.2.13 discussion history and §7.2.14 managing it with <history/> (maxchars,
// maxstanzas, seconds, since), and §7.2.15 the subject: what a newcomer gets, read from the join.
import { expect } from 'chai';
import { parseHistoryRequest, selectHistory, subjectMessage, historyMessage } from '../../../../src/xep0045-muc/room/history.js';
import { xml } from '../../../../src/xmpp/element.js';
import { NS } from '../../../../src/xmpp/namespaces.js';
import { NOW, ROOM, TestRoom, historyEntry, makeContext, makeRoom } from '../../../helpers/room-fixtures.js';

const minutesAgo = (minutes: number): Date => new Date(NOW.getTime() - minutes * 60_000);

/** A room whose history holds messages 'm1'…'mN', one a minute, the last a minute ago. */
function roomWithHistory(count: number, setup: ConstructorParameters<typeof TestRoom>[0] = {}): TestRoom {
  const history = Array.from({ length: count }, (_, index) => historyEntry(index + 1, 'Alice', `m${index + 1}`, minutesAgo(count - index)));
  return new TestRoom({ ...setup, history });
}

/** The bodies of the history messages bob got on entering with these <history/> attributes. */
function historyOnEntry(room: TestRoom, attrs?: Record<string, string>): string[] {
  const entry = room.enter('bob', 'Bob', attrs === undefined ? {} : { history: attrs });
  return entry.messagesTo('bob').filter((message) => message.getChild('body') !== undefined).map((message) => message.getChildText('body') ?? '');
}

describe('discussion history on entry (XEP-0045 §7.2.13, §7.2.14)', () => {
  describe('§7.2.13 what a history message looks like', () => {
    it('it is the message as it was broadcast, from the sender\'s occupant JID, with a delay stamped by the room', () => {
      const room = roomWithHistory(1);
      const [message] = room.enter('bob', 'Bob').messagesTo('bob');
      expect(message!.attrs).to.include({ type: 'groupchat', from: `${ROOM}/Alice` });
      expect(message!.getChild('delay', NS.delay)?.attrs).to.deep.equal({ xmlns: NS.delay, from: ROOM, stamp: minutesAgo(1).toISOString() });
    });

    it('it keeps its stanza-id and occupant-id', () => {
      const [message] = roomWithHistory(1).enter('bob', 'Bob').messagesTo('bob');
      expect(message!.getChild('stanza-id', NS.stanzaId)?.attrs.id).to.equal('h-1');
      expect(message!.getChild('occupant-id', NS.occupantId)).to.not.equal(undefined);
    });

    it('historyMessage does not change the recorded entry', () => {
      const room = makeRoom();
      const entry = historyEntry(1, 'Alice', 'hello', minutesAgo(1));
      const before = entry.stanza.toString();
      historyMessage(room, entry);
      expect(entry.stanza.toString()).to.equal(before);
    });

    it('history comes before the subject, which is never part of it', () => {
      const room = roomWithHistory(2, { subject: { text: 'Topic', at: minutesAgo(30) } });
      const messages = room.enter('bob', 'Bob').messagesTo('bob');
      expect(messages.map((message) => message.getChildText('body') ?? `subject ${message.getChildText('subject') ?? ''}`))
        .to.deep.equal(['m1', 'm2', 'subject Topic']);
    });

    it('a message said in the room joins the history the next newcomer gets', () => {
      const room = new TestRoom().enterAll({ alice: 'Alice' });
      room.say('alice', 'remember me');
      expect(historyOnEntry(room)).to.deep.equal(['remember me']);
    });
  });

  describe('the room\'s default', () => {
    it('without <history/> bob gets the room\'s number of messages, the most recent ones', () => {
      const room = roomWithHistory(5, { config: { historyLength: 3 } });
      expect(historyOnEntry(room)).to.deep.equal(['m3', 'm4', 'm5']);
    });

    it('a room with a history length of 0 sends none', () => {
      expect(historyOnEntry(roomWithHistory(5, { config: { historyLength: 0 } }))).to.deep.equal([]);
    });

    it('an empty room history sends none, and the subject still comes', () => {
      const messages = new TestRoom().enter('bob', 'Bob').messagesTo('bob');
      expect(messages).to.have.length(1);
      expect(messages[0]!.getChild('subject')).to.not.equal(undefined);
    });
  });

  describe('§7.2.14 maxstanzas', () => {
    it('limits the number of messages to the most recent N', () => {
      expect(historyOnEntry(roomWithHistory(5), { maxstanzas: '2' })).to.deep.equal(['m4', 'm5']);
    });

    it('maxstanzas="0" sends none', () => {
      expect(historyOnEntry(roomWithHistory(5), { maxstanzas: '0' })).to.deep.equal([]);
    });

    it('never more than the operator\'s maximum', () => {
      expect(historyOnEntry(roomWithHistory(5, { policy: { maxHistoryFetch: 2 } }), { maxstanzas: '100' })).to.deep.equal(['m4', 'm5']);
    });

    // §7.2.14 (enter-managehistory): "the service MUST send the smallest amount of traffic that meets
    // any combination of the above criteria, taking into account service-level and room-level
    // defaults", and the room advertises its muc#maxhistoryfetch (the room's history length, §6.4)
    // as the "Maximum Number of History Messages Returned by Room".
    it('not more than the room\'s own muc#maxhistoryfetch either (§7.2.14, §6.4)', () => {
      expect(historyOnEntry(roomWithHistory(5, { config: { historyLength: 2 } }), { maxstanzas: '4' })).to.deep.equal(['m4', 'm5']);
    });
  });

  describe('§7.2.14 maxchars', () => {
    it('maxchars="0" means no history at all', () => {
      expect(historyOnEntry(roomWithHistory(3), { maxchars: '0' })).to.deep.equal([]);
    });

    it('sends only complete stanzas, the newest that fit, never a truncated one', () => {
      const sizes = roomWithHistory(3).enter('bob', 'Bob').messagesTo('bob').map((message) => message.toString().length);
      const budget = sizes[1]! + sizes[2]! + 5;
      expect(historyOnEntry(roomWithHistory(3), { maxchars: String(budget) })).to.deep.equal(['m2', 'm3']);
    });

    it('a budget smaller than the newest message sends nothing', () => {
      expect(historyOnEntry(roomWithHistory(3), { maxchars: '10' })).to.deep.equal([]);
    });

    it('a large budget sends the default number', () => {
      expect(historyOnEntry(roomWithHistory(3), { maxchars: '65000' })).to.deep.equal(['m1', 'm2', 'm3']);
    });

    // §7.2.14: maxchars counts "the characters of the complete XML stanzas" and the room MUST "send
    // the largest number of complete stanzas that results in a number of characters less than or
    // equal to the 'maxchars' value", so a stanza counts as it is delivered, with its 'to'.
    it('counts the stanza as delivered, with its \'to\' (§7.2.14)', () => {
      const delivered = roomWithHistory(1).enter('bob', 'Bob').messagesTo('bob')[0]!.toString().length;
      expect(historyOnEntry(roomWithHistory(1), { maxchars: String(delivered - 1) })).to.deep.equal([]);
      expect(historyOnEntry(roomWithHistory(1), { maxchars: String(delivered) })).to.deep.equal(['m1']);
    });
  });

  describe('§7.2.14 seconds and since', () => {
    it('seconds="180" sends only the messages of the last three minutes', () => {
      expect(historyOnEntry(roomWithHistory(5), { seconds: '180' })).to.deep.equal(['m3', 'm4', 'm5']);
    });

    it('seconds="0" sends only what was said this instant', () => {
      expect(historyOnEntry(roomWithHistory(5), { seconds: '0' })).to.deep.equal([]);
    });

    it('since sends only the messages after that time', () => {
      expect(historyOnEntry(roomWithHistory(5), { since: minutesAgo(2.5).toISOString() })).to.deep.equal(['m4', 'm5']);
    });

    it('since the beginning of the Unix era still sends no more than the room\'s default', () => {
      expect(historyOnEntry(roomWithHistory(5, { config: { historyLength: 2 } }), { since: '1970-01-01T00:00:00Z' })).to.deep.equal(['m4', 'm5']);
    });

    it('the criteria combine: the smallest traffic that meets all of them', () => {
      const room = roomWithHistory(6);
      expect(historyOnEntry(room, { seconds: '300', maxstanzas: '3', since: minutesAgo(4.5).toISOString() })).to.deep.equal(['m4', 'm5', 'm6']);
      expect(historyOnEntry(roomWithHistory(6), { seconds: '120', maxstanzas: '5' })).to.deep.equal(['m5', 'm6']);
    });
  });

  describe('parseHistoryRequest: malformed attributes are ignored', () => {
    const parse = (attrs: Record<string, string>) => parseHistoryRequest(xml('x', { xmlns: NS.muc }, xml('history', attrs)));

    it('reads all four attributes', () => {
      expect(parse({ maxchars: '100', maxstanzas: '5', seconds: '60', since: '2024-01-01T00:00:00Z' }))
        .to.deep.equal({ maxchars: 100, maxstanzas: 5, seconds: 60, since: new Date('2024-01-01T00:00:00Z') });
    });

    it('no <x/> or no <history/> is no request', () => {
      expect(parseHistoryRequest(undefined)).to.deep.equal({});
      expect(parseHistoryRequest(xml('x', { xmlns: NS.muc }))).to.deep.equal({});
    });

    for (const bad of ['-1', '1.5', 'ten', '', ' 5', '1e3', '9999999999']) {
      it(`ignores the count ${JSON.stringify(bad)}`, () => {
        expect(parse({ maxchars: bad, maxstanzas: bad, seconds: bad })).to.deep.equal({});
      });
    }

    it('ignores a since that is not a date', () => {
      expect(parse({ since: 'yesterday' })).to.deep.equal({});
    });

    it('a join with a malformed <history/> gets the room\'s default', () => {
      expect(historyOnEntry(roomWithHistory(3, { config: { historyLength: 2 } }), { maxstanzas: 'lots', since: 'then' })).to.deep.equal(['m2', 'm3']);
    });
  });

  describe('§7.2.15 subjectMessage', () => {
    it('with no subject: an empty <subject/> from the room, without a delay', () => {
      const message = subjectMessage(makeRoom());
      expect(message.attrs.from).to.equal(ROOM);
      expect(message.getChildText('subject')).to.equal('');
      expect(message.getChild('delay', NS.delay)).to.equal(undefined);
    });

    it('a subject the room itself set (no occupant) comes from the room JID', () => {
      const message = subjectMessage(makeRoom({ subject: { text: 'Welcome', at: minutesAgo(10) } }));
      expect(message.attrs.from).to.equal(ROOM);
      expect(message.getChild('delay', NS.delay)?.attrs.stamp).to.equal(minutesAgo(10).toISOString());
    });

    it('a cleared subject still carries its delay (it was actively cleared)', () => {
      const message = subjectMessage(makeRoom({ subject: { text: '', by: 'Alice', at: minutesAgo(1) } }));
      expect(message.getChildText('subject')).to.equal('');
      expect(message.getChild('delay', NS.delay)).to.not.equal(undefined);
    });

    it('selectHistory with a fresh context is pure: the room\'s history is unchanged', () => {
      const room = roomWithHistory(3);
      const before = room.state.history.map((entry) => entry.stanza.toString());
      selectHistory(room.state, { maxchars: 1 }, makeContext(), 'bob@example.org/desk');
      expect(room.state.history.map((entry) => entry.stanza.toString())).to.deep.equal(before);
    });
  });
});
