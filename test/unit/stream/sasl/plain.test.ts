// SASL PLAIN (RFC 4616 §2) checked against stored SCRAM keys, offered only under TLS.
import { expect } from 'chai';
import sinon from 'sinon';
import type { AccountCredentials } from '../../../../src/persistence/ports.js';
import { deriveCredentials } from '../../../../src/stream/sasl/credentials.js';
import type { SaslStep } from '../../../../src/stream/sasl/mechanism.js';
import { createPlainMechanism } from '../../../../src/stream/sasl/plain.js';
import { makeContext } from './fixtures.js';

function message(authzid: string, authcid: string, password: string): Buffer {
  return Buffer.from(`${authzid}\0${authcid}\0${password}`, 'utf8');
}

function failure(step: SaslStep, condition: string): void {
  expect(step.kind, JSON.stringify(step)).to.equal('failure');
  if (step.kind === 'failure') expect(step.condition, step.text).to.equal(condition);
}

describe('PLAIN mechanism', () => {
  const accounts = new Map<string, AccountCredentials>([['juliet', deriveCredentials('r0m30myr0m30', 4096)]]);
  const plain = createPlainMechanism();

  it('is offered only on a TLS-protected stream', () => {
    expect(plain.name).to.equal('PLAIN');
    expect(plain.isOffered(makeContext(accounts))).to.equal(true);
    expect(plain.isOffered(makeContext(accounts, { isSecure: false }))).to.equal(false);
  });

  it('refuses to run without TLS even when selected anyway', async () => {
    const step = await plain.createExchange(makeContext(accounts, { isSecure: false })).start(message('', 'juliet', 'r0m30myr0m30'));
    failure(step, 'encryption-required');
  });

  it('authenticates the right password from the initial response', async () => {
    const step = await plain.createExchange(makeContext(accounts)).start(message('', 'Juliet', 'r0m30myr0m30'));
    expect(step).to.deep.equal({ kind: 'success', username: 'juliet' });
  });

  it('asks for the message with an empty challenge when there is no initial response', async () => {
    const exchange = plain.createExchange(makeContext(accounts));
    expect(await exchange.start(undefined)).to.deep.equal({ kind: 'challenge', data: Buffer.alloc(0) });
    expect((await exchange.respond(message('', 'juliet', 'r0m30myr0m30'))).kind).to.equal('success');
  });

  it('SASLprep-normalises the password', async () => {
    const step = await plain.createExchange(makeContext(accounts)).start(message('', 'juliet', 'r0m30my\u00ADr0m30'));
    expect(step.kind).to.equal('success');
  });

  it('fails a wrong password with not-authorized', async () => {
    const step = await plain.createExchange(makeContext(accounts)).start(message('', 'juliet', 'wrong'));
    expect(step).to.deep.equal({ kind: 'failure', condition: 'not-authorized', username: 'juliet' });
  });

  it('fails an unknown user exactly like a wrong password', async () => {
    const lookupCredentials = sinon.spy((username: string) => Promise.resolve(accounts.get(username)));
    const step = await plain.createExchange(makeContext(accounts, { lookupCredentials })).start(message('', 'romeo', 'wrong'));
    expect(lookupCredentials.calledOnceWith('romeo')).to.equal(true);
    expect(step).to.deep.equal({ kind: 'failure', condition: 'not-authorized', username: 'romeo' });
  });

  it('accepts the own bare JID as authzid and refuses any other with invalid-authzid', async () => {
    const own = await plain.createExchange(makeContext(accounts)).start(message('juliet@example.com', 'juliet', 'r0m30myr0m30'));
    expect(own.kind).to.equal('success');
    const other = await plain.createExchange(makeContext(accounts)).start(message('romeo@example.com', 'juliet', 'r0m30myr0m30'));
    failure(other, 'invalid-authzid');
  });

  it('falls back to the SHA-1 credential when no SHA-256 one is stored', async () => {
    const { 'SHA-1': sha1 } = deriveCredentials('r0m30myr0m30', 4096);
    // A row the type does not describe, as an older or partial import could leave behind.
    const legacy = new Map([['juliet', { 'SHA-1': sha1 } as AccountCredentials]]);
    const step = await plain.createExchange(makeContext(legacy)).start(message('', 'juliet', 'r0m30myr0m30'));
    expect(step.kind).to.equal('success');
  });

  it('answers temporary-auth-failure when the account store fails', async () => {
    const context = makeContext(accounts, { lookupCredentials: sinon.stub().rejects(new Error('database down')) });
    failure(await plain.createExchange(context).start(message('', 'juliet', 'r0m30myr0m30')), 'temporary-auth-failure');
  });

  it('refuses an authcid that is not a valid username', async () => {
    failure(await plain.createExchange(makeContext(accounts)).start(message('', 'a b', 'x')), 'not-authorized');
  });

  const malformed: [string, Buffer][] = [
    ['an empty message', Buffer.alloc(0)],
    ['a single NUL', Buffer.from('juliet\0r0m30myr0m30')],
    ['a NUL inside the password', message('', 'juliet', 'r0m30\0myr0m30')],
    ['an empty authcid', message('', '', 'r0m30myr0m30')],
    ['an empty password', message('', 'juliet', '')],
    ['bytes that are not UTF-8', Buffer.concat([message('', 'juliet', 'r0m30'), Buffer.from([0xc3])])],
  ];
  for (const [name, bytes] of malformed) {
    it(`fails ${name} with malformed-request`, async () => {
      failure(await plain.createExchange(makeContext(accounts)).start(bytes), 'malformed-request');
    });
  }

  it('fails steps out of order instead of throwing', async () => {
    failure(await plain.createExchange(makeContext(accounts)).respond(message('', 'juliet', 'r0m30myr0m30')), 'malformed-request');
    const done = plain.createExchange(makeContext(accounts));
    await done.start(message('', 'juliet', 'r0m30myr0m30'));
    failure(await done.respond(message('', 'juliet', 'r0m30myr0m30')), 'malformed-request');
  });
});
