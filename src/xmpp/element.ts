// The element model (ltx) and small builders shared by every layer.
import { Element, clone, escapeXML, parse } from 'ltx';

export { Element };

type Attrs = Record<string, string | number | undefined>;
type Child = Element | string | undefined | null | false;

/** Builds an element: xml('iq', { type: 'result' }, xml('query', { xmlns })). Undefined attributes are left out. */
export function xml(name: string, attrs: Attrs = {}, ...children: Child[]): Element {
  const clean: Record<string, string> = {};
  for (const [key, value] of Object.entries(attrs)) {
    if (value !== undefined) clean[key] = String(value);
  }
  const element = new Element(name, clean);
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (typeof child === 'string') element.t(child);
    else element.cnode(child);
  }
  return element;
}

/** A deep copy that shares nothing with the original. */
export function cloneElement(element: Element): Element {
  return clone(element);
}

export const escapeXml = escapeXML;

/** Parses one element stored as XML by this server (offline messages, pending requests); throws on malformed input. */
export function parseElement(text: string): Element {
  return parse(text);
}
