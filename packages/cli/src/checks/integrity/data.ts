/** The integrity check's `data`: what the change was compared with and how many files it touches. */
export interface IntegrityData {
  /** `--base` as given, or HEAD for uncommitted work. */
  against: string;
  sha: string;
  filesChanged: number;
}
