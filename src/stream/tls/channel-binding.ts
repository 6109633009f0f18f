// Channel binding data of a TLS connection: tls-exporter (RFC 9266, TLS 1.3 only) and
// tls-server-end-point (RFC 5929 §4).
import type { TLSSocket } from 'node:tls';
import type { ChannelBindingType } from '../sasl/mechanism.js';

const EXPORTER_LABEL = 'EXPORTER-Channel-Binding';

export function channelBindings(socket: TLSSocket | undefined, endPointHash: Buffer): Partial<Record<ChannelBindingType, Buffer>> {
  if (socket === undefined) return {};
  const bindings: Partial<Record<ChannelBindingType, Buffer>> = { 'tls-server-end-point': endPointHash };
  // RFC 9266 §2: without TLS 1.3 the exporter is not unique to the connection.
  if (socket.getProtocol() === 'TLSv1.3') {
    bindings['tls-exporter'] = socket.exportKeyingMaterial(32, EXPORTER_LABEL, Buffer.alloc(0));
  }
  return bindings;
}
