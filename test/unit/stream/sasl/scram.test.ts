// SCRAM server exchanges: the RFC 5802 §5 and RFC 7677 §3 examples, channel binding (RFC 5802 §6,
// RFC 9266, RFC 5929), unknown users, and malformed messages mapped to RFC 6120 §6.5 conditions.
import { expect } from 'chai';
import sinon from 'sinon';
import type { AccountCredentials, ScramHashName } from '../../../../src/persistence/ports.js';
import { deriveCredentials, deriveScramCredential } from '../../../../src/stream/sasl/credentials.js';
import { createDecoyCredentials } from '../../../../src/stream/sasl/decoy.js';
import type { SaslContext, SaslStep } from '../../../../src/stream/sasl/mechanism.js';
import { createScramMechanism, type ScramOptions } from '../../../../src/stream/sasl/scram.js';
import { makeContext, ScramClient } from './fixtures.js';

const ITERATIONS = 4096;
const EXPORTER = Buffer.from('exporter keying material of this TLS connection');
const END_POINT = Buffer.from('hash of the server certificate');

function text(step: SaslStep): string {
  expect(step.kind, JSON.stringify(step)).to.equal('challenge');
  return step.kind === 'challenge' ? step.data.toString('utf8') : '';
}

function failure(step: SaslStep, condition: string): void {
  expect(step.kind, JSON.stringify(step)).to.equal('failure');
  if (step.kind === 'failure') expect(step.condition, step.text).to.equal(condition);
}

