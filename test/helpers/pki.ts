// A throwaway certificate authority and a server certificate for "localhost", so tests verify
// TLS like real clients do (the CA reaches them through NODE_EXTRA_CA_CERTS; see scripts/test.sh).
import { webcrypto } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
const DAY = 24 * 3600 * 1000;

export interface TestPki {
  caFile: string;
  certFile: string;
  keyFile: string;
}

export function testPkiFiles(dir: string): TestPki {
  return { caFile: path.join(dir, 'ca.crt'), certFile: path.join(dir, 'localhost.crt'), keyFile: path.join(dir, 'localhost.key') };
}

async function keyPair(): Promise<webcrypto.CryptoKeyPair> {
  return await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
}

export async function createTestPki(dir: string): Promise<TestPki> {
  const files = testPkiFiles(dir);
  const notBefore = new Date(Date.now() - DAY);
  const notAfter = new Date(Date.now() + 30 * DAY);
  const caKeys = await keyPair();
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01', name: 'CN=Parley test CA', notBefore, notAfter, keys: caKeys, signingAlgorithm: ALGORITHM,
    extensions: [new x509.BasicConstraintsExtension(true, 0, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign, true)],
  });
  const serverKeys = await keyPair();
  const server = await x509.X509CertificateGenerator.create({
    serialNumber: '02', subject: 'CN=localhost', issuer: ca.subject, notBefore, notAfter,
    publicKey: serverKeys.publicKey, signingKey: caKeys.privateKey, signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.SubjectAlternativeNameExtension([
        { type: 'dns', value: 'localhost' }, { type: 'dns', value: '*.localhost' }, { type: 'ip', value: '127.0.0.1' },
      ]),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
    ],
  });
  const key = x509.PemConverter.encode(await webcrypto.subtle.exportKey('pkcs8', serverKeys.privateKey), 'PRIVATE KEY');
  await mkdir(dir, { recursive: true });
  await writeFile(files.caFile, ca.toString('pem'));
  await writeFile(files.certFile, server.toString('pem'));
  await writeFile(files.keyFile, key, { mode: 0o600 });
  return files;
}
