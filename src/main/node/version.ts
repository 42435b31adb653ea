/** meshd's software version, read once from package.json (announced in SWIM node metadata). */
import { readFileSync } from 'node:fs';

/** The `version` of package.json ('0.0.0' when it cannot be read). */
export const MESHD_VERSION: string = (() => {
  try {
    return String((JSON.parse(readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8')) as { version: string }).version);
  } catch {
    return '0.0.0';
  }
})();
