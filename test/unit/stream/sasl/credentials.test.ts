// Credential derivation and PLAIN verification against stored SCRAM keys (RFC 5802 §3, RFC 4013).
import { expect } from 'chai';
import {
  deriveCredentials,
  deriveCredentialsInBackground,
  deriveScramCredential,
  SALT_LENGTH,
  verifyPassword,
} from '../../../../src/stream/sasl/credentials.js';

describe('SASL credentials', () => {
  it('derives the RFC 5802 §5 and RFC 7677 §3 keys from "pencil"', () => {
    // The exchanges in scram.test.ts only succeed with these keys; here the shape is checked.
    const sha1 = deriveScramCredential('pencil', 'SHA-1', Buffer.from('QSXCR+Q6sek8bf92', 'base64'), 4096);
    const sha256 = deriveScramCredential('pencil', 'SHA-256', Buffer.from('W22ZaJ0SNY7soEsUEjb6gQ==', 'base64'), 4096);
    expect(sha1.storedKey).to.have.length(20);
    expect(sha1.serverKey).to.have.length(20);
    expect(sha256.storedKey).to.have.length(32);
    expect(sha256.serverKey).to.have.length(32);
    expect(sha1.iterations).to.equal(4096);
  });

  it('derives the same keys on the thread pool as inline, with fresh salts', async () => {
    const background = await deriveCredentialsInBackground('pencil', 4096);
    for (const hash of ['SHA-1', 'SHA-256'] as const) {
      const inline = deriveScramCredential('pencil', hash, background[hash].salt, 4096);
      expect(background[hash]).to.deep.equal(inline);
      expect(await verifyPassword('pencil', background[hash], hash)).to.equal(true);
    }
    expect(background['SHA-1'].salt.equals(background['SHA-256'].salt)).to.equal(false);
  });

  it('gives each hash and each derivation its own random salt', () => {
    const first = deriveCredentials('secret', 4096);
    const second = deriveCredentials('secret', 4096);
    expect(first['SHA-1'].salt).to.have.length(SALT_LENGTH);
    expect(first['SHA-256'].salt).to.have.length(SALT_LENGTH);
    expect(first['SHA-1'].salt.equals(first['SHA-256'].salt)).to.equal(false);
    expect(first['SHA-256'].salt.equals(second['SHA-256'].salt)).to.equal(false);
    expect(first['SHA-256'].storedKey.equals(second['SHA-256'].storedKey)).to.equal(false);
  });

  it('verifies the right password and refuses a wrong one for both hashes', async () => {
    const credentials = deriveCredentials('correct horse', 4096);
    for (const hash of ['SHA-1', 'SHA-256'] as const) {
      expect(await verifyPassword('correct horse', credentials[hash], hash)).to.equal(true);
      expect(await verifyPassword('correct horse!', credentials[hash], hash)).to.equal(false);
    }
  });

  it('does not verify a credential under the other hash', async () => {
    const credentials = deriveCredentials('pencil', 4096);
    expect(await verifyPassword('pencil', credentials['SHA-1'], 'SHA-256')).to.equal(false);
  });

  it('SASLprep-normalises passwords (RFC 4013 §3 examples)', async () => {
    // "I<U+00AD>X" maps to "IX" (soft hyphen maps to nothing); U+2168 ROMAN NUMERAL NINE maps to "IX".
    const credentials = deriveCredentials('I\u00ADX', 4096);
    expect(await verifyPassword('IX', credentials['SHA-256'], 'SHA-256')).to.equal(true);
    expect(await verifyPassword('\u2168', credentials['SHA-256'], 'SHA-256')).to.equal(true);
  });

  it('refuses to store passwords SASLprep prohibits, unassigned or empty', () => {
    expect(() => deriveCredentials('bell\u0007', 4096)).to.throw(RangeError);
    expect(() => deriveCredentials('\u0221', 4096)).to.throw(RangeError); // unassigned in Unicode 3.2
    expect(() => deriveCredentials('\u00AD', 4096)).to.throw(RangeError); // maps to nothing
    expect(() => deriveCredentials('', 4096)).to.throw(RangeError);
  });

  it('answers false, never throws, for a prohibited password at verification', async () => {
    const credentials = deriveCredentials('pencil', 4096);
    expect(await verifyPassword('bell\u0007', credentials['SHA-256'], 'SHA-256')).to.equal(false);
    expect(await verifyPassword('', credentials['SHA-256'], 'SHA-256')).to.equal(false);
  });
});
