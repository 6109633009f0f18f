// XMPP addresses (RFC 7622): parsing, normalisation and validation. No I/O.
import { domainToASCII } from 'node:url';

const MAX_PART_BYTES = 1023;
// RFC 7622 §3.3.1: characters a localpart may not contain.
const FORBIDDEN_LOCAL = /["&'/:<>@\s]/u;
// Control characters (Cc) are disallowed by every PRECIS class used here.
const CONTROL = /\p{Cc}/u;
const LDH_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

export class JidError extends Error {
  constructor(public readonly input: string, reason: string) {
    super(`invalid JID ${JSON.stringify(input.slice(0, 200))}: ${reason}`);
    this.name = 'JidError';
  }
}

function byteLength(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/** PRECIS UsernameCaseMapped (RFC 8265 §3.3), the profile RFC 7622 gives localparts. */
export function normalizeLocal(input: string): string | undefined {
  const local = input.normalize('NFKC').toLowerCase().normalize('NFC');
  if (local.length === 0 || byteLength(local) > MAX_PART_BYTES) return undefined;
  if (FORBIDDEN_LOCAL.test(local) || CONTROL.test(local)) return undefined;
  return local;
}

// A server sees few distinct domains and normalises one per address on every stanza; IDNA
// (domainToASCII) is the costly part, so results are remembered, within a bound.
const DOMAIN_CACHE_SIZE = 1024;
const domainCache = new Map<string, string | undefined>();

/** Domainparts (RFC 7622 §3.2): IDNA-valid names, lower-cased, or an IP literal. */
export function normalizeDomain(input: string): string | undefined {
  if (domainCache.has(input)) return domainCache.get(input);
  const domain = computeNormalizedDomain(input);
  if (domainCache.size >= DOMAIN_CACHE_SIZE) domainCache.clear();
  domainCache.set(input, domain);
  return domain;
}

function computeNormalizedDomain(input: string): string | undefined {
  const domain = (input.endsWith('.') ? input.slice(0, -1) : input).normalize('NFC').toLowerCase();
  if (domain.length === 0 || byteLength(domain) > MAX_PART_BYTES) return undefined;
  if (domain.startsWith('[') && domain.endsWith(']')) {
    return /^\[[0-9a-f:.]+\]$/.test(domain) ? domain : undefined;
  }
  if (CONTROL.test(domain) || /[\s@/"<>&']/u.test(domain)) return undefined;
  const ascii = domainToASCII(domain);
  // RFC 5890 §2.3.1: letters, digits and inner hyphens, 1 to 63 octets a label.
  if (ascii === '' || !ascii.split('.').every((label) => LDH_LABEL.test(label))) return undefined;
  return domain;
}

/** PRECIS OpaqueString (RFC 8265 §4.2), the profile of resourceparts. */
export function normalizeResource(input: string): string | undefined {
  const resource = input.normalize('NFC');
  if (resource.length === 0 || byteLength(resource) > MAX_PART_BYTES) return undefined;
  if (CONTROL.test(resource)) return undefined;
  return resource;
}

/** An immutable, normalised JID. */
export class Jid {
  /** Memoised: routing asks for these on every delivery. */
  private text: string | undefined;
  private bareJid: Jid | undefined;

  private constructor(
    public readonly local: string,
    public readonly domain: string,
    public readonly resource: string,
  ) {}

  /** Parses and normalises; throws JidError on invalid input. */
  static parse(input: string): Jid {
    const slash = input.indexOf('/');
    const bareInput = slash === -1 ? input : input.slice(0, slash);
    const resourceInput = slash === -1 ? undefined : input.slice(slash + 1);
    const at = bareInput.indexOf('@');
    const localInput = at === -1 ? undefined : bareInput.slice(0, at);
    const domainInput = at === -1 ? bareInput : bareInput.slice(at + 1);
    const domain = normalizeDomain(domainInput);
    if (domain === undefined) throw new JidError(input, 'bad domainpart');
    let local = '';
    if (localInput !== undefined) {
      const normalized = normalizeLocal(localInput);
      if (normalized === undefined) throw new JidError(input, 'bad localpart');
      local = normalized;
    }
    let resource = '';
    if (resourceInput !== undefined) {
      const normalized = normalizeResource(resourceInput);
      if (normalized === undefined) throw new JidError(input, 'bad resourcepart');
      resource = normalized;
    }
    return new Jid(local, domain, resource);
  }

  /** Parses, or undefined for invalid input. */
  static tryParse(input: string | undefined): Jid | undefined {
    if (input === undefined) return undefined;
    try {
      return Jid.parse(input);
    } catch {
      return undefined;
    }
  }

  /** Builds from parts that are already normalised. */
  static of(local: string, domain: string, resource = ''): Jid {
    return new Jid(local, domain, resource);
  }

  get isBare(): boolean {
    return this.resource === '';
  }

  get isDomain(): boolean {
    return this.local === '' && this.resource === '';
  }

  bare(): Jid {
    if (this.isBare) return this;
    this.bareJid ??= new Jid(this.local, this.domain, '');
    return this.bareJid;
  }

  withResource(resource: string): Jid {
    return new Jid(this.local, this.domain, resource);
  }

  equals(other: Jid): boolean {
    return this.local === other.local && this.domain === other.domain && this.resource === other.resource;
  }

  toString(): string {
    if (this.text === undefined) {
      const bare = this.local === '' ? this.domain : `${this.local}@${this.domain}`;
      this.text = this.resource === '' ? bare : `${bare}/${this.resource}`;
    }
    return this.text;
  }
}
