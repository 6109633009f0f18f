// One stanza to many recipients, serialised once: each copy differs from the template only in
// 'to', so its XML is the template's with the address spliced in. A copy whose attributes or
// children are changed afterwards serialises itself the ordinary way. Copies share the template's
// child elements: treat those as read-only, as every stanza that is routed is.
import { Element, escapeXml } from './element.js';

interface Template {
  head: string;
  tail: string;
  attrs: Readonly<Record<string, unknown>>;
  attrCount: number;
  children: readonly (Element | string)[];
}

class AddressedCopy extends Element {
  template: Template | undefined;

  override toString(): string {
    const { template } = this;
    const to = this.attrs.to as unknown;
    if (template === undefined || typeof to !== 'string' || !this.isPristine(template)) return super.toString();
    return template.head + escapeXml(to) + template.tail;
  }

  /** Unchanged since it was copied: the same attributes (but 'to') and the same children. */
  private isPristine(template: Template): boolean {
    const attrs = this.attrs as Record<string, unknown>;
    let count = 0;
    for (const key in attrs) {
      if (key === 'to') continue;
      if (attrs[key] !== template.attrs[key]) return false;
      count += 1;
    }
    if (count !== template.attrCount || this.children.length !== template.children.length) return false;
    return this.children.every((child, index) => child === template.children[index]);
  }
}

/** Copies of `template` (which has no 'to'), one per recipient, all sharing one serialisation. */
export function addressedCopies(template: Element, recipients: readonly string[]): Element[] {
  const serialized = template.toString();
  const attrs = { ...(template.attrs as Record<string, unknown>) };
  const shared: Template = {
    head: `<${template.name} to="`,
    tail: `"${serialized.slice(template.name.length + 1)}`,
    attrs,
    attrCount: Object.keys(attrs).length,
    children: template.children.slice(),
  };
  return recipients.map((to) => {
    const copy = new AddressedCopy(template.name, { ...attrs, to });
    copy.children = template.children.slice();
    copy.template = shared;
    return copy;
  });
}
