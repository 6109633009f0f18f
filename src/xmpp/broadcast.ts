// One stanza to many recipients, serialised once: each copy differs from the template only in
// 'to', so its XML is the template's with the address spliced in. Copies are ordinary elements;
// one that is changed after it was made serialises itself the ordinary way.
import { Element, escapeXml } from './element.js';

class AddressedCopy extends Element {
  head = '';
  tail = '';
  childCount = -1;

  override toString(): string {
    const to = this.attrs.to as unknown;
    if (this.childCount === this.children.length && typeof to === 'string') return this.head + escapeXml(to) + this.tail;
    return super.toString();
  }
}

/** Copies of `template` (which has no 'to'), one per recipient, all sharing one serialisation. */
export function addressedCopies(template: Element, recipients: readonly string[]): Element[] {
  const serialized = template.toString();
  const head = `<${template.name} to="`;
  const tail = `"${serialized.slice(template.name.length + 1)}`;
  return recipients.map((to) => {
    const copy = new AddressedCopy(template.name, { ...template.attrs, to });
    copy.children = template.children.slice();
    copy.head = head;
    copy.tail = tail;
    copy.childCount = copy.children.length;
    return copy;
  });
}
