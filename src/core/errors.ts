/**
 * The error catalogue: every error the core reports, with a typed code and a message that says what
 * failed, why, and what to do about it.
 */
export const CORPUS_ERRORS = {
  FILE_MISSING: (file: string) => `${file}: file not found. Restore it from version control or create it (see faq-data/README.md).`,
  FILE_UNREADABLE: (file: string, why: string) => `${file}: could not be read (${why}). Check the file's permissions.`,
  CORPUS_FOLDER: (dir: string, why: string) =>
    `${dir}: ${why}. Give the incident's corpus folder, the one that holds entries/, contact.yaml and timeline.yaml (FAQ_DATA_DIR, or --corpus for the scripts).`,
  FILE_NOT_UTF8: (file: string, line: number) =>
    `${file}: is not saved as UTF-8 (line ${line} is the first with a character that is not), so å, ä and ö would be shown as "�". Open the file and save it with the encoding UTF-8 (in Notepad: Save as, Encoding: UTF-8).`,
  FILE_EMPTY: (file: string, entry: boolean) =>
    `${file}: is empty. Write its fields (see faq-data/README.md)${entry ? ', or delete the file if the entry is not wanted' : ''}.`,
  YAML_SYNTAX: (file: string, why: string) =>
    `${file}: is not valid YAML (${why}). Check indentation and quote any text that contains ":" or starts with a special character.`,
  FIELD_INVALID: (file: string, where: string, field: string, why: string) =>
    `${file}: ${where}, field "${field}": ${why}. Fix the field and run "npm run faq:check" again.`,
  DUPLICATE_ID: (file: string, id: string, firstFile: string) =>
    `${file}: entry "${id}": the id is already used in ${firstFile}. Every entry needs its own id; rename one of them.`,
  FILE_NAME_MISMATCH: (file: string, id: string) =>
    `${file}: entry "${id}": the file name must be the id followed by .yaml ("${id}.yaml"). Rename the file or fix the id.`,
  DUPLICATE_PHRASING: (file: string, id: string, field: string, phrasing: string, otherId: string) =>
    `${file}: entry "${id}", field "${field}": "${phrasing}" is also a question of entry "${otherId}". A phrasing may belong to one entry only; ${field === 'phrasings' ? 'remove it from one of them' : 'ask the question in its own words in each entry'}.`,
  UNKNOWN_RELATED: (file: string, id: string, related: string) =>
    `${file}: entry "${id}", field "related": there is no entry "${related}". Use the id of an existing entry or remove it.`,
  SELF_RELATED: (file: string, id: string) =>
    `${file}: entry "${id}", field "related": an entry cannot be related to itself. Remove "${id}" from its related list.`,
  NOT_AN_ENTRY: (path: string, folder: boolean) =>
    folder
      ? `${path}: a folder inside entries/ is not read, so its entries are not served. Move the .yaml files up into entries/ if they are meant to be answers; ignore this if they are kept aside on purpose.`
      : `${path}: not read: only .yaml files in entries/ are entries. If it is one, rename it to end in .yaml.`,
  WORDLESS_PHRASING: (file: string, id: string, field: string, phrasing: string) =>
    `${file}: entry "${id}", field "${field}": "${phrasing}" holds no word (letters or digits), so it teaches the bot nothing and is left out. Write how a resident would ask, or remove it.`,
  REPEATED_PHRASING: (file: string, id: string, field: string, phrasing: string, times: number) =>
    `${file}: entry "${id}", field "${field}": "${phrasing}" is written ${times} times; a copy teaches the bot nothing new. Replace the copies with other ways residents ask the same thing.`,
  NO_ENGLISH_PHRASINGS: (file: string, id: string) =>
    `${file}: entry "${id}", field "phrasings.en": has no English phrasings, so English questions are matched against its question alone. Add 3–5 in residents' own words.`,
  UPDATE_TOO_LONG: (file: string, field: string, date: string, chars: number, max: number) =>
    `${file}: field "${field}" (the update of ${date}): is ${chars.toLocaleString('en-GB')} characters long, more than the ${max.toLocaleString('en-GB')} an update may have. The latest update is shown under the status answer, and a reply too long for the chat is cut short. Write the update as a short dated note and put the details in an entry's answer.`,
  SAME_AS_USUAL_HOURS: (file: string, field: string, day: string) =>
    `${file}: field "${field}": gives ${day} the usual hours (opens and closes), so it changes nothing. Remove it, or write the hours the source gives for ${day}.`,
  HOURS_NOT_SHOWN: (file: string, field: string, missing: readonly string[]) =>
    `${file}: field "${field}": does not show the closing time ${missing.join(', ')}, though the hours close then on some day. Residents read these written hours on the contact card beside "open now"; write every day's hours, e.g. "mån–tors 08.00–16.30, fre 08.00–15.00".`,
  RELATED_NOT_SHOWN: (file: string, id: string, left: readonly string[], shown: number) =>
    `${file}: entry "${id}", field "related": an answer offers its first ${shown} related entries, so ${left.map((r) => `"${r}"`).join(', ')} ${left.length === 1 ? 'is' : 'are'} never offered. Keep the ${shown} residents most likely need next, first.`,
  ANSWER_TOO_LONG: (file: string, id: string, field: string, bytes: number, max: number) =>
    `${file}: entry "${id}", field "${field}": is ${bytes.toLocaleString('en-GB')} bytes long with its source line, more than the ${max.toLocaleString('en-GB')} an answer may have. The web chat shows no reply over 20,000 characters and Teams refuses a message over about 28 KB, so residents would get no answer, and a chat answer that long is not read. Shorten it, or split it into entries and offer them as related.`,
  OUT_OF_SCOPE_IS_PHRASING: (file: string, lang: string, question: string, id: string) =>
    `${file}: field "${lang}": "${question}" is also the question or a phrasing of entry "${id}", so residents who ask it are sent to the contact center instead of getting that answer. Remove it here if the entry answers it, or from the entry's phrasings if it does not.`,
  NO_ENTRIES: (dir: string) => `${dir}: holds no entries (*.yaml). Add at least one entry.`,
  EMPTY_WINDOW: (file: string, where: string, field: string, from: string, until: string) =>
    `${file}: ${where}, field "${field}": it would be valid from ${from} until ${until}, which is never (validFrom must come before validUntil). Correct the dates, or remove the one you did not mean.`,
  VERSIONS_OUT_OF_ORDER: (file: string, id: string, version: number) =>
    `${file}: entry "${id}", field "versions": version ${version} begins before version ${version - 1} above it. Write the versions oldest first.`,
  OVERLAPPING_VERSIONS: (file: string, id: string, a: number, b: number, span: string) =>
    `${file}: entry "${id}", field "versions": versions ${a} and ${b} are both valid ${span}. Only one answer may be valid at a time: let version ${a} end (validUntil) exactly where version ${b} begins (validFrom).`,
  NO_VALID_ANSWER: (file: string, id: string, when: string, fix: string) =>
    `${file}: entry "${id}", field "versions": no answer is valid ${when}, so the bot would have nothing to say then. ${fix}`,
  UNKNOWN_TIMELINE_ENTRY: (file: string, id: string) =>
    `${file}: field "entry": there is no entry "${id}". Write the id of the entry whose answer shows the latest update, e.g. "incident-status".`,
  UNKNOWN_STARTER: (file: string, id: string) =>
    `${file}: field "starters": there is no entry "${id}". Offer the id of an existing entry, or remove it.`,
  STAFF_STARTER: (file: string, id: string) =>
    `${file}: field "starters": entry "${id}" is written for staff only (audience: [staff]), yet the welcome offers it to every resident who opens the chat. Offer a question for residents, or add residents to its audience if it answers them too.`,
  TOPIC_CAPITALISED: (file: string, lang: string, topic: string, lowered: string) =>
    `${file}: field "topic.${lang}": "${topic}" begins with a capital letter, but the topic is said mid-sentence (${lang === 'sv' ? `"Jag är … chattbot om ${topic}", "Frågor om ${topic}"` : `"I am … chatbot about ${topic}", "Questions about ${topic}"`}) in the greeting, the chat page's title and the Teams app. Write "${lowered}", unless it begins with a name.`,
  TOPIC_TOO_LONG: (file: string, lang: string, chars: number, max: number) =>
    `${file}: field "topic.${lang}": is ${chars} characters long, more than the ${max} a topic may have. It is said in the chat page's title and heading ("Frågor om …") and in the Teams app's name and description, which Teams cuts short. Name the incident in a few words, e.g. "it-incidenten", and say more in the greeting.`,
  INSECURE_LINK: (file: string, field: string, url: string, teams: boolean) =>
    `${file}: field "${field}": "${url}" begins with http://, so the web chat links a page that is not encrypted${teams ? ', and npm run teams:package refuses to build the Teams app (Teams takes only https:// links)' : ''}. Write the page's https:// address.`,
  COPIED_CONTACT_FACT: (file: string, where: string, field: string, fact: string, reference: string) =>
    `${file}: ${where}, field "${field}": copies ${fact}. Write ${reference} instead: the bot fills in the value from contact.yaml, so one edit there changes every answer.`,
  UNKNOWN_CONTACT_FACT: (file: string, where: string, field: string, name: string, known: readonly string[]) =>
    `${file}: ${where}, field "${field}": there is no contact detail "{${name}}". Use one of ${known.map((k) => `{${k}}`).join(', ')}.`,
} as const;

export type CorpusErrorCode = keyof typeof CORPUS_ERRORS;

/** One problem found in faq-data/, with the place it was found. */
export interface CorpusProblem {
  readonly code: CorpusErrorCode;
  readonly file: string;
  readonly message: string;
}

