import { CardFactory, type Attachment } from 'botbuilder';
import { openingStatus, type ClockTime, type Contact, type Lang, type OpeningStatus } from '../../core/index.js';
import { openDaysText, type Translate } from '../../i18n/index.js';

/**
 * The contact-center card every escalation shows: phone (tel:), e-mail (mailto:), visiting address,
 * opening hours and whether the center is open at `now` in its own time zone.
 */
export function contactCard(contact: Contact, lang: Lang, t: Translate, now: Date): Attachment {
  const status = openingStatus(contact.openingHours, now);
  const hours = contact.openingHours;
  const days = openDaysText(hours.days, t);
  const lines = [
    t('contact.phone', { phone: contact.phone.display }),
    t('contact.email', { email: contact.email }),
    t('contact.address', { address: contact.visitingAddress[lang] }),
    t('contact.hours', { days, hours: hours.display[lang] }),
    ...(status.open ? [] : [t('contact.closedAdvice')]),
    t('contact.phonesDownAdvice'),
  ];
  return CardFactory.heroCard(
    contact.name[lang],
    lines.join('\n\n'),
    [],
    [
      { type: 'openUrl', title: t('contact.call', { phone: contact.phone.display }), value: `tel:${contact.phone.tel}` },
      { type: 'openUrl', title: t('contact.mail'), value: `mailto:${contact.email}` },
    ],
    { subtitle: statusLine(status, t) },
  );
}

/** "Öppet nu till 16.00", "Stängt nu – öppnar måndag 08.30". */
export function statusLine(status: OpeningStatus, t: Translate): string {
  if (status.open) return t('contact.openNow', { time: clock(status.closes, t) });
  const next = status.next;
  if (!next) return t('contact.closed');
  const time = clock(next.time, t);
  if (next.when === 'today') return t('contact.closedOpensToday', { time });
  if (next.when === 'tomorrow') return t('contact.closedOpensTomorrow', { time });
  return t('contact.closedOpensLater', { time, weekday: t(`weekday.${next.weekday}`) });
}

const clock = (c: ClockTime, t: Translate) =>
  t('contact.time', { hour: String(c.hour).padStart(2, '0'), minute: String(c.minute).padStart(2, '0') });
