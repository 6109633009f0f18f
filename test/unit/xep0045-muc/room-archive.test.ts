// XEP-0313 message archive management for rooms with XEP-0059 paging: reading a query, and turning
// a page of the archive into result messages and the <fin/>.
import { expect } from 'chai';
import type { ArchivedMessage, ArchivePage } from '../../../src/persistence/ports.js';
import { MAM_DEFAULT_PAGE, finElement, mamFormFields, parseMamQuery, resultMessage, type MamQuery } from '../../../src/xep0045-muc/room-archive.js';
import { SubmittedForm } from '../../../src/xmpp/data-form.js';
import { xml, type Element } from '../../../src/xmpp/element.js';
import { NS } from '../../../src/xmpp/namespaces.js';
import { ROOM, submitForm } from '../../helpers/room-fixtures.js';

function query(attrs: Record<string, string> = {}, ...children: (Element | undefined)[]): Element {
  return xml('query', { xmlns: NS.mam, ...attrs }, ...children);
}
const rsm = (...children: Element[]) => xml('set', { xmlns: NS.rsm }, ...children);
const form = (fields: Record<string, string>) => submitForm(NS.mam, fields);

function parsed(element: Element, maxPage = 100): MamQuery {
  const result = parseMamQuery(element, maxPage);
  if ('condition' in result) throw new Error(`refused: ${result.condition}`);
  return result;
}

function archived(id: number, body: string): ArchivedMessage {
  const stanza = xml('message', { xmlns: NS.client, type: 'groupchat', from: `${ROOM}/Bob`, id: `m${id}` }, xml('body', {}, body),
    xml('stanza-id', { xmlns: NS.stanzaId, id: `s${id}`, by: ROOM }));
  return { id, stanzaId: `s${id}`, nickJid: `${ROOM}/Bob`, fromJid: 'bob@example.org', sentAt: new Date(Date.UTC(2024, 0, 1, 0, id)), type: 'groupchat', body, stanza: stanza.toString() };
}

