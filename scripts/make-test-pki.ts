// Writes the test PKI (CA, localhost certificate and key) into the directory given.
import { createTestPki } from '../test/helpers/pki.js';

const dir = process.argv[2];
if (dir === undefined) {
  process.stderr.write('usage: make-test-pki.ts DIR\n');
  process.exit(2);
}
await createTestPki(dir);
