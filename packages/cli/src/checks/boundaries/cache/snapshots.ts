import { NpvError } from '@npvguard/core';
import type { DependencyEdge, FileVerdict, PipelineCounts, SourceFile } from '../types.js';
import type { BoundariesCache, FileSnapshot } from './cacheStore.js';

/** extract → resolve → judge over read files: one verdict per file, in the files' order. */
export type AnalyseFiles = (sources: readonly SourceFile[]) => FileVerdict[];

/**
 * The per-file analysis with the cache around it: a file whose content is unchanged, and everything else its
 * verdict depends on too (the file set, the tsconfigs and manifests, the boundaries config), reuses the
 * verdict recorded for it; the others are analysed together and their verdicts recorded.
 * `files` is the analysed file list, which snapshots refer to by position.
 */
export function reuseSnapshots(cache: BoundariesCache, files: readonly string[], counts: PipelineCounts, analyse: AnalyseFiles): AnalyseFiles {
  const fileIndex = new Map(files.map((file, index) => [file, index]));
  return (sources) => {
    const reused: (FileVerdict | undefined)[] = [];
    const changed: SourceFile[] = [];
    for (const source of sources) {
      const snapshot = source.contentKey === undefined ? undefined : cache.getSnapshot(source.file, source.contentKey);
      if (snapshot === undefined) changed.push(source);
      reused.push(snapshot === undefined ? undefined : fromSnapshot(source.file, snapshot, files));
    }
    counts.filesFromCache += sources.length - changed.length;
    counts.filesAnalysed += changed.length;

    const analysed = analyse(changed);
    for (const verdict of analysed) {
      if (verdict.contentKey !== undefined) cache.setSnapshot(verdict.file, toSnapshot(verdict, verdict.contentKey, fileIndex));
    }
    // In file order, so results do not depend on which files came from the cache.
    const verdicts: FileVerdict[] = [];
    let next = 0;
    for (const known of reused) {
      const verdict = known ?? analysed[next++];
      if (verdict === undefined) throw new NpvError('NPV9001', `The boundaries analysis gave ${analysed.length} verdicts for ${changed.length} files.`);
      verdicts.push(verdict);
    }
    return verdicts;
  };
}

function toSnapshot(verdict: FileVerdict, contentKey: string, fileIndex: ReadonlyMap<string, number>): FileSnapshot {
  return {
    c: contentKey,
    e: verdict.edges.map((edge) => [fileIndex.get(edge.to) ?? edge.to, edge.kind === 'type' ? 1 : 0, edge.line, edge.column, edge.forbidden ? 1 : 0]),
    f: verdict.findings,
  };
}

function fromSnapshot(file: string, snapshot: FileSnapshot, files: readonly string[]): FileVerdict {
  const edges = snapshot.e.map(([to, typeOnly, line, column, forbidden]): DependencyEdge => {
    const target = typeof to === 'number' ? files[to] : to;
    if (target === undefined) throw new NpvError('NPV9001', `The boundaries cache refers to file #${to}, which is not in the file list.`);
    return { from: file, to: target, kind: typeOnly === 1 ? 'type' : 'runtime', line, column, forbidden: forbidden === 1 };
  });
  return { file, contentKey: snapshot.c, edges, findings: snapshot.f };
}
