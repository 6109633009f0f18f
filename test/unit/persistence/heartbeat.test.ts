// The heartbeat: checks at its interval, reports a lost and a recovered database once each, and
// backs off while the database stays away.
import { expect } from 'chai';
import pino from 'pino';
import sinon from 'sinon';
import { Heartbeat } from '../../../src/persistence/heartbeat.js';
import type { StorageHealth } from '../../../src/persistence/ports.js';

describe('Heartbeat', () => {
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => {
    clock = sinon.useFakeTimers();
  });
  afterEach(() => {
    clock.restore();
  });

  it('reports each change once and backs off while the database is away, up to 16 intervals', async () => {
    let isUp = true;
    const checks: number[] = [];
    const heartbeat = new Heartbeat(() => {
      checks.push(Date.now());
      return Promise.resolve<StorageHealth>({ isReachable: isUp, checkedAt: new Date(), ...(isUp ? {} : { lastError: 'refused' }) });
    }, 100, pino({ level: 'silent' }));
    const changes: boolean[] = [];
    heartbeat.onChange((health) => changes.push(health.isReachable));

    await clock.tickAsync(300);
    expect(checks).to.deep.equal([100, 200, 300]);
    isUp = false;
    await clock.tickAsync(100 + 200 + 400 + 800 + 1600 + 1600);
    expect(checks.slice(3)).to.deep.equal([400, 600, 1000, 1800, 3400, 5000]);
    expect(changes).to.deep.equal([false]);
    expect(heartbeat.last).to.include({ isReachable: false, lastError: 'refused' });

    isUp = true;
    await clock.tickAsync(1600 + 100);
    expect(checks.slice(9)).to.deep.equal([6600, 6700]);
    expect(changes).to.deep.equal([false, true]);
    heartbeat.stop();
    await clock.tickAsync(1000);
    expect(checks).to.have.length(11);
  });
});
