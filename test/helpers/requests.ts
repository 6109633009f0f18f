// Small helpers for iq requests in integration tests: the error condition a request ends with.
import type { Element } from 'ltx';
import type { TestClient } from './clients.js';

/** The stanza error condition the request was answered with, or 'no error' for a result. */
export async function errorCondition(client: TestClient, iq: Element): Promise<string> {
  try {
    await client.request(iq);
  } catch (error) {
    return String((error as { condition?: string }).condition);
  }
  return 'no error';
}
