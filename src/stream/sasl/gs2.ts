// Channel binding policy of the GS2 header (RFC 5802 §6, §7): which flag each mechanism accepts,
// and the binding data of tls-exporter (RFC 9266 §2) or tls-server-end-point (RFC 5929 §4).
import type { ChannelBindingType, SaslContext } from './mechanism.js';
import type { CbindFlag, Checked } from './scram-messages.js';

const CHANNEL_BINDING_TYPES: readonly ChannelBindingType[] = ['tls-exporter', 'tls-server-end-point'];

/** Whether this connection can bind, which is exactly when the -PLUS mechanisms are offered. */
export function hasChannelBinding(context: SaslContext): boolean {
  return CHANNEL_BINDING_TYPES.some((type) => context.channelBindings[type] !== undefined);
}

/**
 * The channel binding data the client must have put after the gs2-header in c=, or why its flag is
 * refused: -PLUS requires "p=" with a type this connection has, the others never accept "p=", and
 * "y" while -PLUS is on offer means someone removed it from the client's view (RFC 5802 §6).
 */
export function expectedBindingData(cbind: CbindFlag, plus: boolean, context: SaslContext): Checked<Buffer> {
  if (plus) {
    if (cbind.kind !== 'p') return { ok: false, condition: 'malformed-request', text: 'a -PLUS mechanism requires p=<cb-name>' };
    const type = CHANNEL_BINDING_TYPES.find((candidate) => candidate === cbind.name);
    const data = type === undefined ? undefined : context.channelBindings[type];
    if (data === undefined) return { ok: false, condition: 'not-authorized', text: `unsupported channel binding type ${cbind.name}` };
    return { ok: true, value: data };
  }
  if (cbind.kind === 'p') return { ok: false, condition: 'malformed-request', text: 'channel binding requires a -PLUS mechanism' };
  if (cbind.kind === 'y' && hasChannelBinding(context)) {
    return { ok: false, condition: 'not-authorized', text: 'channel binding was offered: possible downgrade attack' };
  }
  return { ok: true, value: Buffer.alloc(0) };
}
