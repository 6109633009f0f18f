// The server side of a SASL exchange (RFC 6120 §6, RFC 4422), independent of sockets.
import type { AccountCredentials } from '../../persistence/ports.js';

export type ChannelBindingType = 'tls-exporter' | 'tls-server-end-point';

/** RFC 6120 §6.5 failure conditions a mechanism may report. */
export type SaslFailureCondition =
  | 'aborted'
  | 'account-disabled'
  | 'credentials-expired'
  | 'encryption-required'
  | 'incorrect-encoding'
  | 'invalid-authzid'
  | 'invalid-mechanism'
  | 'malformed-request'
  | 'mechanism-too-weak'
  | 'not-authorized'
  | 'temporary-auth-failure';

export type SaslStep =
  | { kind: 'challenge'; data: Buffer }
  | { kind: 'success'; username: string; additionalData?: Buffer }
  | { kind: 'failure'; condition: SaslFailureCondition; text?: string; username?: string };

export interface SaslContext {
  /** The stream's domain: an authzid must be a bare JID of it. */
  domain: string;
  /** Whether the stream is protected by TLS. */
  isSecure: boolean;
  /** Channel binding data of this TLS connection, by type; absent types are not offered. */
  channelBindings: Partial<Record<ChannelBindingType, Buffer>>;
  /** Looks up the stored credentials of a normalised username on this stream's domain. */
  lookupCredentials(username: string): Promise<AccountCredentials | undefined>;
  /** Normalises a SASL authcid into a JID localpart, or undefined when it is not a valid one. */
  normalizeUsername(authcid: string): string | undefined;
}

export interface SaslExchange {
  /** First step, with the `<auth/>` element's initial response (undefined when absent, empty when "="). */
  start(initialResponse: Buffer | undefined): Promise<SaslStep>;
  /** Every later `<response/>`. */
  respond(response: Buffer): Promise<SaslStep>;
}

export interface SaslMechanism {
  readonly name: string;
  /** Whether to offer this mechanism on a stream in this context. */
  isOffered(context: SaslContext): boolean;
  createExchange(context: SaslContext): SaslExchange;
}
