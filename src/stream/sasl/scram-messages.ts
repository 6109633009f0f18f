// Strict parsers of the two SCRAM client messages, following the formal syntax of RFC 5802 §7 and
// the attribute rules of RFC 5802 §5.1. They judge syntax only; scram.ts judges meaning.
import type { SaslFailureCondition } from './mechanism.js';
import { decodeBase64 } from './encoding.js';

export type Checked<T> = { ok: true; value: T } | { ok: false; condition: SaslFailureCondition; text: string };

/** gs2-cbind-flag: "n" no client support, "y" client support but none seen offered, "p=" in use. */
export type CbindFlag = { kind: 'n' } | { kind: 'y' } | { kind: 'p'; name: string };

export interface ClientFirst {
  cbind: CbindFlag;
  authzid: string | undefined;
  /** The gs2-header verbatim, trailing comma included: the client echoes it in c=. */
  gs2Header: string;
  /** client-first-message-bare verbatim, the first part of AuthMessage. */
  bare: string;
  /** The username with =2C and =3D decoded. */
  authcid: string;
  clientNonce: string;
}

export interface ClientFinal {
  /** c= decoded: gs2-header followed by the channel binding data. */
  channelBinding: Buffer;
  nonce: string;
  proof: Buffer;
  /** client-final-message-without-proof verbatim, the last part of AuthMessage. */
  withoutProof: string;
}

// printable = %x21-2B / %x2D-7E: visible ASCII except ','.
const NONCE = /^[\x21-\x2b\x2d-\x7e]+$/;
const CB_NAME = /^[A-Za-z0-9.-]+$/;
// attr-val = ALPHA "=" value, where value is one or more characters other than NUL and ','.
const EXTENSION = /^[A-Za-z]=[^\0,]+$/;

export function parseClientFirst(message: string): Checked<ClientFirst> {
  // No attribute value may contain ',' (saslname escapes it), so splitting is exact.
  const [flag = '', authzidField = '', ...bareFields] = message.split(',');
  const cbind = parseCbindFlag(flag);
  if (cbind === undefined) return malformed('the GS2 channel binding flag must be n, y or p=<cb-name>');

  let authzid: string | undefined;
  if (authzidField !== '') {
    authzid = authzidField.startsWith('a=') ? decodeSaslname(authzidField.slice(2)) : undefined;
    if (authzid === undefined) return malformed('the GS2 authzid must be a=<saslname>');
  }

  const [first = '', nonceField = '', ...extensions] = bareFields;
  // RFC 5802 §5.1: "m" marks an extension the server must understand, and this server knows none.
  if (first.startsWith('m=')) return malformed('mandatory SCRAM extensions are not supported');
  const authcid = first.startsWith('n=') ? decodeSaslname(first.slice(2)) : undefined;
  if (authcid === undefined) return malformed('the username must be n=<saslname> with "," and "=" sent as =2C and =3D');
  if (!nonceField.startsWith('r=') || !NONCE.test(nonceField.slice(2))) {
    return malformed('the nonce must be r= followed by printable characters');
  }
  if (!extensions.every((field) => EXTENSION.test(field))) return malformed('malformed SCRAM extension');

  const gs2Header = `${flag},${authzidField},`;
  return {
    ok: true,
    value: { cbind, authzid, gs2Header, bare: message.slice(gs2Header.length), authcid, clientNonce: nonceField.slice(2) },
  };
}

export function parseClientFinal(message: string): Checked<ClientFinal> {
  const fields = message.split(',');
  const channelField = fields[0] ?? '';
  const nonceField = fields[1] ?? '';
  const proofField = fields[fields.length - 1] ?? '';
  if (fields.length < 3 || !channelField.startsWith('c=') || !nonceField.startsWith('r=') || !proofField.startsWith('p=')) {
    return malformed('the client-final-message must be c=..,r=..,p=.. in this order');
  }
  if (!NONCE.test(nonceField.slice(2))) return malformed('the nonce must be printable characters');
  if (!fields.slice(2, -1).every((field) => EXTENSION.test(field))) return malformed('malformed SCRAM extension');

  const channelBinding = decodeBase64(channelField.slice(2));
  if (channelBinding === undefined) return incorrectEncoding('c= is not base64');
  const proof = decodeBase64(proofField.slice(2));
  if (proof === undefined) return incorrectEncoding('p= is not base64');
  return {
    ok: true,
    value: {
      channelBinding,
      nonce: nonceField.slice(2),
      proof,
      withoutProof: message.slice(0, message.length - proofField.length - 1),
    },
  };
}

function parseCbindFlag(flag: string): CbindFlag | undefined {
  if (flag === 'n' || flag === 'y') return { kind: flag };
  if (flag.startsWith('p=') && CB_NAME.test(flag.slice(2))) return { kind: 'p', name: flag.slice(2) };
  return undefined;
}

/** saslname: one or more characters other than NUL and ',', where '=' only starts =2C or =3D. */
function decodeSaslname(value: string): string | undefined {
  if (value === '' || value.includes('\0') || /=(?!2C|3D)/.test(value)) return undefined;
  return value.replace(/=2C|=3D/g, (escape) => (escape === '=2C' ? ',' : '='));
}

function malformed(text: string): Checked<never> {
  return { ok: false, condition: 'malformed-request', text };
}

// RFC 6120 §6.5.2 names incorrect-encoding for base64 that does not follow RFC 4648 §4.
function incorrectEncoding(text: string): Checked<never> {
  return { ok: false, condition: 'incorrect-encoding', text };
}
