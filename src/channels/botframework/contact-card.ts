import { CardFactory, type Attachment } from 'botbuilder';
import { openingStatus, type ClockTime, type Contact, type Lang, type OpeningStatus } from '../../core/index.js';
import { daysBeforeHours, type Translate } from '../../i18n/index.js';

/**
 * The contact-center card every escalation shows: phone and e-mail as links in the text and as buttons
 * (tel:, mailto:), the visiting address, the visiting hours and, when the corpus can tell, whether the
 * reception is open for visits now. Days, public holidays, phone hours and advice appear only when
 * faq-data/contact.yaml states them with a source.
 */
export function contactCard(contact: Contact, lang: Lang, t: Translate, now: Date): Attachment {
  const hours = contact.openingHours;
  const days = daysBeforeHours(hours, t);
  const lines = [
    t('contact.phone', { phone: contact.phone.display, tel: contact.phone.tel }),
    t('contact.email', { email: contact.email }),
    t('contact.address', { address: contact.visitingAddress[lang] }),
    days === undefined ? t('contact.hours', { hours: hours.display[lang] }) : t('contact.hoursWithDays', { days, hours: hours.display[lang] }),
    ...(hours.publicHolidays === undefined ? [] : [t(hours.publicHolidays.closed ? 'contact.holidaysClosed' : 'contact.holidaysOpen')]),
    ...(contact.phoneHours === undefined ? [] : [t('contact.phoneHours', { hours: contact.phoneHours.display[lang] })]),
    ...contact.advice.map((a) => a.text[lang]),
  ];
  const status = statusLine(openingStatus(hours, now), t);
  return CardFactory.heroCard(
    contact.name[lang],
    lines.join('\n\n'),
    [],
    [
      { type: 'openUrl', title: t('contact.call', { phone: contact.phone.display }), value: `tel:${contact.phone.tel}` },
      { type: 'openUrl', title: t('contact.mail'), value: `mailto:${contact.email}` },
    ],
    status === undefined ? {} : { subtitle: status },
  );
}

/**
 * "Besök: öppet nu till 16.00", "Besök: stängt nu – öppnar måndag 08.30", "Besök: stängt nu"; nothing
 * when the corpus cannot tell (the days are not stated and it is within the visiting hours). The times
 * are the day's own: today's closing, the named day's opening.
 */
export function statusLine(status: OpeningStatus, t: Translate): string | undefined {
  switch (status.kind) {
    case 'unknown':
      return undefined;
    case 'open':
      return t('contact.visitsOpenNow', { time: clock(status.closes, t) });
    case 'closed': {
      const next = status.next;
      if (!next) return t('contact.visitsClosed');
      const time = clock(next.time, t);
      if (next.when === 'today') return t('contact.visitsClosedOpensToday', { time });
      if (next.when === 'tomorrow') return t('contact.visitsClosedOpensTomorrow', { time });
      return t('contact.visitsClosedOpensLater', { time, weekday: t(`weekday.${next.weekday}`) });
    }
  }
}

const clock = (c: ClockTime, t: Translate) =>
  t('contact.time', { hour: String(c.hour).padStart(2, '0'), minute: String(c.minute).padStart(2, '0') });
