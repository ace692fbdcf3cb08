import type svBot from '../../locales/sv/bot.json';

type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** Every UI string's key, derived from the Swedish file, so a typo is a compile error. */
export type MessageKey = Leaves<typeof svBot>;