describe('MUC archive queries (XEP-0313)', () => {
  describe('parseMamQuery', () => {
    it('a bare query: the default page size, capped by the operator\'s, no filters', () => {
      expect(parsed(query())).to.deep.equal({ queryId: undefined, max: MAM_DEFAULT_PAGE, isFlipped: false });
      expect(parsed(query(), 20).max).to.equal(20);
    });

    it('keeps the queryid', () => {
      expect(parsed(query({ queryid: 'f27' })).queryId).to.equal('f27');
    });

    it('§4.1.1 the form\'s start, end, with, after-id and before-id', () => {
      const result = parsed(query({}, form({ start: '2010-06-07T00:00:00Z', end: '2010-07-07T13:23:54Z', with: `${ROOM}/Bob`, 'after-id': 's1', 'before-id': 's9' })));
      expect(result).to.deep.include({ start: new Date('2010-06-07T00:00:00Z'), end: new Date('2010-07-07T13:23:54Z'), with: `${ROOM}/Bob`, after: 's1', before: 's9' });
    });

    it('empty start, end and with mean no filter', () => {
      const result = parsed(query({}, form({ start: '', end: '', with: '' })));
      expect(result).to.not.have.any.keys('start', 'end', 'with');
    });

    it('a date that is not a date is a bad-request', () => {
      expect(parseMamQuery(query({}, form({ start: 'last tuesday' })), 100)).to.deep.include({ condition: 'bad-request' });
      expect(parseMamQuery(query({}, form({ end: '2024-99-99T00:00:00Z' })), 100)).to.deep.include({ condition: 'bad-request' });
    });

    it('a form of another FORM_TYPE is a bad-request; a form without one is read', () => {
      expect(parseMamQuery(query({}, submitForm('urn:xmpp:mam:1', {})), 100)).to.deep.include({ condition: 'bad-request' });
      expect(parsed(query({}, submitForm(undefined, { with: `${ROOM}/Bob` }))).with).to.equal(`${ROOM}/Bob`);
    });

    it('XEP-0059: <max/>, <after/>, and <before/> (empty: the last page)', () => {
      expect(parsed(query({}, rsm(xml('max', {}, '10'), xml('after', {}, 's3'))))).to.deep.include({ max: 10, after: 's3' });
      expect(parsed(query({}, rsm(xml('before'))))).to.deep.include({ before: '' });
      expect(parsed(query({}, rsm(xml('before', {}, 's7'))))).to.deep.include({ before: 's7' });
    });

    it('max="0" asks for the count only', () => {
      expect(parsed(query({}, rsm(xml('max', {}, '0')))).max).to.equal(0);
    });

    it('a max over the operator\'s page size is capped', () => {
      expect(parsed(query({}, rsm(xml('max', {}, '1000'))), 100).max).to.equal(100);
    });

    for (const bad of ['-1', 'ten', '1.5', '', '9999999']) {
      it(`<max>${bad}</max> is a bad-request`, () => {
        expect(parseMamQuery(query({}, rsm(xml('max', {}, bad))), 100)).to.deep.include({ condition: 'bad-request' });
      });
    }

    it('RSM <after/> wins over the form\'s after-id', () => {
      expect(parsed(query({}, form({ 'after-id': 's1' }), rsm(xml('after', {}, 's2')))).after).to.equal('s2');
    });

    it('§5.1.2 <flip-page/>', () => {
      expect(parsed(query({}, xml('flip-page'))).isFlipped).to.equal(true);
    });

    // XEP-0313 §4.1.5 (query-form): "If a client includes a form field that the server does not
    // recognise, the server MUST respond with a 'feature-not-implemented' error." The room's archive
    // does not recognise 'ids'.
    it('a form field the server does not know is feature-not-implemented (XEP-0313 §4.1.5)', () => {
      expect(parseMamQuery(query({}, form({ 'urn:example:full-text': 'witches' })), 100)).to.deep.include({ condition: 'feature-not-implemented' });
      expect(parseMamQuery(query({}, form({ ids: 's1' })), 100)).to.deep.include({ condition: 'feature-not-implemented' });
    });
  });

  describe('resultMessage (§4.2)', () => {
    it('from the room, a <result/> with the queryid and the archive id, the original forwarded with its delay', () => {
      const message = resultMessage(ROOM, 'f27', archived(3, 'hello'));
      expect(message.attrs).to.deep.equal({ xmlns: NS.client, from: ROOM });
      const result = message.getChild('result', NS.mam)!;
      expect(result.attrs).to.include({ queryid: 'f27', id: 's3' });
      const forwarded = result.getChild('forwarded', NS.forward)!;
      expect(forwarded.getChild('delay', NS.delay)?.attrs.stamp).to.equal('2024-01-01T00:03:00.000Z');
      const original = forwarded.getChild('message')!;
      expect(original.attrs).to.include({ xmlns: NS.client, from: `${ROOM}/Bob`, type: 'groupchat' });
      expect(original.attrs.to).to.equal(undefined);
      expect(original.getChildText('body')).to.equal('hello');
    });

    it('without a queryid there is no queryid attribute', () => {
      expect(resultMessage(ROOM, undefined, archived(1, 'x')).getChild('result', NS.mam)!.attrs.queryid).to.equal(undefined);
    });
  });

  describe('finElement (§4.3 and XEP-0059)', () => {
    const page = (messages: ArchivedMessage[], isComplete: boolean, count: number, firstIndex = 0): ArchivePage => ({ messages, isComplete, count, firstIndex });
    const base: MamQuery = { queryId: 'f27', max: 10, isFlipped: false };

    it('names the first and last ids of the page, the count, and the first index', () => {
      const fin = finElement(page([archived(4, 'a'), archived(5, 'b'), archived(6, 'c')], false, 12, 3), base);
      expect(fin.attrs).to.deep.equal({ xmlns: NS.mam, queryid: 'f27' });
      const set = fin.getChild('set', NS.rsm)!;
      expect(set.getChildText('first')).to.equal('s4');
      expect(set.getChild('first')!.attrs.index).to.equal('3');
      expect(set.getChildText('last')).to.equal('s6');
      expect(set.getChildText('count')).to.equal('12');
    });

    it('complete="true" on the last page, no complete attribute otherwise', () => {
      expect(finElement(page([archived(1, 'a')], true, 1), base).attrs.complete).to.equal('true');
      expect(finElement(page([archived(1, 'a')], false, 5), base).attrs.complete).to.equal(undefined);
    });

    it('a page of one message has the same first and last', () => {
      const set = finElement(page([archived(7, 'a')], true, 1), base).getChild('set', NS.rsm)!;
      expect(set.getChildText('first')).to.equal(set.getChildText('last'));
    });

    it('XEP-0059 §2.2: an empty page has no <first/> or <last/>, only the count', () => {
      const set = finElement(page([], true, 4), base).getChild('set', NS.rsm)!;
      expect(set.getChild('first')).to.equal(undefined);
      expect(set.getChild('last')).to.equal(undefined);
      expect(set.getChildText('count')).to.equal('4');
    });
  });

  describe('mamFormFields (§4.1.5)', () => {
    it('a form of FORM_TYPE urn:xmpp:mam:2 with with (jid-single), start and end (text-single), and nothing required', () => {
      const query = mamFormFields();
      const x = query.getChild('x', NS.dataForms)!;
      expect(x.attrs.type).to.equal('form');
      expect(SubmittedForm.from(query)?.formType).to.equal(NS.mam);
      const types = Object.fromEntries(x.getChildren('field').map((field) => [field.attrs.var as string, field.attrs.type as string]));
      expect(types).to.include({ FORM_TYPE: 'hidden', with: 'jid-single', start: 'text-single', end: 'text-single' });
      expect(query.toString()).to.not.contain('<required');
    });
  });
});
