/** How a changed file changed, as git reports it. */
export type FileStatus = 'added' | 'deleted' | 'modified' | 'renamed';

/** One changed file of the project, paths relative to the project root (POSIX). */
export interface ChangedFile {
  status: FileStatus;
  oldPath?: string;
  newPath?: string;
  binary: boolean;
  /** Line numbers of the head file that the change adds (every line of an added file). */
  added: ReadonlySet<number>;
  /** Line numbers of the base file that the change removes (every line of a deleted file). */
  removed: ReadonlySet<number>;
}

/** The commit a change is compared with. */
export interface BaseCommit {
  /** As the user named it (`origin/main`, `HEAD~1`), or `HEAD` for uncommitted work. */
  ref: string;
  sha: string;
}

/** The change under check: the working tree (untracked files included) against a base commit. */
export interface Change {
  base: BaseCommit;
  /** What the change is compared with, as shown to the user: the `--base` ref, or `HEAD` for uncommitted work. */
  against: string;
  /** Changed files inside the project. */
  files: ChangedFile[];
  /** Whether any tsconfig file of the repository changed (one outside the project may be extended by it). */
  tsconfigChanged: boolean;
  readBase(file: string): Promise<string | undefined>;
  readHead(file: string): string | undefined;
}

/** Files a change touches anywhere in the repository, for a check that must know what may affect its results. */
export interface RepositoryChange {
  /** The project folder, relative to the repository's top folder ('' when they are the same). */
  projectFromTop: string;
  /** Changed paths relative to the repository's top folder: committed since the base, uncommitted, untracked. */
  paths: string[];
  /** The unified diff of the whole repository against the base, without context lines. */
  diff: string;
}

/**
 * A check's only door to git, given by the runner: the base commit, the change, files at a revision, and the base
 * tree checked out. Every method reads lazily and caches; errors are coded (NPV2xxx).
 */
export interface ChangeSource {
  /** The `--base` ref, when one was given. */
  ref?: string;
  /** The change against `--base`, or against HEAD without it (uncommitted work). */
  read(): Promise<Change>;
  /** Every path the change touches in the repository. */
  repository(): Promise<RepositoryChange>;
  /** A file's text at a git revision (validated ref; path relative to the project root); undefined when absent. */
  readAt(ref: string, file: string): Promise<string | undefined>;
  /** Runs `work` on the project's folder in a checkout of the base commit (HEAD without `--base`), removed afterwards. */
  withBaseTree<T>(work: (baseRoot: string) => Promise<T>): Promise<T>;
}
