// The offered SASL mechanisms and their order (RFC 6120 §6.3.3, RFC 7677, RFC 9266).
import { expect } from 'chai';
import type { AccountCredentials } from '../../../../src/persistence/ports.js';
import { createSaslMechanisms } from '../../../../src/stream/sasl/index.js';
import { makeContext } from './fixtures.js';

describe('createSaslMechanisms', () => {
  const all = ['SCRAM-SHA-256-PLUS', 'SCRAM-SHA-1-PLUS', 'SCRAM-SHA-256', 'SCRAM-SHA-1', 'PLAIN'];

  it('lists the mechanisms strongest first', () => {
    expect(createSaslMechanisms({ allowPlain: true }).map((mechanism) => mechanism.name)).to.deep.equal(all);
  });

  it('leaves PLAIN out when it is not allowed', () => {
    expect(createSaslMechanisms({ allowPlain: false }).map((mechanism) => mechanism.name)).to.deep.equal(all.slice(0, 4));
  });

  it('offers per connection: -PLUS with channel binding, PLAIN with TLS', () => {
    const mechanisms = createSaslMechanisms({ allowPlain: true });
    const offered = (context: ReturnType<typeof makeContext>): string[] =>
      mechanisms.filter((mechanism) => mechanism.isOffered(context)).map((mechanism) => mechanism.name);
    const accounts = new Map<string, AccountCredentials>();
    expect(offered(makeContext(accounts, { channelBindings: { 'tls-exporter': Buffer.from('x') } }))).to.deep.equal(all);
    expect(offered(makeContext(accounts))).to.deep.equal(['SCRAM-SHA-256', 'SCRAM-SHA-1', 'PLAIN']);
    expect(offered(makeContext(accounts, { isSecure: false }))).to.deep.equal(['SCRAM-SHA-256', 'SCRAM-SHA-1']);
  });

  it('shows unknown users the configured iteration count and the same salt for the same secret', async () => {
    const secret = Buffer.alloc(32, 1);
    const challenge = async (): Promise<string> => {
      const [, , sha256] = createSaslMechanisms({ allowPlain: false, serverSecret: secret, scramIterations: 5000 });
      const step = await sha256?.createExchange(makeContext(new Map())).start(Buffer.from('n,,n=romeo,r=abc'));
      return step?.kind === 'challenge' ? step.data.toString().replace(/^r=[^,]*,/, '') : '';
    };
    const first = await challenge();
    expect(first).to.match(/^s=[A-Za-z0-9+/]{22}==,i=5000$/);
    expect(await challenge()).to.equal(first);
  });
});
