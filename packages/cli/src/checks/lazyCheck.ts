import type { Check, CheckMeta, NpvConfig } from '@npvguard/core';

/**
 * A check whose implementation is imported only when it runs. Its id and metadata are needed early
 * (config validation knows rule ids, --help and SARIF list rules), but loading an analyser such as the
 * TypeScript compiler costs most of a second that config errors and `--version` should not pay.
 */
export function lazyCheck(id: string, meta: CheckMeta, load: () => Promise<Check>, isConfigured?: (config: NpvConfig) => boolean): Check {
  return {
    id,
    meta,
    ...(isConfigured === undefined ? {} : { isConfigured }),
    async run(context) {
      const check = await load();
      await check.run(context);
    },
  };
}
