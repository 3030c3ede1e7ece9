import type { Reporter } from './reporter.js';
import type { ReportFormat } from './formats.js';
import { stylishReporter } from './stylish.js';
import { compactReporter } from './compact.js';
import { jsonReporter } from './json.js';
import { sarifReporter } from './sarif.js';
import { githubReporter } from './github.js';
import { junitReporter } from './junit.js';
import { markdownReporter } from './markdown.js';
import { htmlReporter } from './html/htmlReporter.js';

/** report: every `--format` maps to one pure reporter. */
export const REPORTERS: Record<ReportFormat, Reporter> = {
  stylish: stylishReporter,
  compact: compactReporter,
  json: jsonReporter,
  sarif: sarifReporter,
  github: githubReporter,
  junit: junitReporter,
  markdown: markdownReporter,
  html: htmlReporter,
};

export { REPORT_FORMATS, type ReportFormat } from './formats.js';
export type { Reporter, ReporterOptions } from './reporter.js';
