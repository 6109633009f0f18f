// Where the server's CPU went: a V8 .cpuprofile (node --cpu-prof) folded into self time per
// function and per origin (Parley's code, a dependency, Node internals, GC), idle excluded.
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
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

export function summarizeProfile(file: string, limit = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const functions = new Map<string, number>();
  const origins = new Map<string, number>();
  let busyMs = 0;
  profile.samples.forEach((id, index) => {
    const node = byId.get(id);
    const ms = (profile.timeDeltas[index] ?? 0) / 1000;
    if (node === undefined || node.callFrame.functionName === '(idle)') return;
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
