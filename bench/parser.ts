// Throughput of the one XML stream parser (saxes with restricted-XML, UTF-8 and size accounting)
// on a stream of typical chat messages, fed in 16 KiB chunks as TCP delivers them.
import { XmlStreamParser } from '../src/stream/xml-stream-parser.js';

const MESSAGES = 200_000;
const CHUNK = 16 * 1024;
const header = "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' to='localhost' version='1.0'>";
const message = (i: number): string =>
  `<message to='bob@localhost' type='chat' id='m${i}'><body>Hello Bob, this is message ${i} — ünïcödé too</body><active xmlns='http://jabber.org/protocol/chatstates'/></message>`;

const input = Buffer.from(header + Array.from({ length: MESSAGES }, (_, i) => message(i)).join(''), 'utf8');
let stanzas = 0;
const parser = new XmlStreamParser('stream', { maxStanzaBytes: 256 * 1024, maxDepth: 64, maxAttributes: 64 }, {
  onStreamStart: () => undefined,
  onElement: () => { stanzas += 1; },
  onStreamEnd: () => undefined,
  onError: (condition, text) => { throw new Error(`${condition}: ${text}`); },
});
const started = process.hrtime.bigint();
for (let offset = 0; offset < input.length; offset += CHUNK) parser.write(input.subarray(offset, offset + CHUNK));
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
process.stdout.write(`${JSON.stringify({ scenario: 'parser', stanzas, bytes: input.length, seconds: Number(seconds.toFixed(3)),
  mib_per_s: Number((input.length / 1048576 / seconds).toFixed(1)), stanzas_per_s: Math.round(stanzas / seconds) })}\n`);
