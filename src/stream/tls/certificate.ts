// TLS credentials of a node: the operator's PEM files, or a self-signed certificate generated on
// first start under the data directory (and said so in the log).
import { createHash, webcrypto } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as x509 from '@peculiar/x509';
import type { Logger } from 'pino';

export interface TlsCredentials {
  key: string;
  cert: string;
  /** RFC 5929 §4.1 tls-server-end-point: the certificate's hash under its signature's hash (SHA-256 at least). */
  endPointHash: Buffer;
  /** Where the files came from, for the log. */
  source: 'configured' | 'generated' | 'previously-generated';
}

export interface CertificateOptions {
  certFile?: string | undefined;
  keyFile?: string | undefined;
  dataDir: string;
  domain: string;
}

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

/** RFC 5929 §4.1: MD5 and SHA-1 are replaced by SHA-256; other hashes are used as they are. */
function endPointHash(certPem: string): Buffer {
  const cert = new x509.X509Certificate(certPem);
  const algorithm = cert.signatureAlgorithm as { hash?: { name?: string } };
  const hashName = algorithm.hash?.name ?? 'SHA-256';
  const nodeHash = hashName === 'SHA-384' ? 'sha384' : hashName === 'SHA-512' ? 'sha512' : 'sha256';
  return createHash(nodeHash).update(Buffer.from(cert.rawData)).digest();
}

async function generate(domain: string): Promise<{ key: string; cert: string }> {
  const algorithm = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 };
  const keys = await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
  const notBefore = new Date(Date.now() - 60_000);
  const notAfter = new Date(notBefore.getTime() + 3650 * 24 * 3600 * 1000);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: Buffer.from(webcrypto.getRandomValues(new Uint8Array(16))).toString('hex').replace(/^[89a-f]/, '1'),
    name: `CN=${domain}`,
    notBefore,
    notAfter,
    keys,
    signingAlgorithm: algorithm,
    extensions: [
      new x509.SubjectAlternativeNameExtension([
        { type: 'dns', value: domain },
        { type: 'dns', value: `*.${domain}` },
      ]),
      new x509.BasicConstraintsExtension(false),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
    ],
  });
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
  const key = x509.PemConverter.encode(pkcs8, 'PRIVATE KEY');
  return { key, cert: certificate.toString('pem') };
}

export async function loadTlsCredentials(options: CertificateOptions, log: Logger): Promise<TlsCredentials> {
  if (options.certFile !== undefined || options.keyFile !== undefined) {
    if (options.certFile === undefined || options.keyFile === undefined) {
      throw new Error('tls.certFile and tls.keyFile must be given together');
    }
    const [cert, key] = await Promise.all([readFile(options.certFile, 'utf8'), readFile(options.keyFile, 'utf8')]);
    return { cert, key, endPointHash: endPointHash(cert), source: 'configured' };
  }
  const dir = path.join(options.dataDir, 'tls');
  const certPath = path.join(dir, `${options.domain}.crt`);
  const keyPath = path.join(dir, `${options.domain}.key`);
  if (existsSync(certPath) && existsSync(keyPath)) {
    const [cert, key] = await Promise.all([readFile(certPath, 'utf8'), readFile(keyPath, 'utf8')]);
    return { cert, key, endPointHash: endPointHash(cert), source: 'previously-generated' };
  }
  const { cert, key } = await generate(options.domain);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeFile(keyPath, key, { mode: 0o600 });
  await chmod(keyPath, 0o600);
  await writeFile(certPath, cert);
  log.warn({ certFile: certPath }, 'no TLS certificate configured: generated a self-signed one; clients will ask to trust it');
  return { cert, key, endPointHash: endPointHash(cert), source: 'generated' };
}