describe('SCRAM mechanisms', () => {
  const accounts = new Map<string, AccountCredentials>([['juliet', deriveCredentials('r0m30myr0m30', ITERATIONS)]]);

  /** Runs a whole exchange with the test client and returns the last server step. */
  async function exchange(
    options: ScramOptions,
    context: SaslContext,
    client: ScramClient,
    tamper: (final: string) => string = (final) => final,
  ): Promise<SaslStep> {
    const server = createScramMechanism(options).createExchange(context);
    const first = await server.start(client.first());
    if (first.kind !== 'challenge') return first;
    return server.respond(Buffer.from(tamper(client.final(first.data).toString('utf8')), 'utf8'));
  }

  function client(hash: ScramHashName, overrides: Partial<ConstructorParameters<typeof ScramClient>[0]> = {}): ScramClient {
    return new ScramClient({ hash, username: 'juliet', password: 'r0m30myr0m30', nonce: 'clientnonce0123', ...overrides });
  }

  describe('names and offering', () => {
    it('names the four mechanisms', () => {
      expect(createScramMechanism({ hash: 'SHA-1', plus: false }).name).to.equal('SCRAM-SHA-1');
      expect(createScramMechanism({ hash: 'SHA-1', plus: true }).name).to.equal('SCRAM-SHA-1-PLUS');
      expect(createScramMechanism({ hash: 'SHA-256', plus: false }).name).to.equal('SCRAM-SHA-256');
      expect(createScramMechanism({ hash: 'SHA-256', plus: true }).name).to.equal('SCRAM-SHA-256-PLUS');
    });

    it('offers -PLUS only when the connection has a channel binding', () => {
      const plus = createScramMechanism({ hash: 'SHA-256', plus: true });
      expect(plus.isOffered(makeContext(accounts))).to.equal(false);
      expect(plus.isOffered(makeContext(accounts, { channelBindings: { 'tls-exporter': EXPORTER } }))).to.equal(true);
      expect(plus.isOffered(makeContext(accounts, { channelBindings: { 'tls-server-end-point': END_POINT } }))).to.equal(true);
      expect(createScramMechanism({ hash: 'SHA-256', plus: false }).isOffered(makeContext(accounts, { isSecure: false }))).to.equal(true);
    });
  });

  describe('RFC test vectors', () => {
    it('replays the RFC 5802 §5 SCRAM-SHA-1 example', async () => {
      const salt = Buffer.from('QSXCR+Q6sek8bf92', 'base64');
      const context = makeContext(new Map([['user', { 'SHA-1': deriveScramCredential('pencil', 'SHA-1', salt, 4096), 'SHA-256': deriveScramCredential('pencil', 'SHA-256', salt, 4096) }]]));
      const server = createScramMechanism({ hash: 'SHA-1', plus: false, randomNonce: () => '3rfcNHYJY1ZVvWVs7j' }).createExchange(context);

      const first = await server.start(Buffer.from('n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL'));
      expect(text(first)).to.equal('r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096');
      const final = await server.respond(
        Buffer.from('c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts='),
      );
      expect(final).to.deep.equal({ kind: 'success', username: 'user', additionalData: Buffer.from('v=rmF9pqV8S7suAoZWja4dJRkFsKQ=') });
    });

    it('replays the RFC 7677 §3 SCRAM-SHA-256 example', async () => {
      const salt = Buffer.from('W22ZaJ0SNY7soEsUEjb6gQ==', 'base64');
      const context = makeContext(new Map([['user', { 'SHA-1': deriveScramCredential('pencil', 'SHA-1', salt, 4096), 'SHA-256': deriveScramCredential('pencil', 'SHA-256', salt, 4096) }]]));
      const server = createScramMechanism({ hash: 'SHA-256', plus: false, randomNonce: () => '%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0' }).createExchange(context);

      const first = await server.start(Buffer.from('n,,n=user,r=rOprNGfwEbeRWgbNEkqO'));
      expect(text(first)).to.equal('r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096');
      const final = await server.respond(
        Buffer.from('c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ='),
      );
      expect(final).to.deep.equal({
        kind: 'success',
        username: 'user',
        additionalData: Buffer.from('v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4='),
      });
    });
  });

  describe('client and server', () => {
    for (const hash of ['SHA-1', 'SHA-256'] as const) {
      it(`authenticates with SCRAM-${hash} and proves the server to the client`, async () => {
        const scram = client(hash);
        const step = await exchange({ hash, plus: false }, makeContext(accounts), scram);
        expect(step.kind).to.equal('success');
        if (step.kind === 'success') {
          expect(step.username).to.equal('juliet');
          expect(scram.verifies(step.additionalData ?? Buffer.alloc(0))).to.equal(true);
        }
      });
    }

    it('invites the client-first-message with an empty challenge when there is no initial response', async () => {
      const scram = client('SHA-256');
      const server = createScramMechanism({ hash: 'SHA-256', plus: false }).createExchange(makeContext(accounts));
      expect(await server.start(undefined)).to.deep.equal({ kind: 'challenge', data: Buffer.alloc(0) });
      const first = await server.respond(scram.first());
      const final = await server.respond(scram.final(Buffer.from(text(first))));
      expect(final.kind).to.equal('success');
    });

    it('normalises the unescaped username', async () => {
      const normalizeUsername = sinon.spy((authcid: string) => (authcid.includes(',') ? 'juliet' : undefined));
      const step = await exchange(
        { hash: 'SHA-256', plus: false },
        makeContext(accounts, { normalizeUsername }),
        client('SHA-256', { username: 'Jul,iet=' }),
      );
      expect(normalizeUsername.firstCall.args[0]).to.equal('Jul,iet=');
      expect(step.kind).to.equal('success');
    });

    it('fails a wrong password with not-authorized after the full exchange', async () => {
      const step = await exchange({ hash: 'SHA-256', plus: false }, makeContext(accounts), client('SHA-256', { password: 'wrong' }));
      expect(step).to.deep.equal({ kind: 'failure', condition: 'not-authorized', username: 'juliet' });
    });

    it('refuses an authcid that is not a valid username', async () => {
      const step = await exchange({ hash: 'SHA-256', plus: false }, makeContext(accounts), client('SHA-256', { username: 'a b' }));
      expect(step).to.deep.equal({ kind: 'failure', condition: 'not-authorized' });
    });

    it('answers temporary-auth-failure when the account store fails', async () => {
      const context = makeContext(accounts, { lookupCredentials: sinon.stub().rejects(new Error('database down')) });
      const step = await exchange({ hash: 'SHA-256', plus: false }, context, client('SHA-256'));
      failure(step, 'temporary-auth-failure');
    });
  });

  describe('unknown users', () => {
    const options: ScramOptions = { hash: 'SHA-256', plus: false, decoy: createDecoyCredentials(Buffer.alloc(32, 7), ITERATIONS) };

    async function firstChallenge(username: string): Promise<Map<string, string>> {
      const server = createScramMechanism(options).createExchange(makeContext(accounts));
      const step = await server.start(client('SHA-256', { username }).first());
      return new Map(text(step).split(',').map((field) => [field.slice(0, 1), field.slice(2)]));
    }

    it('get a challenge of the same shape as a real account', async () => {
      const known = await firstChallenge('juliet');
      const unknown = await firstChallenge('romeo');
      expect([...unknown.keys()]).to.deep.equal([...known.keys()]);
      expect(Buffer.from(unknown.get('s') ?? '', 'base64')).to.have.length(Buffer.from(known.get('s') ?? '', 'base64').length);
      expect(unknown.get('i')).to.equal(known.get('i'));
      expect(unknown.get('r')).to.have.length(known.get('r')?.length ?? 0);
    });

    it('get the same salt on every attempt, so repeating does not expose them', async () => {
      expect((await firstChallenge('romeo')).get('s')).to.equal((await firstChallenge('romeo')).get('s'));
      expect((await firstChallenge('romeo')).get('s')).not.to.equal((await firstChallenge('mercutio')).get('s'));
    });

    it('fail exactly like a wrong password', async () => {
      const lookupCredentials = sinon.spy((username: string) => Promise.resolve(accounts.get(username)));
      const context = makeContext(accounts, { lookupCredentials });
      const unknown = await exchange(options, context, client('SHA-256', { username: 'romeo' }));
      const wrong = await exchange(options, context, client('SHA-256', { password: 'wrong' }));
      expect(lookupCredentials.args).to.deep.equal([['romeo'], ['juliet']]);
      expect(unknown).to.deep.equal({ kind: 'failure', condition: 'not-authorized', username: 'romeo' });
      expect(wrong).to.deep.equal({ kind: 'failure', condition: 'not-authorized', username: 'juliet' });
    });
  });

  describe('channel binding', () => {
    const bound = makeContext(accounts, { channelBindings: { 'tls-exporter': EXPORTER, 'tls-server-end-point': END_POINT } });

    for (const hash of ['SHA-1', 'SHA-256'] as const) {
      it(`binds SCRAM-${hash}-PLUS to tls-exporter`, async () => {
        const scram = client(hash, { gs2Header: 'p=tls-exporter,,', bindingData: EXPORTER });
        const step = await exchange({ hash, plus: true }, bound, scram);
        expect(step.kind).to.equal('success');
        if (step.kind === 'success') expect(scram.verifies(step.additionalData ?? Buffer.alloc(0))).to.equal(true);
      });
    }

    it('binds to tls-server-end-point', async () => {
      const scram = client('SHA-256', { gs2Header: 'p=tls-server-end-point,,', bindingData: END_POINT });
      expect((await exchange({ hash: 'SHA-256', plus: true }, bound, scram)).kind).to.equal('success');
    });

    it('fails when the client saw other channel binding data (a man in the middle)', async () => {
      const scram = client('SHA-256', { gs2Header: 'p=tls-exporter,,', bindingData: Buffer.from('another TLS connection') });
      const step = await exchange({ hash: 'SHA-256', plus: true }, bound, scram);
      failure(step, 'not-authorized');
    });

    it('fails a type this connection does not have', async () => {
      const exporterOnly = makeContext(accounts, { channelBindings: { 'tls-exporter': EXPORTER } });
      const endPoint = client('SHA-256', { gs2Header: 'p=tls-server-end-point,,', bindingData: END_POINT });
      failure(await exchange({ hash: 'SHA-256', plus: true }, exporterOnly, endPoint), 'not-authorized');
      const unique = client('SHA-256', { gs2Header: 'p=tls-unique,,', bindingData: END_POINT });
      failure(await exchange({ hash: 'SHA-256', plus: true }, bound, unique), 'not-authorized');
    });

    it('detects a downgrade when the client says "y" while -PLUS is offered', async () => {
      const step = await exchange({ hash: 'SHA-256', plus: false }, bound, client('SHA-256', { gs2Header: 'y,,' }));
      failure(step, 'not-authorized');
    });

    it('accepts "y" when the connection has no channel binding', async () => {
      const step = await exchange({ hash: 'SHA-256', plus: false }, makeContext(accounts), client('SHA-256', { gs2Header: 'y,,' }));
      expect(step.kind).to.equal('success');
    });

    it('fails "p=" on a mechanism without -PLUS', async () => {
      const scram = client('SHA-256', { gs2Header: 'p=tls-exporter,,', bindingData: EXPORTER });
      failure(await exchange({ hash: 'SHA-256', plus: false }, bound, scram), 'malformed-request');
    });

    it('fails "n" or "y" on a -PLUS mechanism', async () => {
      failure(await exchange({ hash: 'SHA-256', plus: true }, bound, client('SHA-256')), 'malformed-request');
      failure(await exchange({ hash: 'SHA-256', plus: true }, bound, client('SHA-256', { gs2Header: 'y,,' })), 'malformed-request');
    });

    it('fails when c= does not repeat the gs2-header sent first', async () => {
      const step = await exchange({ hash: 'SHA-256', plus: false }, makeContext(accounts), client('SHA-256'), (final) =>
        final.replace(/^c=[^,]*/, `c=${Buffer.from('y,,').toString('base64')}`),
      );
      failure(step, 'not-authorized');
    });
  });

  describe('authorization identity', () => {
    it('accepts the own bare JID, in any case the username normalises from', async () => {
      const step = await exchange({ hash: 'SHA-256', plus: false }, makeContext(accounts), client('SHA-256', { gs2Header: 'n,a=Juliet@example.com,' }));
      expect(step.kind).to.equal('success');
    });

    for (const authzid of ['romeo@example.com', 'juliet@example.org', 'juliet', 'example.com', 'juliet@', 'juliet@example.com/balcony', '@example.com']) {
      it(`refuses ${authzid} with invalid-authzid`, async () => {
        const scram = client('SHA-256', { gs2Header: `n,a=${authzid},` });
        failure(await exchange({ hash: 'SHA-256', plus: false }, makeContext(accounts), scram), 'invalid-authzid');
      });
    }
  });

  describe('malformed messages', () => {
    const cases: [string, Buffer, string][] = [
      ['an empty initial response', Buffer.alloc(0), 'malformed-request'],
      ['bytes that are not UTF-8', Buffer.from([0x6e, 0x2c, 0x2c, 0x6e, 0x3d, 0xff, 0x2c, 0x72, 0x3d, 0x61]), 'malformed-request'],
      ['an unknown GS2 flag', Buffer.from('x,,n=juliet,r=abc'), 'malformed-request'],
      ['a missing nonce', Buffer.from('n,,n=juliet'), 'malformed-request'],
      ['attributes out of order', Buffer.from('n,,r=abc,n=juliet'), 'malformed-request'],
      ['a missing gs2-header', Buffer.from('n=juliet,r=abc'), 'malformed-request'],
      ['an authzid without a=', Buffer.from('n,juliet,n=juliet,r=abc'), 'malformed-request'],
      ['the reserved m= extension', Buffer.from('n,,m=ext,n=juliet,r=abc'), 'malformed-request'],
      ['a nonce with a space', Buffer.from('n,,n=juliet,r=ab c'), 'malformed-request'],
      ['an empty nonce', Buffer.from('n,,n=juliet,r='), 'malformed-request'],
      ['an empty username', Buffer.from('n,,n=,r=abc'), 'malformed-request'],
      ['a bad username escape', Buffer.from('n,,n=jul=41iet,r=abc'), 'malformed-request'],
      ['a malformed extension', Buffer.from('n,,n=juliet,r=abc,ext'), 'malformed-request'],
    ];
    for (const [name, message, condition] of cases) {
      it(`fails a client-first-message with ${name}: ${condition}`, async () => {
        const server = createScramMechanism({ hash: 'SHA-256', plus: false }).createExchange(makeContext(accounts));
        failure(await server.start(message), condition);
      });
    }

    it('ignores well-formed optional extensions', async () => {
      const server = createScramMechanism({ hash: 'SHA-256', plus: false }).createExchange(makeContext(accounts));
      expect((await server.start(Buffer.from('n,,n=juliet,r=abc,x=future'))).kind).to.equal('challenge');
    });

    const finals: [string, (final: string) => string, string][] = [
      ['bad base64 in p=', (final) => final.replace(/p=.*$/, 'p=not*base64'), 'incorrect-encoding'],
      ['non-canonical base64 in p=', (final) => final.replace(/p=.*$/, 'p=AB=='), 'incorrect-encoding'],
      ['bad base64 in c=', (final) => final.replace(/^c=[^,]*/, 'c=biw'), 'incorrect-encoding'],
      ['no proof', (final) => final.replace(/,p=.*$/, ''), 'malformed-request'],
      ['no channel binding', (final) => final.replace(/^c=[^,]*,/, ''), 'malformed-request'],
      ['attributes out of order', (final) => final.replace(/^(c=[^,]*),(r=[^,]*)/, '$2,$1'), 'malformed-request'],
      ['a proof of the wrong length', (final) => final.replace(/p=.*$/, 'p=AAAA'), 'malformed-request'],
      ['a nonce not prefixed by the client nonce', (final) => final.replace(/r=clientnonce0123/, 'r=othernonce'), 'not-authorized'],
      ['a nonce without the server part', (final) => final.replace(/r=[^,]*/, 'r=clientnonce0123'), 'not-authorized'],
      ['trailing garbage after the proof', (final) => `${final},x`, 'malformed-request'],
    ];
    for (const [name, tamper, condition] of finals) {
      it(`fails a client-final-message with ${name}: ${condition}`, async () => {
        failure(await exchange({ hash: 'SHA-256', plus: false }, makeContext(accounts), client('SHA-256'), tamper), condition);
      });
    }

    it('fails steps out of order instead of throwing', async () => {
      const mechanism = createScramMechanism({ hash: 'SHA-256', plus: false });
      failure(await mechanism.createExchange(makeContext(accounts)).respond(Buffer.from('c=biws')), 'malformed-request');

      const twice = mechanism.createExchange(makeContext(accounts));
      await twice.start(undefined);
      failure(await twice.start(undefined), 'malformed-request');

      const scram = client('SHA-256');
      const done = mechanism.createExchange(makeContext(accounts));
      const first = await done.start(scram.first());
      expect((await done.respond(scram.final(Buffer.from(text(first))))).kind).to.equal('success');
      failure(await done.respond(Buffer.alloc(0)), 'malformed-request');
    });

    it('answers arbitrary bytes with a failure, never an exception', async () => {
      // MINSTD: a fixed pseudo-random sequence, so a failure reproduces.
      let seed = 1;
      const next = (): number => (seed = (seed * 48271) % 2147483647) % 256;
      const randomBytes = (): Buffer => Buffer.from(Array.from({ length: next() % 60 }, next));
      const mechanism = createScramMechanism({ hash: 'SHA-1', plus: true });
      const context = makeContext(accounts, { channelBindings: { 'tls-exporter': EXPORTER } });
      for (let round = 0; round < 200; round++) {
        expect((await mechanism.createExchange(context).start(randomBytes())).kind).to.equal('failure');
        const server = mechanism.createExchange(context);
        await server.start(client('SHA-1', { gs2Header: 'p=tls-exporter,,', bindingData: EXPORTER }).first());
        expect((await server.respond(randomBytes())).kind).to.equal('failure');
      }
    });
  });
});
