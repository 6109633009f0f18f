// RFC 6120 §11 restricted XML and the parser's limits, driven byte by byte where it matters.
import { expect } from 'chai';
import { XmlStreamParser, type StreamHeader, type XmlLimits, type XmlStreamMode } from '../../../src/stream/xml-stream-parser.js';
import type { Element } from '../../../src/xmpp/element.js';

const LIMITS: XmlLimits = { maxStanzaBytes: 1024, maxDepth: 8, maxAttributes: 8 };
const HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' to='localhost' version='1.0'>";

interface Recorded {
  headers: StreamHeader[];
  elements: Element[];
  ended: boolean;
  errors: { condition: string; text: string }[];
}

function parserFor(mode: XmlStreamMode = 'stream', limits = LIMITS): { parser: XmlStreamParser; seen: Recorded } {
  const seen: Recorded = { headers: [], elements: [], ended: false, errors: [] };
  const parser = new XmlStreamParser(mode, limits, {
    onStreamStart: (header) => seen.headers.push(header),
    onElement: (element) => seen.elements.push(element),
    onStreamEnd: () => { seen.ended = true; },
    onError: (condition, text) => seen.errors.push({ condition, text }),
  });
  return { parser, seen };
}

function feed(parser: XmlStreamParser, ...chunks: string[]): void {
  for (const chunk of chunks) parser.write(Buffer.from(chunk, 'utf8'));
}

