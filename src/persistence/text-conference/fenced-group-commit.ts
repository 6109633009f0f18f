// Group commit under a fence: one GroupCommit per lease (alias, node, epoch), so every batch
// commits under one fence and a new epoch starts a new group. Groups live while they have work.
import type { Fence } from '../ports.js';
import { GroupCommit } from './group-commit.js';

export type FencedSubmit<T> = (fence: Fence, item: T) => Promise<void>;

/** `commit` writes one batch under its fence (a fenced transaction or a fenced statement). */
export function fencedGroupCommit<T>(commit: (fence: Fence, items: readonly T[]) => Promise<void>, maxBatch: number): FencedSubmit<T> {
  const groups = new Map<string, GroupCommit<T>>();
  const keyOf = (fence: Fence): string => `${fence.alias}\u0000${fence.node}\u0000${fence.epoch}`;
  return async (fence, item) => {
    const key = keyOf(fence);
    let group = groups.get(key);
    if (group === undefined) {
      group = new GroupCommit<T>((items) => commit(fence, items), maxBatch);
      groups.set(key, group);
    }
    try {
      await group.submit(item);
    } finally {
      if (group.isIdle) groups.delete(key);
    }
  };
}
