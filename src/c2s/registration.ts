// In-band registration before authentication (XEP-0077 §3.1): off unless configured.
import type { Logger } from 'pino';
import type { AccountCredentials, AccountStore } from '../persistence/ports.js';
import { AccountExistsError } from '../persistence/ports.js';
import { xml, type Element } from '../xmpp/element.js';
import { normalizeLocal } from '../xmpp/jid.js';
import { NS } from '../xmpp/namespaces.js';
import type { StanzaErrorSpec } from '../xmpp/stanza-errors.js';

export interface RegistrationDependencies {
  accounts: AccountStore;
  domain: string;
  deriveCredentials(password: string): Promise<AccountCredentials>;
  log: Logger;
}

export type RegistrationOutcome = { type: 'result'; payload?: Element } | { type: 'error'; error: StanzaErrorSpec };

export function registrationForm(): Element {
  return xml('query', { xmlns: NS.register },
    xml('instructions', {}, 'Choose a username and password for use with this service.'),
    xml('username'), xml('password'));
}

export async function handleRegistration(iq: Element, deps: RegistrationDependencies, remoteAddress: string): Promise<RegistrationOutcome> {
  const query = iq.getChild('query', NS.register);
  if (query === undefined) return { type: 'error', error: { condition: 'bad-request' } };
  if (iq.attrs.type === 'get') return { type: 'result', payload: registrationForm() };
  if (iq.attrs.type !== 'set') return { type: 'error', error: { condition: 'bad-request' } };
  if (query.getChild('remove') !== undefined) {
    return { type: 'error', error: { condition: 'not-authorized', text: 'log in to cancel a registration' } };
  }
  const username = normalizeLocal(query.getChildText('username') ?? '');
  const password = query.getChildText('password') ?? '';
  if (username === undefined || password === '') {
    return { type: 'error', error: { condition: 'not-acceptable', text: 'a valid username and a non-empty password are required' } };
  }
  try {
    await deps.accounts.create(username, deps.domain, await deps.deriveCredentials(password));
  } catch (error) {
    if (error instanceof AccountExistsError) return { type: 'error', error: { condition: 'conflict', text: 'the username is taken' } };
    throw error;
  }
  deps.log.info({ account: `${username}@${deps.domain}`, remoteAddress }, 'account registered in band');
  return { type: 'result' };
}
