// One stanza to many recipients (broadcast.ts): each copy serialises exactly as an ordinary element
// with that 'to' would, and a copy changed after it was made serialises its changes.
import { expect } from 'chai';
import { addressedCopies } from '../../../src/xmpp/broadcast.js';
import { Element, cloneElement, parseElement, xml } from '../../../src/xmpp/element.js';
import { NS } from '../../../src/xmpp/namespaces.js';

/** The element the copy stands for: the template with 'to' (first), serialised the ordinary way. */
function ordinary(template: Element, to: string): string {
  const element = cloneElement(template);
  element.attrs = { to, ...element.attrs };
  return element.toString();
}

/** What the copy would serialise as if it were a plain Element. */
function plainly(copy: Element): string {
  return Element.prototype.toString.call(copy);
}

const templates: [string, () => Element][] = [
  ['a groupchat message', () => xml('message', { xmlns: NS.client, type: 'groupchat', from: 'lounge@conference.example.org/Bob', id: 'm1' },
    xml('body', {}, 'hello'), xml('stanza-id', { xmlns: NS.stanzaId, id: 's1', by: 'lounge@conference.example.org' }))],
  ['a presence with nested muc#user content', () => xml('presence', { from: 'lounge@conference.example.org/Bob' },
    xml('show', {}, 'away'), xml('x', { xmlns: NS.mucUser }, xml('item', { affiliation: 'none', role: 'participant' }), xml('status', { code: '110' })))],
  ['text that needs escaping', () => xml('message', { id: 'a"b<c>&\'d' }, xml('body', {}, '1 < 2 & "3" > \'0\''))],
  ['mixed text and elements', () => { const element = xml('message', {}, 'before', xml('b'), 'after'); return element; }],
  ['an empty element', () => xml('presence')],
  ['non-ASCII content', () => xml('message', { from: 'zoë@exämple.org' }, xml('body', {}, 'Grüße 👋'))],
];
const recipients = ['alice@example.org/desk', 'bob@example.org', 'o\'neil&co@example.org/<phone>', 'zoë@exämple.org/"x"'];

describe('addressedCopies', () => {
  for (const [what, template] of templates) {
    it(`${what}: each copy serialises exactly like an ordinary element with that 'to'`, () => {
      const copies = addressedCopies(template(), recipients);
      expect(copies).to.have.length(recipients.length);
      copies.forEach((copy, index) => {
        expect(copy.toString()).to.equal(ordinary(template(), recipients[index]!));
        expect(parseElement(copy.toString()).attrs.to).to.equal(recipients[index]);
      });
    });
  }

  it('copies are ordinary elements: their name, attributes and children can be read', () => {
    const [copy] = addressedCopies(templates[0]![1](), ['alice@example.org/desk']);
    expect(copy).to.be.instanceOf(Element);
    expect(copy!.attrs).to.include({ to: 'alice@example.org/desk', type: 'groupchat', id: 'm1' });
    expect(copy!.getChildText('body')).to.equal('hello');
  });

  it('the template is left as it was', () => {
    const template = templates[0]![1]();
    const before = template.toString();
    addressedCopies(template, recipients);
    expect(template.toString()).to.equal(before);
    expect(template.attrs.to).to.equal(undefined);
  });

  it('no recipients, no copies', () => {
    expect(addressedCopies(xml('message'), [])).to.deep.equal([]);
  });

  describe('a copy changed afterwards', () => {
    const make = () => addressedCopies(templates[0]![1](), ['alice@example.org/desk', 'bob@example.org/phone']);

    it('with a new \'to\'', () => {
      const [copy] = make();
      copy!.attrs.to = 'carol@example.org/laptop';
      expect(copy!.toString()).to.equal(ordinary(templates[0]![1](), 'carol@example.org/laptop'));
    });

    it('with a child added, and the other copies unchanged', () => {
      const [copy, other] = make();
      copy!.cnode(xml('delay', { xmlns: NS.delay, stamp: '2024-01-01T00:00:00Z' }));
      expect(parseElement(copy!.toString()).getChild('delay', NS.delay)).to.not.equal(undefined);
      expect(copy!.toString()).to.equal(plainly(copy!));
      expect(other!.toString()).to.equal(ordinary(templates[0]![1](), 'bob@example.org/phone'));
    });

    it('with a child removed', () => {
      const [copy] = make();
      copy!.remove('stanza-id', NS.stanzaId);
      expect(parseElement(copy!.toString()).getChild('stanza-id', NS.stanzaId)).to.equal(undefined);
    });

    it('with \'to\' removed', () => {
      const [copy] = make();
      delete copy!.attrs.to;
      expect(copy!.toString()).to.equal(templates[0]![1]().toString());
    });

    // broadcast.ts's own contract, in its header: "A copy whose attributes or children are changed
    // afterwards serialises itself the ordinary way" — a changed attribute, a deleted one, or a
    // replaced child included.
    it('with an attribute changed, one deleted, or a child replaced by another', () => {
      const [changed, replaced] = make();
      changed!.attrs.id = 'other-id';
      delete changed!.attrs.type;
      expect(changed!.toString()).to.equal(plainly(changed!));
      expect(parseElement(changed!.toString()).attrs.id).to.equal('other-id');
      replaced!.children[0] = xml('body', {}, 'replaced');
      expect(parseElement(replaced!.toString()).getChildText('body')).to.equal('replaced');
    });
  });
});
