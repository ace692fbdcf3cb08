/**
 * The material augmentation draws on to turn corpus phrasings into messages in residents' voices:
 * greetings, introductions, context, sign-offs and personal data, in Swedish and English. None of it is
 * about the incident's facts; it is what surrounds a question when a person writes to the municipality.
 * Names and numbers are fictitious.
 */

export const FIRST_NAMES: readonly string[] = [
  'Anna', 'Lars', 'Karin', 'Mohammed', 'Eva', 'Per', 'Fatima', 'Johan', 'Maria', 'Ahmed', 'Kristina', 'Erik',
  'Sara', 'Mikael', 'Leila', 'Anders', 'Birgitta', 'Hassan', 'Ulla', 'Jonas', 'Elin', 'Nils', 'Aisha', 'Stig',
  'Linnea', 'Omar', 'Agneta', 'Viktor', 'Zeynep', 'Göran', 'Ida', 'Tomas', 'Hiba', 'Britt', 'Oskar', 'Marta',
];

export const SURNAMES: readonly string[] = [
  'Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Eriksson', 'Larsson', 'Olsson', 'Persson', 'Svensson',
  'Gustafsson', 'Ali', 'Hussein', 'Lindberg', 'Jönsson', 'Berg', 'Holm', 'Nowak', 'Yilmaz', 'Sandberg',
];

/**
 * Places people say they live in: common kinds of Swedish district and village names, none of one
 * municipality (the product serves any). Words the corpus does not know add nothing to a match.
 */
export const PLACES: readonly string[] = [
  'centrum', 'Norrmalm', 'Söder', 'Östermalm', 'Västra stan', 'Berga', 'Haga', 'Björkhagen', 'Sjöstaden', 'Lunden',
  'Ängby', 'Tallbacken', 'Granby', 'Nyby', 'Hagalund', 'Solhem', 'Skogsby', 'Backa', 'Brunnsvik', 'Stensätra',
  'Fågelsta', 'Åsen', 'Lindängen', 'Rosendal', 'landet', 'stan',
];

export const SV_JOBS: readonly string[] = [
  'undersköterska', 'snickare', 'busschaufför', 'lärare', 'sjuksköterska', 'städare', 'elektriker', 'kock',
  'lagerarbetare', 'student', 'frisör', 'taxichaufför', 'ekonom', 'pensionär', 'egenföretagare', 'butiksbiträde',
];


export const SV_GREETINGS: readonly string[] = ['Hej!', 'Hej,', 'Hejsan!', 'Hallå!', 'God morgon.', 'God kväll!', 'Tjena,', 'Hej kommunen!', 'Goddag.', 'Hej hej!', 'Hej där,'];
export const EN_GREETINGS: readonly string[] = ['Hi,', 'Hello!', 'Hi there.', 'Good morning,', 'Hey,', 'Dear Sir or Madam,'];

/** Context a resident gives before asking; {name} {place} {age} {job} {n} are filled in. */
export const SV_CONTEXT: readonly string[] = [
  'Jag heter {name} och bor i {place}.',
  '{name} heter jag, {age} år.',
  'Jag är {age} år och bor på {place} med min sambo och våra två barn.',
  'Jag jobbar som {job} och har tre barn.',
  'Vi har bott i {place} i {n} år.',
  'Min dotter hjälper mig att skriva det här.',
  'Jag är pensionär och bor ensam i en lägenhet i {place}.',
  'Jag läste om det i tidningen i morse.',
  'Min granne pratade om det i tvättstugan.',
  'Jag har bott i kommunen i hela mitt liv.',
  'Jag är ny i Sverige och skriver inte så bra svenska.',
  'Jag är lite orolig, som ni kanske förstår.',
  'Det har varit mycket prat om det här i min familj.',
  'Jag är {job} och bor i {place} sedan {n} år tillbaka.',
  'Mina barn går i skolan här och min man jobbar skift.',
  'Vi flyttade hit från Linköping i somras.',
  'Jag sitter på bussen och skriver från mobilen.',
  'Jag har ingen dator hemma, bara telefonen.',
  'Jag såg ett inlägg på Facebook om att kommunen haft problem med datorerna.',
  'Det stod något om en attack i lokaltidningen.',
  'Jag har hört olika saker från olika håll.',
  'Förlåt om jag skriver konstigt, det är första gången jag använder en chatt.',
  'Jag är {age} och inte så van vid datorer.',
  'Min mamma är {age} år och bad mig fråga åt henne.',
  'Vi driver ett litet familjeföretag i {place}.',
  'Jag pluggar på högskolan och jobbar extra i en butik.',
  'Jag har en hund och två katter, så livet är fullt upp.',
];

export const EN_CONTEXT: readonly string[] = [
  'My name is {name} and I live in {place}.',
  "I'm {age} and moved here last year.",
  'I work as a {job} and have two kids.',
  "I don't speak Swedish very well yet, sorry.",
  'I read about it in the local news this morning.',
  'My neighbour told me about it yesterday.',
  "I'm an exchange student at the university here.",
  'We live in {place} with our three children.',
];

