// Flood control per occupant session: a token bucket of `burst` tokens refilled at `rate` a second.
import { expect } from 'chai';
import { FloodControl } from '../../../src/xep0045-muc/flood-control.js';

/** How many of `count` messages sent at the same instant get through. */
function allowed(flood: FloodControl, key: string, count: number, at: number): number {
  let passed = 0;
  for (let index = 0; index < count; index += 1) if (flood.take(key, at)) passed += 1;
  return passed;
}

describe('flood control', () => {
  it('a burst of messages at once gets through up to the burst size, then is refused', () => {
    const flood = new FloodControl(1, 5);
    expect(allowed(flood, 'bob', 8, 0)).to.equal(5);
    expect(flood.take('bob', 0)).to.equal(false);
  });

  it('tokens come back at the rate: one a second at rate 1', () => {
    const flood = new FloodControl(1, 3);
    allowed(flood, 'bob', 3, 0);
    expect(flood.take('bob', 500)).to.equal(false);
    expect(flood.take('bob', 1000)).to.equal(true);
    expect(flood.take('bob', 1000)).to.equal(false);
  });

  it('partial refills add up', () => {
    const flood = new FloodControl(2, 2);
    allowed(flood, 'bob', 2, 0);
    expect(flood.take('bob', 250)).to.equal(false);
    expect(flood.take('bob', 500)).to.equal(true);
  });

  it('the bucket never holds more than the burst, however long the sender is quiet', () => {
    const flood = new FloodControl(10, 3);
    flood.take('bob', 0);
    expect(allowed(flood, 'bob', 10, 3_600_000)).to.equal(3);
  });

  it('each sender has a bucket of his own', () => {
    const flood = new FloodControl(1, 2);
    allowed(flood, 'bob', 5, 0);
    expect(allowed(flood, 'carol', 2, 0)).to.equal(2);
  });

  it('forgetting a sender gives him a full bucket again', () => {
    const flood = new FloodControl(1, 2);
    allowed(flood, 'bob', 2, 0);
    flood.forget('bob');
    expect(allowed(flood, 'bob', 2, 0)).to.equal(2);
  });

  it('a rate of 0 turns flood control off', () => {
    expect(allowed(new FloodControl(0, 1), 'bob', 1000, 0)).to.equal(1000);
  });

  it('a clock that goes backwards does not hand out tokens', () => {
    const flood = new FloodControl(1, 1);
    flood.take('bob', 10_000);
    expect(flood.take('bob', 5_000)).to.equal(false);
  });
});
