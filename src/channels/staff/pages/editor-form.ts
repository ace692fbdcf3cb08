import { escapeHtml as e } from '../http.js';
import { EDITOR_TEXT as T } from '../editor-text.js';

/**
 * The editors' form fields. Every control carries `data-field`, the dot path of its value in the file it
 * edits ("question.sv", "updates.2.text.en"), which is where editor.js puts the value and where the
 * 422's problems (`field`) are shown. Every text is escaped: content is shown as text, never as HTML.
 */

/** How editor.js reads a control: text as written, lines as a list, ticked boxes as a list, yes/no. */
export type FieldKind = 'text' | 'lines' | 'checks' | 'bool' | 'groups';

export interface FieldOptions {
  readonly path: string;
  readonly label: string;
  readonly value?: string;
  readonly help?: string;
  /** Left out of the saved file when empty. */
  readonly optional?: boolean;
  /** Fields left out together when all are empty (an optional block such as lattlast). */
  readonly group?: string;
  readonly multiline?: boolean;
  readonly rows?: number;
  readonly kind?: 'text' | 'lines' | 'groups';
  readonly type?: 'text' | 'url' | 'email' | 'tel';
  readonly readonly?: boolean;
}

/** A control's id from its path: "updates.2.text.sv" → "f-updates-2-text-sv". */
export const fieldId = (path: string) => `f-${path.replace(/[^A-Za-z0-9]+/g, '-')}`;

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '');

/** The value at a dot path of written data, as text ('' when absent). */
export function at(data: unknown, path: string): unknown {
  let cur: unknown = data;
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = Reflect.get(cur, Array.isArray(cur) ? Number(key) : key);
  }
  return cur;
}
/** `data` placed at a dot path, so the fields of one item of a list read their values by full path. */
export function nest(path: string, data: unknown): unknown {
  return path
    .split('.')
    .reverse()
    .reduce<unknown>((inner, key) => ({ [key]: inner }), data);
}
export const textAt = (data: unknown, path: string) => str(at(data, path));
export const listAt = (data: unknown, path: string): string[] => {
  const v = at(data, path);
  return Array.isArray(v) ? v.map(str) : [];
};

