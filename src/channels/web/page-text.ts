import type { Contact } from '../../core/index.js';

/**
 * The page's Swedish text. The bot's own words come from locales/ through the bot; these are the page
 * around it and the few notices the browser shows itself when the server cannot answer.
 */
export function pageText(contact: Contact) {
  const reach = `ring ${contact.name.sv.toLowerCase()} på ${contact.phone.display} (${contact.openingHours.display.sv} vardagar) eller mejla ${contact.email}`;
  return {
    title: 'Frågor om it-incidenten – Norrköpings kommun',
    siteName: 'Norrköpings kommun',
    skipLink: 'Hoppa till chatten',
    heading: 'Frågor och svar om it-incidenten',
    intro:
      'Chatten svarar med kommunens granskade information om cyberincidenten. Skriv inte personnummer eller andra känsliga uppgifter i chatten.',
    chatRegion: 'Chatt med Norrköpings kommun',
    loading: 'Chatten laddas …',
    noscript: 'Chatten behöver JavaScript. Du kan alltid få svar av en person:',
    contactHeading: `${contact.name.sv}`,
    phoneLabel: 'Telefon',
    emailLabel: 'E-post',
    hoursLabel: 'Öppettider för besök',
    hoursValue: `${contact.openingHours.display.sv}, vardagar`,
    addressLabel: 'Besöksadress',
    notices: {
      rateLimited: `Du har skickat många meddelanden på kort tid. Vänta {seconds} sekunder och försök igen, eller ${reach}.`,
      tooLong: `Meddelandet är för långt. Skriv en kortare fråga, eller ${reach}.`,
      failed: `Chatten kan inte svara just nu. Försök igen om en stund, eller ${reach}.`,
    },
  } as const;
}

export type PageText = ReturnType<typeof pageText>;
