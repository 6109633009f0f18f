// Cuts a decrypted XMPP stream into top-level elements by counting tag depth, without building
// a tree: the load generator must spend far less CPU per stanza than the server it measures.
// Assumes what conforming servers send: '>' escaped in attribute values, no comments, no CDATA.

export interface SplitterEvents {
  /** One complete child of the stream element, as received. */
  onElement(xml: string): void;
  onStreamClose(): void;
}

export class StanzaSplitter {
  private buffer = '';
  private position = 0;
  private depth = 0;
  /** Offset of the element being collected, -1 between elements. */
  private start = -1;

  constructor(private readonly events: SplitterEvents) {}

  /** Forgets all state: a new stream starts (after STARTTLS or SASL success, RFC 6120 §5.4.3.3, §6.4.6). */
  reset(): void {
    this.buffer = '';
    this.position = 0;
    this.depth = 0;
    this.start = -1;
  }

  push(chunk: string): void {
    this.buffer += chunk;
    // State lives in fields, not locals, because a callback may reset() mid-chunk.
    for (;;) {
      const open = this.buffer.indexOf('<', this.position);
      if (open < 0) {
        this.position = this.buffer.length;
        break;
      }
      const close = this.buffer.indexOf('>', open);
      if (close < 0) {
        this.position = open;
        break;
      }
      this.position = close + 1;
      this.tag(open, close);
    }
    this.compact();
  }

  private tag(open: number, close: number): void {
    const next = this.buffer.charCodeAt(open + 1);
    if (next === 0x3f || next === 0x21) return; // <?xml ...?> or <!...>
    if (next === 0x2f) { // '</'
      this.depth -= 1;
      if (this.depth === 1 && this.start >= 0) {
        const element = this.buffer.slice(this.start, close + 1);
        this.start = -1;
        this.events.onElement(element);
      } else if (this.depth <= 0) {
        this.depth = 0;
        this.events.onStreamClose();
      }
      return;
    }
    const isEmpty = this.buffer.charCodeAt(close - 1) === 0x2f;
    if (this.depth === 0) {
      this.depth = 1; // the <stream:stream> opening tag: its attributes are of no use here
    } else if (this.depth === 1 && isEmpty) {
      this.events.onElement(this.buffer.slice(open, close + 1));
    } else if (!isEmpty) {
      if (this.depth === 1) this.start = open;
      this.depth += 1;
    }
  }

  /** Drops what has been consumed, keeping a partial element or tag. */
  private compact(): void {
    const keep = this.start >= 0 ? this.start : this.position;
    if (keep === 0) return;
    this.buffer = this.buffer.slice(keep);
    this.position -= keep;
    if (this.start >= 0) this.start = 0;
  }
}
