/**
 * The staff pages' words. Staff-facing and Swedish only (the residents' strings live in locales/);
 * kept here in one place so the pages, their scripts' messages and the tests read the same text.
 */
/**
 * A query parameter's name as a page says it. The name is the caller's text: it is shown only when it is a
 * plain word (as every parameter of ours is), so a crafted address cannot put a sentence of its own on a
 * staff page.
 */
const named = (parameter: string) => (/^[A-Za-z][A-Za-z0-9_-]{0,31}$/.test(parameter) ? `Parametern ”${parameter}”` : 'En parameter');

export const STAFF_TEXT = Object.freeze({
  siteName: 'Incidentboten för personal',
  skipLink: 'Hoppa till innehållet',
  navLabel: 'Personalsidor',
  nav: { console: 'Sök svar', review: 'Granskning', stats: 'Siffror' },
  signedInAs: 'Inloggad som',
  signOut: 'Logga ut',
  roles: { agent: 'handläggare', editor: 'redaktör', publisher: 'publicerare' },

  console: {
    title: 'Sök svar – Incidentboten för personal',
    heading: 'Sök bland de granskade svaren',
    searchLabel: 'Sök med invånarens ord',
    searchHelp: 'Skriv för att söka. Pil upp och ned väljer ett svar, Enter kopierar det med källa.',
    resultsLabel: 'Träffar',
    answerHeading: 'Svaret',
    copy: 'Kopiera svaret med källa',
    noResults: 'Inga granskade svar matchar. Hänvisa till kontaktcentret.',
    previewHeading: 'Vad svarar boten en invånare?',
    previewLabel: 'Invånarens ord',
    previewButton: 'Visa botens beslut',
    mostUsedHeading: 'Mest använda svar i dag',
    mostUsedEmpty: 'Inga svar har visats i dag ännu.',
    mostUsedShow: 'Visa',
    timesShown: 'gånger',
    contactHeading: 'Kontaktuppgifter',
    phone: 'Telefon',
    email: 'E-post',
    hours: 'Öppettider för besök',
    address: 'Besöksadress',
  },

  review: {
    title: 'Granskning – Incidentboten för personal',
    heading: 'Frågor boten inte kunde besvara',
    intro:
      'Invånarnas frågor som fick ”Menar du …?”, hänvisades till kontaktcentret, fick svaret ”Inget av dessa” eller ”Nej” på ”Hjälpte svaret?”. Personuppgifter är borttagna innan frågorna sparades. Liknande frågor är grupperade, störst först.',
    period: 'Period',
    show: 'Visa',
    csv: 'Ladda ner som CSV',
    csvExcel: 'CSV för Excel (semikolon)',
    groupsHeading: 'Grupper av liknande frågor',
    entriesHeading: 'Per svar',
    none: 'Inga obesvarade frågor under perioden.',
    weakness: {
      heading: 'Där svaren är svaga',
      predicted: (forecast: string, low: string, high: string, answered: string, wrong: string) =>
        `Omkring ${forecast} av invånarnas frågor om händelsen väntas få rätt svar (troligen ${low}–${high}). Prognosen bygger på svarens egna formuleringar, prövade på en modell som inte fått se dem: av dem besvaras ${answered} rätt och ${wrong} fel.`,
      confused: (entry: string, other: string, share: string) => `”${entry}” tas för ”${other}” i ${share} av fallen. Låt formuleringarna skilja sig i vad de frågar om.`,
      thin: (entry: string, answered: string, phrasings: number) => `”${entry}” besvaras bara i ${answered} av fallen (${phrasings} formuleringar). Lägg till formuleringar med invånarnas egna ord.`,
      none: 'Inga svaga svar hittades.',
    },
    columns: { question: 'Fråga', count: 'Antal', lastSeen: 'Senast', outcome: 'Utfall', nearest: 'Närmaste svar' },
    examples: 'Andra formuleringar',
    noNearest: 'inget',
    entryColumns: { entry: 'Svar', shown: 'Visat', yes: 'Ja', no: 'Nej', clarified: 'Menar du', escalated: 'Hänvisade' },
  },

  stats: {
    title: 'Siffror – Incidentboten för personal',
    heading: 'Siffror',
    intro: 'Räknat på invånarnas frågor i webbchatten och Teams. Besvarade frågor räknas men sparas inte.',
    period: 'Period',
    show: 'Visa',
    perDay: 'Frågor per dag',
    shares: 'Andel besvarade, förtydligade och hänvisade',
    helpfulness: 'Hjälpte svaret? Per svar',
    hours: 'Mest belastade timmar',
    table: 'Siffrorna som tabell',
    day: 'Dag',
    hour: 'Timme',
    questions: 'Frågor',
    answered: 'Besvarade',
    clarified: 'Menar du',
    escalated: 'Hänvisade',
    share: 'Andel',
    outcome: 'Utfall',
    entry: 'Svar',
    yes: 'Ja',
    no: 'Nej',
    totals: 'Totalt',
  },

  outcome: {
    clarify: 'Menar du',
    escalate: 'Hänvisad',
    'none-of-these': 'Inget av dessa',
    'not-helpful': 'Nej, hjälpte inte',
  },

  periods: [
    { days: 1, label: 'I dag' },
    { days: 7, label: 'Senaste 7 dagarna' },
    { days: 30, label: 'Senaste 30 dagarna' },
  ],

  badAddress: {
    heading: 'Adressen går inte att läsa',
    again: 'Öppna sidan utan parametrar',
    repeated: (parameter: string) => `${named(parameter)} finns mer än en gång i adressen. Ange den bara en gång och försök igen.`,
    'malformed-encoding': (parameter: string) => `${named(parameter)} har en felaktig %-kodning i adressen. Rätta adressen och försök igen.`,
  },

  storeUnavailable: 'Uppgifterna kan inte hämtas just nu (databasen svarar inte). Försök igen om en stund.',

  signIn: {
    title: 'Logga in – Incidentboten för personal',
    failedHeading: 'Inloggningen misslyckades',
    failed: 'Inloggningen kunde inte slutföras. Försök igen.',
    unavailable: 'Inloggningstjänsten svarar inte just nu. Försök igen om en stund.',
    tooMany: 'För många inloggningsförsök från den här adressen. Vänta en minut och försök igen.',
    retry: 'Logga in igen',
    forbiddenHeading: 'Du saknar behörighet',
    forbidden: 'Ditt konto har ingen av rollerna handläggare och redaktör. Be din administratör om den roll du behöver.',
    forbiddenEditor: 'Den här sidan är bara för redaktörer. Behöver du arbeta här kan din administratör ge dig rollen redaktör.',
    signedOutHeading: 'Du är utloggad',
    signedOut: 'Du har loggats ut från personalsidorna.',
    tokenOnlyHeading: 'Inloggning krävs',
    tokenOnly: 'Inloggning med Entra ID är inte konfigurerad. Personal-API:t nås med STAFF_TOKEN i Authorization-huvudet (se docs/staff.md).',
  },
  localSignIn: {
    title: 'Logga in lokalt – Incidentboten för personal',
    heading: 'Logga in lokalt',
    intro: 'Bara på den här datorn och utan lösenord, för att prova personalsidorna. Välj vem du vill vara.',
    as: 'Logga in som',
    onlyLoopback: 'Lokal inloggning går bara från den här datorn.',
    unknownUser: 'Det finns ingen sådan lokal användare.',
    notUtf8: 'Formuläret skickades med en annan teckenkodning än UTF-8. Logga in från inloggningssidan i stället.',
  },
});
