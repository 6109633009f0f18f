// The one XML parser for every transport: RFC 6120 §11 restricted XML on a strict streaming
// parser (saxes), with streaming UTF-8 validation and byte, depth and attribute accounting.
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { Element } from '../xmpp/element.js';
import type { StreamErrorCondition } from '../xmpp/stream-errors.js';

export interface XmlLimits {
  /** Largest stanza, in bytes of UTF-8 from its '<' to the end of its closing tag. */
  maxStanzaBytes: number;
  /** Deepest nesting inside a stanza (the stanza itself is depth 1). */
  maxDepth: number;
  /** Most attributes (namespace declarations included) on one element. */
  maxAttributes: number;
}

export interface StreamHeader {
  /** Local name of the root element ('stream' for TCP, 'open' for WebSocket framing). */
  localName: string;
  /** Namespace of the root element. */
  uri: string;
  /** Default namespace declared on the root ('' when none). */
  defaultNs: string;
  /** The root's attributes by qualified name. */
  attrs: Record<string, string>;
}

export interface XmlStreamHandlers {
  /** Stream mode: the opening tag of the stream. */
  onStreamStart(header: StreamHeader): void;
  /** A complete top-level element: a stanza, a nonza, or (framed mode) `<open/>`/`<close/>`. */
  onElement(element: Element): void;
  /** Stream mode: the closing `</stream:stream>`. */
  onStreamEnd(): void;
  /** The input broke a rule; the stream must be closed with this stream error. */
  onError(condition: StreamErrorCondition, text: string): void;
}

/**
 * 'stream': one long document whose root is `<stream:stream>` and whose children are stanzas (TCP).
 * 'framed': each write() is one complete element (RFC 7395 WebSocket messages).
 */
export type XmlStreamMode = 'stream' | 'framed';

// Framed mode parses every message as a child of this synthetic root, so that one parser
// instance (and one set of rules) serves a whole WebSocket connection.
const FRAME_ROOT = '<frames>';

export class XmlStreamParser {
  private readonly sax = new SaxesParser({ xmlns: true, position: true });
  private readonly decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  private readonly stack: Element[] = [];
  private failed = false;
  private chunk = '';
  // Characters fed so far. saxes' own `position` is only meaningful inside its event handlers.
  private consumed = 0;
  private chunkStart = 0;
  // Bytes are counted from the last boundary (end of the previous stanza, of whitespace
  // between stanzas, or of the stream header), so an unterminated tag is bounded too.
  private boundary = 0;
  private carryBytes = 0;
  private elementsInFrame = 0;
  private readonly frameOffset: number;

  constructor(
    private readonly mode: XmlStreamMode,
    private limits: XmlLimits,
    private readonly handlers: XmlStreamHandlers,
  ) {
    this.sax.on('doctype', () => this.fail('restricted-xml', 'document type declarations are not allowed'));
    this.sax.on('comment', () => this.fail('restricted-xml', 'comments are not allowed'));
    this.sax.on('processinginstruction', () => this.fail('restricted-xml', 'processing instructions are not allowed'));
    // A DOCTYPE past the prolog (always so in framed mode) is reported by saxes as misplaced;
    // it is still a DTD, which RFC 6120 §11.1 forbids outright.
    this.sax.on('error', (error) => this.fail(/doctype/i.test(error.message) ? 'restricted-xml' : 'not-well-formed', error.message));
    this.sax.on('opentag', (tag) => this.onOpenTag(tag));
    this.sax.on('closetag', () => this.onCloseTag());
    this.sax.on('text', (text) => this.onText(text));
    this.sax.on('cdata', (text) => this.onText(text));
    if (mode === 'framed') {
      this.sax.write(FRAME_ROOT);
      this.consumed = FRAME_ROOT.length;
    }
    this.frameOffset = mode === 'framed' ? 1 : 0;
  }

  /** Tightens or loosens limits, e.g. after authentication. */
  setLimits(limits: XmlLimits): void {
    this.limits = limits;
  }

  get hasFailed(): boolean {
    return this.failed;
  }

  /** Feeds bytes from the transport. In framed mode, one call is one whole message. */
  write(bytes: Uint8Array): void {
    if (this.failed) return;
    let text: string;
    try {
      text = this.decoder.decode(bytes, { stream: this.mode === 'stream' });
    } catch {
      this.fail('unsupported-encoding', 'the stream is not valid UTF-8');
      return;
    }
    if (this.mode === 'framed') this.elementsInFrame = 0;
    if (!this.feed(text)) return;
    this.checkOpenStanzaSize();
    if (this.mode === 'framed') this.checkFrameComplete();
  }