describe('XmlStreamParser', () => {
  it('reads the stream header, stanzas with the stream namespace made explicit, and the close', () => {
    const { parser, seen } = parserFor();
    feed(parser, HEADER, "<message to='bob@localhost'><body>hi &amp; bye</body></message>", ' ', '</stream:stream>');
    expect(seen.headers).to.have.length(1);
    expect(seen.headers[0]).to.include({ localName: 'stream', uri: 'http://etherx.jabber.org/streams', defaultNs: 'jabber:client' });
    expect(seen.elements).to.have.length(1);
    expect(seen.elements[0]?.attrs.xmlns).to.equal('jabber:client');
    expect(seen.elements[0]?.getChildText('body')).to.equal('hi & bye');
    expect(seen.ended).to.equal(true);
    expect(seen.errors).to.deep.equal([]);
  });

  it('handles a stanza split at every byte, multi-byte characters included', () => {
    const { parser, seen } = parserFor();
    feed(parser, HEADER);
    const bytes = Buffer.from("<message><body>ñ€😀</body></message>", 'utf8');
    for (const byte of bytes) parser.write(Uint8Array.of(byte));
    expect(seen.errors).to.deep.equal([]);
    expect(seen.elements[0]?.getChildText('body')).to.equal('ñ€😀');
  });

  for (const [name, input] of [
    ['a DOCTYPE', "<?xml version='1.0'?><!DOCTYPE foo [<!ENTITY x 'y'>]><stream:stream xmlns:stream='http://etherx.jabber.org/streams'>"],
    ['a comment', `${HEADER}<!-- hello -->`],
    ['a processing instruction', `${HEADER}<?evil data?>`],
  ] as const) {
    it(`refuses ${name} with restricted-xml`, () => {
      const { parser, seen } = parserFor();
      feed(parser, input);
      expect(seen.errors[0]?.condition).to.equal('restricted-xml');
    });
  }

  it('refuses an undeclared entity reference as not-well-formed', () => {
    const { parser, seen } = parserFor();
    feed(parser, HEADER, '<message><body>&lol;</body></message>');
    expect(seen.errors[0]?.condition).to.equal('not-well-formed');
    expect(seen.elements).to.have.length(0);
  });

  it('refuses mismatched tags as not-well-formed', () => {
    const { parser, seen } = parserFor();
    feed(parser, HEADER, '<message><body></message>');
    expect(seen.errors[0]?.condition).to.equal('not-well-formed');
  });

  it('refuses invalid UTF-8 with unsupported-encoding', () => {
    const { parser, seen } = parserFor();
    feed(parser, HEADER);
    parser.write(Uint8Array.from([0x3c, 0x6d, 0xff, 0xfe, 0x3e]));
    expect(seen.errors[0]?.condition).to.equal('unsupported-encoding');
  });

  it('refuses a stanza over the size limit with policy-violation, even in one chunk', () => {
    const { parser, seen } = parserFor();
    feed(parser, HEADER, `<message><body>${'x'.repeat(2000)}</body></message>`);
    expect(seen.errors[0]?.condition).to.equal('policy-violation');
    expect(seen.elements).to.have.length(0);
  });

  it('bounds an unterminated opening tag', () => {
    const { parser, seen } = parserFor();
    feed(parser, HEADER, '<message ');
    for (let i = 0; i < 50 && seen.errors.length === 0; i += 1) feed(parser, `a${i}='${'v'.repeat(100)}' `);
    expect(seen.errors[0]?.condition).to.equal('policy-violation');
  });

  it('counts bytes, not characters', () => {
    const { parser, seen } = parserFor();
    feed(parser, HEADER, `<message><body>${'€'.repeat(400)}</body></message>`);
    expect(seen.errors[0]?.condition).to.equal('policy-violation');
  });

  it('accepts many small stanzas whose total exceeds the limit', () => {
    const { parser, seen } = parserFor();
    feed(parser, HEADER);
    for (let i = 0; i < 100; i += 1) feed(parser, `<message><body>${'x'.repeat(100)}</body></message>\n`);
    expect(seen.errors).to.deep.equal([]);
    expect(seen.elements).to.have.length(100);
  });

  it('bounds nesting depth and attribute count', () => {
    const deep = parserFor();
    feed(deep.parser, HEADER, '<a><b><c><d><e><f><g><h><i><j></j></i></h></g></f></e></d></c></b></a>');
    expect(deep.seen.errors[0]?.condition).to.equal('policy-violation');
    const wide = parserFor();
    const attrs = Array.from({ length: 9 }, (_, i) => `a${i}='x'`).join(' ');
    feed(wide.parser, HEADER, `<message ${attrs}/>`);
    expect(wide.seen.errors[0]?.condition).to.equal('policy-violation');
  });

  it('refuses text between stanzas that is not whitespace', () => {
    const { parser, seen } = parserFor();
    feed(parser, HEADER, 'hello<message/>');
    expect(seen.errors[0]?.condition).to.equal('not-well-formed');
  });

  describe('framed mode (RFC 7395)', () => {
    it('reads one element per message', () => {
      const { parser, seen } = parserFor('framed');
      feed(parser, "<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' to='localhost' version='1.0'/>", "<message xmlns='jabber:client'><body>hi</body></message>");
      expect(seen.errors).to.deep.equal([]);
      expect(seen.elements.map((element) => element.name)).to.deep.equal(['open', 'message']);
    });

    it('refuses a message holding two elements or half of one', () => {
      const two = parserFor('framed');
      feed(two.parser, '<a/><b/>');
      expect(two.seen.errors[0]?.condition).to.equal('not-well-formed');
      const half = parserFor('framed');
      feed(half.parser, '<message><body>');
      expect(half.seen.errors[0]?.condition).to.equal('not-well-formed');
    });

    it('applies the same restricted-XML rules as TCP', () => {
      const { parser, seen } = parserFor('framed');
      feed(parser, '<!DOCTYPE x [<!ENTITY a "aaaaaaaa">]><x>&a;</x>');
      expect(seen.errors[0]?.condition).to.equal('restricted-xml');
    });
  });
});

describe('XmlStreamParser: DOCTYPE anywhere', () => {
  it('refuses a DOCTYPE after the stream header with restricted-xml', () => {
    const seen: string[] = [];
    const parser = new XmlStreamParser('stream', LIMITS, {
      onStreamStart: () => undefined, onElement: () => undefined, onStreamEnd: () => undefined,
      onError: (condition) => seen.push(condition),
    });
    parser.write(Buffer.from(`${HEADER}<!DOCTYPE x>`));
    expect(seen[0]).to.equal('restricted-xml');
  });
});
