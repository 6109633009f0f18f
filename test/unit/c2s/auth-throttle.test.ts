// Failed-login throttling per address and per account, on an injected clock.
import { expect } from 'chai';
import { AuthThrottle } from '../../../src/c2s/auth-throttle.js';

describe('AuthThrottle', () => {
  let now = 0;
  const throttle = (): AuthThrottle => new AuthThrottle({ windowMs: 60_000, maxFailuresPerAddress: 3, maxFailuresPerAccount: 2, throttleMs: 30_000, now: () => now });

  beforeEach(() => {
    now = 1_000_000;
  });

  it('throttles an account after its limit, from any address, for throttleMs', () => {
    const t = throttle();
    t.recordFailure('10.0.0.1', 'alice@x');
    expect(t.isAccountThrottled('alice@x')).to.equal(false);
    expect(t.recordFailure('10.0.0.2', 'alice@x')).to.deep.equal({ address: false, account: true });
    expect(t.isAccountThrottled('alice@x')).to.equal(true);
    now += 30_001;
    expect(t.isAccountThrottled('alice@x')).to.equal(false);
  });

  it('throttles an address that probes many accounts', () => {
    const t = throttle();
    t.recordFailure('10.0.0.1', 'a@x');
    t.recordFailure('10.0.0.1', 'b@x');
    expect(t.isAddressThrottled('10.0.0.1')).to.equal(false);
    t.recordFailure('10.0.0.1', 'c@x');
    expect(t.isAddressThrottled('10.0.0.1')).to.equal(true);
    expect(t.isAddressThrottled('10.0.0.2')).to.equal(false);
  });

  it('forgets failures older than the window', () => {
    const t = throttle();
    t.recordFailure('10.0.0.1', 'alice@x');
    now += 60_001;
    t.recordFailure('10.0.0.1', 'alice@x');
    expect(t.isAccountThrottled('alice@x')).to.equal(false);
  });

  it('a success forgives the account, not the address', () => {
    const t = throttle();
    t.recordFailure('10.0.0.1', 'alice@x');
    t.recordFailure('10.0.0.1', 'bob@x');
    t.recordSuccess('alice@x');
    t.recordFailure('10.0.0.1', 'alice@x');
    expect(t.isAccountThrottled('alice@x')).to.equal(false);
    expect(t.isAddressThrottled('10.0.0.1')).to.equal(true);
  });
});
