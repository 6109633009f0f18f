// Strict decoders for the encodings inside SASL data: base64 as RFC 4648 §4 defines it (which
// RFC 6120 §6.4.2 and RFC 5802 §7 require) and UTF-8 (RFC 3629), which SCRAM and PLAIN are sent in.

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The decoded bytes, or undefined unless the text is canonical base64 (Buffer.from alone is lenient). */
export function decodeBase64(text: string): Buffer | undefined {
  if (!BASE64.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  // Non-zero pad bits would give the same bytes two spellings; RFC 4648 §3.5 lets decoders refuse them.
  return bytes.toString('base64') === text ? bytes : undefined;
}

// ignoreBOM keeps a leading U+FEFF, so the text re-encodes to exactly the bytes SCRAM signs.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The text, or undefined when the bytes are not well-formed UTF-8. */
export function decodeUtf8(bytes: Buffer): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}
