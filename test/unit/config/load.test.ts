// The configuration: the shipped example parses, defaults are complete, errors name the key.
import { expect } from 'chai';
import { ConfigError, loadConfig, validateConfig } from '../../../src/config/load.js';
import { configSchema } from '../../../src/config/schema.js';

describe('configuration', () => {
  it('the commented example in conf/ is valid and equals the defaults', async () => {
    const example = await loadConfig('conf/parley.example.yaml', {});
    expect(example).to.deep.equal(configSchema.parse({}));
    expect(example.listen.c2sPort).to.equal(5222);
    expect(example.limits.maxStanzaBytes).to.equal(256 * 1024);
    expect(example.registration.enabled).to.equal(false);
  });

  it('environment variables override ports and secrets', () => {
    const config = validateConfig({ storage: { type: 'postgres' } }, 'x.yaml', { PARLEY_C2S_PORT: '15222', PARLEY_HTTP_PORT: 'off', PARLEY_DB_PASSWORD: 'pw' });
    expect(config.listen.c2sPort).to.equal(15222);
    expect(config.listen.httpPort).to.equal(null);
    expect(config.storage.type === 'postgres' && config.storage.password).to.equal('pw');
  });

  it('names the file, the key and the expectation', () => {
    expect(() => validateConfig({ limits: { maxDepth: 2 } }, 'node.yaml', {})).to.throw(ConfigError, /node\.yaml[\s\S]*limits\.maxDepth: Too small: expected number to be >=4/);
    expect(() => validateConfig({ storage: { type: 'mysql' } }, 'node.yaml', {})).to.throw(ConfigError, /storage\.type/);
    expect(() => validateConfig({ tls: { cert: 'x' } }, 'node.yaml', {})).to.throw(ConfigError, /tls: Unrecognized key: "cert"/);
    expect(() => validateConfig({}, 'node.yaml', { PARLEY_C2S_PORT: 'many' })).to.throw(ConfigError, /PARLEY_C2S_PORT: expected a port number/);
    expect(() => validateConfig([1, 2], 'node.yaml', {})).to.throw(ConfigError, /mapping/);
  });

  it('explains an unreadable or invalid YAML file', async () => {
    let error: unknown;
    try {
      await loadConfig('conf/does-not-exist.yaml', {});
    } catch (caught) {
      error = caught;
    }
    expect(String(error)).to.include('cannot read configuration file conf/does-not-exist.yaml: ENOENT');
  });
});