function attrs(o: FieldOptions, describedBy: string | undefined): string {
  return [
    `id="${fieldId(o.path)}"`,
    `name="${e(o.path)}"`,
    `data-field="${e(o.path)}"`,
    `data-kind="${o.kind ?? 'text'}"`,
    o.optional ? 'data-optional="true"' : '',
    o.group ? `data-group="${e(o.group)}"` : '',
    describedBy ? `aria-describedby="${describedBy}" data-help="${describedBy}"` : '',
    o.readonly ? 'readonly' : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/** A labelled text input or text area. */
export function field(o: FieldOptions): string {
  const id = fieldId(o.path);
  const help = o.help ? `${id}-help` : undefined;
  const control = o.multiline
    ? `<textarea ${attrs(o, help)} rows="${o.rows ?? 4}">${e(o.value ?? '')}</textarea>`
    : `<input type="${o.type ?? 'text'}" ${attrs(o, help)} value="${e(o.value ?? '')}" autocomplete="off">`;
  return `<div class="field">
          <label for="${id}">${e(o.label)}${o.optional ? ` <span class="optional">${e(T.optional)}</span>` : ''}</label>
          ${o.help ? `<p class="help" id="${help}">${e(o.help)}</p>` : ''}
          ${control}
        </div>`;
}

/** A pair of fields for the Swedish and the English text of one thing. */
export function perLang(path: string, label: string, data: unknown, o: { multiline?: boolean; rows?: number; help?: string; group?: string; optional?: boolean; kind?: 'text' | 'lines' } = {}): string {
  const one = (lang: 'sv' | 'en') => {
    const p = `${path}.${lang}`;
    const value = o.kind === 'lines' ? listAt(data, p).join('\n') : textAt(data, p);
    return field({
      path: p,
      label: `${label}, ${lang === 'sv' ? T.sv : T.en}`,
      value,
      ...(o.multiline ? { multiline: true } : {}),
      ...(o.rows === undefined ? {} : { rows: o.rows }),
      ...(o.help === undefined ? {} : { help: o.help }),
      ...(o.group === undefined ? {} : { group: o.group }),
      ...(o.optional ? { optional: true } : {}),
      ...(o.kind === undefined ? {} : { kind: o.kind }),
    });
  };
  return `<div class="per-lang">${one('sv')}${one('en')}</div>`;
}

/** A group of check boxes whose ticked values make a list. */
export function checks(path: string, legend: string, options: readonly { value: string; label: string }[], chosen: readonly string[], o: { group?: string; optional?: boolean } = {}): string {
  const id = fieldId(path);
  return `<fieldset class="checks" id="${id}" data-field="${e(path)}" data-kind="checks"${o.optional ? ' data-optional="true"' : ''}${o.group ? ` data-group="${e(o.group)}"` : ''} tabindex="-1">
          <legend>${e(legend)}</legend>
          ${options
            .map(
              (opt, i) =>
                `<span class="check"><input type="checkbox" id="${id}-${i}" value="${e(opt.value)}"${chosen.includes(opt.value) ? ' checked' : ''}> <label for="${id}-${i}">${e(opt.label)}</label></span>`,
            )
            .join('')}
        </fieldset>`;
}

/** A yes / no / not stated choice. */
export function yesNo(path: string, label: string, value: unknown, choices: { unknown: string; yes: string; no: string }, group?: string): string {
  const id = fieldId(path);
  const opt = (v: string, text: string, selected: boolean) => `<option value="${v}"${selected ? ' selected' : ''}>${e(text)}</option>`;
  return `<div class="field">
          <label for="${id}">${e(label)}</label>
          <select id="${id}" name="${e(path)}" data-field="${e(path)}" data-kind="bool" data-optional="true"${group ? ` data-group="${e(group)}"` : ''}>${opt('', choices.unknown, value === undefined)}${opt('true', choices.yes, value === true)}${opt('false', choices.no, value === false)}</select>
        </div>`;
}

/** A list of like items (versions, timeline updates, advice) that editor.js can add to and remove from. */
export function repeated(o: { list: string; legend: string; items: readonly unknown[]; item: (prefix: string, data: unknown) => string; add: string; remove: string }): string {
  const one = (prefix: string, n: string, data: unknown) => `<fieldset class="item" data-item="${e(prefix)}">
          <legend data-legend="${e(o.legend)}">${e(`${o.legend} ${n}`)}</legend>
          ${o.item(prefix, data)}
          <button type="button" class="secondary remove-item">${e(o.remove)}</button>
        </fieldset>`;
  return `<div class="repeated" data-list="${e(o.list)}">
        ${o.items.map((d, i) => one(`${o.list}.${i}`, String(i + 1), d)).join('\n        ')}
        <template>${one(`${o.list}.ITEM`, '', undefined)}</template>
        <button type="button" class="secondary add-item">${e(o.add)}</button>
      </div>`;
}

/** A source: page title and address. */
export function sourceFields(path: string, legend: string, data: unknown, o: { group?: string; optional?: boolean } = {}): string {
  const extra = { ...(o.group === undefined ? {} : { group: o.group }), ...(o.optional ? { optional: true } : {}) };
  return `<fieldset class="source">
          <legend>${e(legend)}</legend>
          ${field({ path: `${path}.title`, label: T.entry.sourceTitle, value: textAt(data, `${path}.title`), ...extra })}
          ${field({ path: `${path}.url`, label: T.entry.sourceUrl, value: textAt(data, `${path}.url`), type: 'url', ...extra })}
        </fieldset>`;
}

/** The form around an editor: the draft's title, where it starts from, the problems' summary and the save button. */
export function editorForm(o: { kind: 'entry' | 'timeline' | 'contact' | 'outOfScope' | 'synonyms' | 'welcome'; file: string; baseVersion: number; draftTitle: string; note?: string; body: string; extraButtons?: string }): string {
  return `<form id="editor" class="editor" novalidate data-kind="${o.kind}" data-file="${e(o.file)}" data-base-version="${o.baseVersion}">
      <p class="help">${e(T.startsFrom(o.baseVersion))}${o.note ? ` ${e(o.note)}` : ''}</p>
      <div id="problems" class="problems" tabindex="-1" hidden></div>
      ${field({ path: 'title', label: T.title, value: o.draftTitle, help: T.titleHelp })}
      ${o.body}
      <p class="actions"><button type="submit" id="save">${e(T.save)}</button>${o.extraButtons ?? ''}</p>
      <p id="status" class="status" role="status" aria-live="polite"></p>
    </form>`;
}
