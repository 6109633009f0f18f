// The throwaway PostgreSQL server a MUC bench node keeps its data in (durable commits: fsync and
// synchronous_commit on, as bench/scenarios/archive.ts runs it), with the CPU its processes use.
import { readFileSync, readdirSync } from 'node:fs';
import pg from 'pg';
import { startPostgres, type ThrowawayPostgres } from '../test/helpers/postgres.js';
import { onCleanup } from './processes.js';

const CLOCK_TICKS_PER_S = 100;

export interface BenchPostgres {
  server: ThrowawayPostgres;
  /** The postmaster; its backends are its children. */
  pid: number;
  /** Config `storage` for a node on this server. */
  storage: Record<string, unknown>;
  /** utime + stime of the postmaster, its live children and the children it has reaped. */
  cpuS: () => number;
  query: <T extends pg.QueryResultRow>(text: string, values?: unknown[]) => Promise<T[]>;
  stop: () => Promise<void>;
}

interface Stat {
  pid: number;
  ppid: number;
  cpuS: number;
  reapedS: number;
}

function readStat(pid: number): Stat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return {
      pid, ppid: Number(fields[1]),
      cpuS: (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_S,
      reapedS: (Number(fields[13]) + Number(fields[14])) / CLOCK_TICKS_PER_S,
    };
  } catch {
    return undefined;
  }
}

function allStats(): Stat[] {
  return readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map((name) => readStat(Number(name))).filter((stat) => stat !== undefined);
}

/** CPU of a process tree: what the root and its live descendants used, plus what its reaped children did. */
export function treeCpuS(root: number): number {
  const stats = allStats();
  const children = new Map<number, Stat[]>();
  for (const stat of stats) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), stat]);
  const top = stats.find((stat) => stat.pid === root);
  if (top === undefined) return 0;
  let total = top.reapedS;
  const queue = [top];
  for (let stat = queue.shift(); stat !== undefined; stat = queue.shift()) {
    total += stat.cpuS;
    queue.push(...(children.get(stat.pid) ?? []));
  }
  return total;
}

/** The postgres process this bench started on `port` (setpriv execs it, so it is our child). */
function postmasterPid(port: number): number {
  for (const stat of allStats()) {
    if (stat.ppid !== process.pid) continue;
    try {
      const argv = readFileSync(`/proc/${stat.pid}/cmdline`, 'utf8').split('\0');
      const at = argv.indexOf('-p');
      if (argv.some((arg) => arg.endsWith('postgres')) && at >= 0 && argv[at + 1] === String(port)) return stat.pid;
    } catch {
      // gone meanwhile
    }
  }
  throw new Error(`no postgres child process on port ${port}`);
}

export async function startBenchPostgres(): Promise<BenchPostgres> {
  const server = await startPostgres({ isDurable: true });
  onCleanup(() => server.stop());
  const pid = postmasterPid(server.port);
  const connection = { host: server.host, port: server.port, database: server.database, user: server.user };
  return {
    server, pid,
    storage: { type: 'postgres', ...connection, password: '', poolMax: 10, statementTimeoutMs: 30_000 },
    cpuS: () => treeCpuS(pid),
    query: async <T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> => {
      const client = new pg.Client(connection);
      await client.connect();
      try {
        return (await client.query<T>(text, values)).rows;
      } finally {
        await client.end();
      }
    },
    stop: () => server.stop(),
  };
}
