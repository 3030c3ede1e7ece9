export const REPORT_FORMATS = ['stylish', 'compact', 'json', 'sarif', 'github', 'junit', 'markdown', 'html'] as const;

export type ReportFormat = (typeof REPORT_FORMATS)[number];
