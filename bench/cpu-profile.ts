// Where the server's CPU went: a V8 .cpuprofile (node --cpu-prof) folded into self time per
// function and per origin (Parley's code, a dependency, Node internals, GC), idle excluded;
// the whole profile, or only the samples inside given windows of time (one phase of a run).
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  /** Microseconds on the monotonic clock, as process.hrtime reads it in any process. */
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** A stretch of time on the machine's monotonic clock, in microseconds (process.hrtime.bigint() / 1000). */
export interface MonotonicWindow {
  startUs: number;
  endUs: number;
}

/** Now on the monotonic clock the profile's timestamps use. */
export function monotonicNowUs(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

export interface ProfileShare {
  name: string;
  ms: number;
  percent: number;
}

export interface ProfileSummary {
  busyMs: number;
  functions: ProfileShare[];
  origins: ProfileShare[];
}

function origin(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  const dependency = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (dependency?.[1] !== undefined) return dependency[1];
  if (url.startsWith('node:')) return 'node internals';
  const source = /\/dist\/([^/]+)\//.exec(url);
  return source?.[1] === undefined ? url : `parley ${source[1]}/`;
}

function ranked(totals: Map<string, number>, busyMs: number, limit: number): ProfileShare[] {
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([name, ms]) => ({ name, ms: Math.round(ms), percent: Number(((100 * ms) / busyMs).toFixed(1)) }));
}

/** Self time per function and origin; with `windows`, only of the samples taken inside them. */
export function summarizeProfile(file: string, limit = 15, windows?: readonly MonotonicWindow[]): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const functions = new Map<string, number>();
  const origins = new Map<string, number>();
  const isInside = (us: number): boolean => windows === undefined || windows.some((window) => us >= window.startUs && us <= window.endUs);
  let busyMs = 0;
  let at = profile.startTime;
  profile.samples.forEach((id, index) => {
    const node = byId.get(id);
    const delta = profile.timeDeltas[index] ?? 0;
    at += delta;
    const ms = delta / 1000;
    if (node === undefined || node.callFrame.functionName === '(idle)' || !isInside(at)) return;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url === '' ? '' : ` ${url.replace(/^.*\/(dist|node_modules)\//, '$1/')}:${lineNumber + 1}`;
    const name = `${functionName === '' ? '(anonymous)' : functionName}${where}`;
    functions.set(name, (functions.get(name) ?? 0) + ms);
    const from = origin(url, functionName);
    origins.set(from, (origins.get(from) ?? 0) + ms);
    busyMs += ms;
  });
  return { busyMs: Math.round(busyMs), functions: ranked(functions, busyMs, limit), origins: ranked(origins, busyMs, limit) };
}
