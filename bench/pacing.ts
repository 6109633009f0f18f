// Offering load at a rate and waiting for it to arrive: shared by the chat, presence and MUC runs.
import { performance } from 'node:perf_hooks';

/**
 * Calls send(k) for k = 0..count-1. With `senders` senders at `rate` messages/s each, the k-th
 * (k = seq × senders + sender) is due at seq × period + sender/senders × period, so the senders
 * are staggered within a period; rate 0 sends everything at once.
 */
export function sendPaced(count: number, senders: number, rate: number, send: (k: number) => void): Promise<void> {
  if (rate <= 0) {
    for (let k = 0; k < count; k += 1) send(k);
    return Promise.resolve();
  }
  const periodMs = 1000 / rate;
  const start = performance.now();
  let next = 0;
  return new Promise((resolve) => {
    const tick = (): void => {
      const now = performance.now() - start;
      while (next < count && Math.floor(next / senders) * periodMs + ((next % senders) / senders) * periodMs <= now) {
        send(next);
        next += 1;
      }
      if (next === count) {
        clearInterval(timer);
        resolve();
      }
    };
    const timer = setInterval(tick, 2);
    tick();
  });
}

export interface DrainLimits {
  /** Stop waiting once nothing has arrived for this long. */
  quietMs: number;
  /** Stop waiting this long after the last send, whatever still arrives. */
  maxMs: number;
}

/** Resolves once everything arrived, or nothing arrived for `quietMs`, or `maxMs` passed since the last send. */
export function drain(isComplete: () => boolean, lastActivity: () => number, sendEnd: number, limits: DrainLimits): Promise<void> {
  return new Promise((resolve) => {
    const check = (): void => {
      const now = performance.now();
      if (isComplete() || now - lastActivity() > limits.quietMs || now - sendEnd > limits.maxMs) {
        clearInterval(timer);
        resolve();
      }
    };
    const timer = setInterval(check, 20);
    check();
  });
}