  /** Parses decoded text; false once the input has broken a rule. */
  private feed(text: string): boolean {
    this.chunkStart = this.consumed;
    this.chunk = text;
    try {
      this.sax.write(text);
    } catch (error) {
      this.fail('not-well-formed', error instanceof Error ? error.message : String(error));
    }
    this.consumed += text.length;
    this.carryBytes += this.bytesFrom(this.boundary, this.consumed);
    this.boundary = this.consumed;
    return !this.failed;
  }

  private bytesFrom(position: number, end = this.sax.position): number {
    const from = Math.max(0, position - this.chunkStart);
    const to = Math.max(from, end - this.chunkStart);
    return Buffer.byteLength(this.chunk.slice(from, to), 'utf8');
  }

  private markBoundary(): void {
    this.boundary = this.sax.position;
    this.carryBytes = 0;
  }

  private get depth(): number {
    return this.stack.length;
  }

  private checkOpenStanzaSize(): void {
    if (this.carryBytes > this.limits.maxStanzaBytes) {
      this.fail('policy-violation', `stanza exceeds ${this.limits.maxStanzaBytes} bytes`);
    }
  }

  private checkFrameComplete(): void {
    if (this.depth !== 1 || this.elementsInFrame !== 1) {
      this.fail('not-well-formed', 'a WebSocket message must hold exactly one complete element');
    }
  }

  private onOpenTag(tag: SaxesTagNS): void {
    if (this.failed) return;
    const attrs: Record<string, string> = {};
    let count = 0;
    for (const [name, attribute] of Object.entries(tag.attributes)) {
      attrs[name] = attribute.value;
      count += 1;
    }
    if (count > this.limits.maxAttributes) {
      this.fail('policy-violation', `element <${tag.name}> has more than ${this.limits.maxAttributes} attributes`);
      return;
    }
    if (this.depth === 0) {
      this.openRoot(tag, attrs);
      return;
    }
    if (this.depth - 1 >= this.limits.maxDepth) {
      this.fail('policy-violation', `elements nested deeper than ${this.limits.maxDepth}`);
      return;
    }
    const element = new Element(tag.name, attrs);
    const parent = this.stack[this.stack.length - 1];
    if (this.depth === 1) {
      // Stanzas inherit the stream's default namespace; make it explicit so the element stands alone.
      if (element.attrs.xmlns === undefined && tag.uri !== '') element.attrs.xmlns = tag.uri;
    } else if (parent !== undefined) {
      parent.cnode(element);
    }
    this.stack.push(element);
  }

  private openRoot(tag: SaxesTagNS, attrs: Record<string, string>): void {
    const root = new Element(tag.name, attrs);
    this.stack.push(root);
    this.markBoundary();
    if (this.mode === 'framed') return;
    this.handlers.onStreamStart({
      localName: tag.local,
      uri: tag.uri,
      defaultNs: tag.ns[''] ?? '',
      attrs,
    });
  }

  private onCloseTag(): void {
    if (this.failed) return;
    const element = this.stack.pop();
    if (element === undefined) return;
    if (this.depth === 0) {
      if (this.mode === 'stream') this.handlers.onStreamEnd();
      return;
    }
    if (this.depth !== 1) return;
    const size = this.carryBytes + this.bytesFrom(this.boundary);
    this.markBoundary();
    if (size > this.limits.maxStanzaBytes) {
      this.fail('policy-violation', `stanza exceeds ${this.limits.maxStanzaBytes} bytes`);
      return;
    }
    this.elementsInFrame += 1;
    this.handlers.onElement(element);
  }

  private onText(text: string): void {
    if (this.failed) return;
    const parent = this.stack[this.stack.length - 1];
    if (this.depth >= 2 && parent !== undefined) {
      parent.t(text);
    } else if (text.trim() === '') {
      this.markBoundary();
    } else {
      this.fail('not-well-formed', 'character data outside any stanza');
    }
  }

  private fail(condition: StreamErrorCondition, text: string): void {
    if (this.failed) return;
    this.failed = true;
    this.handlers.onError(condition, text);
  }
}