/** Questions asked in passing, joined to a main question with a marker of what matters most. */
export const SV_ASIDE_THEN_FOCUS: readonly string[] = [
  '{aside} Jag undrar lite grann om det också, men det jag verkligen vill veta är: {main}',
  'Jag har hört att {asideLower}, men det viktigaste för mig är {mainLower}',
  'Visst undrar jag också {asideLower}, men främst: {main}',
  '{main} Sedan är jag lite nyfiken på {asideLower} också, men det är inte lika viktigt.',
  '{aside} Fast mest av allt undrar jag {mainLower}',
  'Min huvudfråga: {main} Jag undrar också {asideLower}, men det kan vänta.',
];

export const EN_ASIDE_THEN_FOCUS: readonly string[] = [
  "{aside} I'm a bit curious about that too, but what I really want to know is: {main}",
  '{main} By the way, I also wonder {asideLower}, but that is less important.',
  'Mainly: {main} Also, {asideLower}',
];

export const SV_SIGN_OFFS: readonly string[] = [
  'Tack på förhand!', 'Vänliga hälsningar, {name}', 'Mvh {name}', '/{name}', 'Tack för hjälpen!', 'Hälsningar {name}',
  'Skickat från min iPhone', 'Ha det gott!', 'Med vänlig hälsning {fullName}', 'Tack! {name}', 'Tacksam för svar.',
];
export const EN_SIGN_OFFS: readonly string[] = ['Thanks in advance!', 'Best regards, {name}', 'Thank you, {name}', 'Cheers, {name}', 'Kind regards, {fullName}'];

/** Personal data the way people paste it; {pnr} {phone} {email} are filled in. */
export const SV_PERSONAL: readonly string[] = [
  'Mitt personnummer är {pnr}.',
  '{fullName}, {pnr}',
  'Ring mig gärna på {phone}.',
  'Nå mig på {email} eller {phone}.',
  'Personnummer: {pnr} Telefon: {phone}',
  'Svara gärna till {email}.',
  '{fullName} ({pnr})',
  'pnr {pnr}',
];
export const EN_PERSONAL: readonly string[] = ['My personal number is {pnr}.', 'Call me on {phone}.', 'Email me at {email}.', '{fullName}, {phone}'];

/** Written-out words and the way they are typed in a hurry: for chat-style variants. */
export const SV_CHAT_FORMS: readonly (readonly [RegExp, string])[] = [
  [/(?<![\p{L}])eller(?![\p{L}])/gu, 'elr'],
  [/(?<![\p{L}])är(?![\p{L}])/gu, 'e'],
  [/(?<![\p{L}])någon(?![\p{L}])/gu, 'nån'],
  [/(?<![\p{L}])något(?![\p{L}])/gu, 'nåt'],
  [/(?<![\p{L}])på grund av(?![\p{L}])/gu, 'pga'],
  [/(?<![\p{L}])mycket(?![\p{L}])/gu, 'mkt'],
  [/(?<![\p{L}])och(?![\p{L}])/gu, 'o'],
  [/(?<![\p{L}])det(?![\p{L}])/gu, 'de'],
  [/(?<![\p{L}])mig(?![\p{L}])/gu, 'mej'],
  [/(?<![\p{L}])jag(?![\p{L}])/gu, 'ja'],
];

export const SV_CHAT_FILLERS: readonly string[] = ['typ', 'asså', 'liksom', 'ba', 'eller', 'elr vad', 'lixom'];

/**
 * Follow-ups that only make sense after an answer: no topic of their own, a pronoun, "och …?", a "when"
 * or "how long" about the same thing. Asked after an entry's answer they continue its topic; asked
 * first, they cannot be answered.
 */
export const SV_FOLLOW_UPS: readonly string[] = [
  'och när då?', 'när då?', 'hur länge då?', 'hur länge till?', 'hur länge kan det dröja?', 'och varför då?', 'varför det?',
  'kan du förklara mer?', 'vad betyder det?', 'vad menar ni med det?', 'vad innebär det för mig?', 'gäller det mig också?',
  'gäller det alla?', 'och sen då?', 'okej, men när?', 'när blir det klart?', 'när vet ni mer?', 'säkert?', 'är ni säkra på det?',
  'och om det inte gör det?', 'vad händer om det blir fel?', 'hur vet ni det?', 'och om det ändras?', 'kommer ni säga till då?',
  'var kan jag läsa mer om det?', 'och det gäller fortfarande?', 'stämmer det fortfarande?', 'har det ändrats något?',
  'och hur är det nu då?', 'är det likadant i dag?', 'hur ofta uppdateras det?', 'och för min del?', 'vad ska jag göra då?',
  'behöver jag göra något?', 'måste jag göra något själv?', 'och om jag har frågor om det?', 'tack, men när kommer det?',
  'okej och hur länge gäller det?', 'och det?', 'hur då?', 'på vilket sätt?', 'varför tar det så lång tid?',
];
export const EN_FOLLOW_UPS: readonly string[] = [
  'and when?', 'how long?', 'how long will it take?', 'why?', 'what does that mean?', 'does that apply to me too?', 'are you sure?',
  'and then?', 'is that still true?', 'what should I do then?', 'do I need to do anything?', 'how do you know?', 'when will you know more?',
];
