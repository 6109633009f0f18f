// One-to-one chat between pairs of logged-in sessions (RFC 6121 §5): each side sends `msgs`
// messages to its partner's full JID at `rate` msg/s (0 = all at once), and every receiver
// checks what arrived against what it should get: delivered, lost, duplicated, misrouted.
import type { Session } from '../client/login.js';
import { DeliveryTally, startMeter, type CpuUse, type DeliveryCounts } from '../measure.js';
import { drain, sendPaced } from '../pacing.js';

export interface ChatRunSpec {
  /** Sessions 2k and 2k+1 are partners. */
  sessions: readonly Session[];
  msgs: number;
  rate: number;
  serverPid: number | undefined;
  /** Stop waiting once nothing has arrived for this long after the last send ... */
  drainQuietMs: number;
  /** ... or this long after the last send in any case. */
  drainMaxMs: number;
}

export interface ChatRow extends CpuUse, DeliveryCounts {
  scenario: 'pm';
  pairs: number;
  msgs_per_sender: number;
  rate_per_sender: number;
  sent: number;
}

interface Receiver {
  partner: number;
  /** Its messages are slots index × msgs … index × msgs + msgs − 1 of the tally. */
  index: number;
}

/** Numbers the runs, so that a late message of one run is not counted in the next. */
let runCount = 0;

export async function runChat(spec: ChatRunSpec): Promise<ChatRow> {
  runCount += 1;
  const run = runCount;
  const senders = spec.sessions.length - (spec.sessions.length % 2);
  const expected = senders * spec.msgs;
  const tally = new DeliveryTally(expected);
  for (let index = 0; index < senders; index += 1) {
    const receiver: Receiver = { partner: index ^ 1, index };
    (spec.sessions[index] as Session).connection.onElement = (xml) => receive(xml, receiver, run, spec.msgs, tally);
  }
  const meter = startMeter(spec.serverPid);
  const firstSend = performance.now();
  await sendAll(spec, senders, run);
  const sendEnd = performance.now();
  await drain(() => tally.isComplete, () => Math.max(tally.lastDelivery, sendEnd), sendEnd, { quietMs: spec.drainQuietMs, maxMs: spec.drainMaxMs });
  const cpu = meter();
  return {
    scenario: 'pm', pairs: senders / 2, msgs_per_sender: spec.msgs, rate_per_sender: spec.rate, sent: expected,
    ...tally.counts(firstSend, sendEnd), ...cpu,
  };
}

/** Body: "B|<run>|<sender>|<seq>|<send time ms>", so a receiver can check every message. */
function receive(xml: string, receiver: Receiver, run: number, msgs: number, tally: DeliveryTally): void {
  if (!xml.startsWith('<message')) return;
  const start = xml.indexOf('<body>B|');
  if (start < 0) return;
  if (/^<message[^>]*\stype=["']error["']/.test(xml)) {
    tally.bounced += 1;
    return;
  }
  const [runText, senderText, seqText, sentText] = xml.slice(start + 8, xml.indexOf('<', start + 8)).split('|');
  if (Number(runText) !== run) return;
  const now = performance.now();
  const seq = Number(seqText);
  if (Number(senderText) !== receiver.partner || !(seq >= 0 && seq < msgs)) {
    tally.misrouted += 1;
    return;
  }
  tally.receive(receiver.index * msgs + seq, now, Number(sentText));
}

/** The k-th message overall (k = seq × senders + sender) is due at seq × period + sender's offset. */
function sendAll(spec: ChatRunSpec, senders: number, run: number): Promise<void> {
  const total = senders * spec.msgs;
  const send = (k: number): void => {
    const sender = k % senders;
    const seq = Math.floor(k / senders);
    const to = (spec.sessions[sender ^ 1] as Session).jid;
    (spec.sessions[sender] as Session).connection.send(
      `<message to='${to}' type='chat' id='m${run}.${k}'><body>B|${run}|${sender}|${seq}|${performance.now().toFixed(3)}</body></message>`);
  };
  return sendPaced(total, senders, spec.rate, send);
}

