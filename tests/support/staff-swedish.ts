import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { EDITOR_SWEDISH } from '../../src/channels/staff/editor-text.js';

/** The script the editors' pages serve to say the corpus rules' English problems in Swedish. */
const staffSwedish = (() => {
  const window: { StaffSwedish?: { problem: (p: unknown, S: unknown) => string } } = {};
  runInNewContext(readFileSync(fileURLToPath(new URL('../../src/channels/staff/public/swedish.js', import.meta.url)), 'utf8'), { window });
  const swedish = window.StaffSwedish;
  if (swedish === undefined) throw new Error('swedish.js defined nothing');
  return swedish;
})();

/** A problem as the editors' pages say it: the served swedish.js with the rules the pages hand it (as JSON). */
export const inSwedish = (message: string, code = 'FIELD_INVALID'): string => staffSwedish.problem({ code, message }, JSON.parse(JSON.stringify(EDITOR_SWEDISH)));
