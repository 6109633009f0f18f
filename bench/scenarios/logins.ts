// Closed-loop logins: `concurrency` logins in flight until `count` have been tried; every
// connection is held until the last one is in, so the server carries all of them at the end.
import type { Target } from '../client/connection.js';
import { login, type Session } from '../client/login.js';
import type { SaltedPasswordCache, ScramMechanism } from '../client/scram.js';
import { Latencies, processRssKb, startMeter, type CpuUse, type LatencySummary } from '../measure.js';

export interface LoginRunSpec {
  target: Target;
  serverPid: number | undefined;
  mechanism: ScramMechanism;
  /** Accounts user<first>..user<first+count-1>. */
  first: number;
  count: number;
  concurrency: number;
  password: string;
  resource: string;
  cache: SaltedPasswordCache;
  timeoutMs: number;
}

export interface LoginRow extends CpuUse {
  scenario: 'login';
  mech: ScramMechanism;
  scram_cache: 'cold' | 'warm';
  clients: number;
  concurrency: number;
  ok: number;
  failed: number;
  logins_per_s: number;
  lat_ms: LatencySummary | null;
  pbkdf2_n: number;
  pbkdf2_cpu_s: number;
  roster_errors: number;
  rss_before_kb: number | null;
  rss_loaded_kb: number | null;
  tls_info: string | undefined;
  errors: Record<string, number>;
}

export async function runLogins(spec: LoginRunSpec): Promise<{ row: LoginRow; sessions: Session[] }> {
  const sessions: Session[] = [];
  const latencies = new Latencies();
  const errors: Record<string, number> = {};
  let next = 0;
  const derivations0 = { n: spec.cache.derivations, cpuMs: spec.cache.derivationCpuMs };
  const rssBefore = spec.serverPid === undefined ? null : processRssKb(spec.serverPid);
  const meter = startMeter(spec.serverPid);
  const worker = async (): Promise<void> => {
    while (next < spec.count) {
      const index = spec.first + next;
      next += 1;
      const started = performance.now();
      try {
        sessions.push(await login(spec.target, `user${index}`, spec));
        latencies.add(performance.now() - started);
      } catch (error) {
        const key = (error instanceof Error ? error.message : String(error)).slice(0, 120);
        errors[key] = (errors[key] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(spec.concurrency, spec.count) }, worker));
  const cpu = meter();
  const derivations = spec.cache.derivations - derivations0.n;
  const row: LoginRow = {
    scenario: 'login',
    mech: spec.mechanism,
    scram_cache: derivations > 0 ? 'cold' : 'warm',
    clients: spec.count,
    concurrency: spec.concurrency,
    ok: sessions.length,
    failed: spec.count - sessions.length,
    logins_per_s: Number((sessions.length / cpu.wall_s).toFixed(1)),
    lat_ms: latencies.summary(),
    ...cpu,
    pbkdf2_n: derivations,
    pbkdf2_cpu_s: Number(((spec.cache.derivationCpuMs - derivations0.cpuMs) / 1000).toFixed(3)),
    roster_errors: sessions.filter((session) => !session.hasRoster).length,
    rss_before_kb: rssBefore,
    rss_loaded_kb: spec.serverPid === undefined ? null : processRssKb(spec.serverPid),
    tls_info: sessions[0]?.connection.tlsDescription,
    errors,
  };
  return { row, sessions };
}

export async function closeAll(sessions: readonly Session[]): Promise<void> {
  await Promise.all(sessions.map((session) => session.connection.close()));
}
