/**
 * The words that tell a trained contact-center agent which part of a message is the question: the
 * greeting and the sign-off carry nothing, a self-introduction is context, a sentence that asks is the
 * question, and "men främst …" or "det jag verkligen vill veta är …" marks the one that matters most
 * when a message asks several things. Compared after tokenizing and folding å/ä/ö.
 */

/** A segment made only of these (and names) is a greeting. */
export const GREETING_WORDS: ReadonlySet<string> = new Set(
  'hej hejsan hejhej tjena tjenare tja hallå halla hallå allihop alla god goddag godmorgon godkväll godkvall morgon kväll kvall dag eftermiddag middag förmiddag hello hi hey dear sir madam evening morning afternoon there där dar kommunen kommun ni er hälsningar'.split(' '),
);

/** A segment that starts with one of these phrases is a sign-off (folded, space-separated tokens). */
export const SIGN_OFF_PHRASES: readonly string[] = [
  'med vanlig halsning',
  'med vanliga halsningar',
  'vanliga halsningar',
  'vanlig halsning',
  'halsningar',
  'mvh',
  'tack pa forhand',
  'tack for svar',
  'tack for hjalp',
  'tack for hjalpen',
  'tack sa mycket',
  'tack i forvag',
  'stort tack',
  'ha det gott',
  'ha en bra dag',
  'ha en fin dag',
  'skickat fran',
  'sent from',
  'best regards',
  'kind regards',
  'regards',
  'thanks in advance',
  'thank you',
  'thanks',
  'cheers',
  'tack',
  'vanligen',
  'tacksam for svar',
  'tacksam for hjalp',
  'tacksam for',
  'tacksamma for',
];

/** Questions open with these words (folded). */
export const QUESTION_OPENERS: ReadonlySet<string> = new Set(
  'vad vem vems vilken vilket vilka var vart varfor när nar hur hurdan kan kommer ar är har blir far får ska skall finns fungerar funkar gar går galler gäller paverkas påverkas betalar betalas stammer stämmer maste måste borde bor behover behöver ligger sitter drabbades drabbas hande hände hander händer tror vet hade kunde skulle var what who which where why when how can could will would is are was were has have do does did should may might any'.split(' '),
);

/** Phrases that ask without a question mark (folded): "jag undrar om …", "I would like to know". */
export const ASKING_PHRASES: readonly string[] = [
  'undrar',
  'undrade',
  'vill veta',
  'vill bara veta',
  'vill bara fraga',
  'vill bara hora',
  'vill fraga',
  'vill ha svar',
  'vill gärna veta',
  'vill garna veta',
  'skulle vilja veta',
  'kan ni beratta',
  'kan ni forklara',
  'kan ni reda ut',
  'kan ni bekrafta',
  'kan ni specificera',
  'beratta',
  'forklara',
  'wondering',
  'wonder',
  'want to know',
  'would like to know',
  'like to know',
  'please tell',
  'could you tell',
  'can you tell',
];

/** Marks the question that matters most in a message that asks several things (folded). */
export const FOCUS_PHRASES: readonly string[] = [
  'framst',
  'framfor allt',
  'huvudfragan',
  'huvudsakligen',
  'viktigast',
  'det viktigaste',
  'mest av allt',
  'det jag verkligen vill veta',
  'det jag egentligen vill veta',
  'det jag vill veta',
  'det jag vill ha svar pa',
  'det jag verkligen undrar',
  'det jag undrar over',
  'det jag undrar',
  'som brador',
  'som bradskar',
  'som ar viktigast',
  'min egentliga fraga',
  'min huvudfraga',
  'min fraga ar',
  'fragan ar',
  'mainly',
  'most of all',
  'above all',
  'main question',
  'what i really want to know',
  'what i need to know',
  'first and foremost',
];

/** Marks a question asked in passing, when another one matters more (folded). */
export const ASIDE_PHRASES: readonly string[] = [
  'ocksa',
  'aven',
  'dessutom',
  'lite nyfiken',
  'nyfiken',
  'sedan ar jag',
  'sen ar jag',
  'visst',
  'klart att',
  'i och for sig',
  'by the way',
  'also',
  'as well',
  'curious',
];

/** Statements that report what someone else said or read: context, not the question (folded). */
export const REPORTING_PHRASES: readonly string[] = [
  'jag horde att',
  'jag har hort att',
  'jag laste att',
  'jag last att',
  'jag sag att',
  'jag har sett att',
  'jag laste',
  'jag sag',
  'i heard',
  'i read',
  'i saw',
];

/** Words that introduce the writer (folded): "jag heter", "Margareta heter jag", "jag är 71 år". */
export const SELF_INTRODUCTION_PHRASES: readonly string[] = [
  'jag heter',
  'heter jag',
  'mitt namn ar',
  'jag ar pensionar',
  'jag bor',
  'bor i',
  'bor pa',
  'jag jobbar som',
  'jag arbetar som',
  'ar jag',
  'ar fyllda',
  'my name is',
  'i live',
  'i work as',
  'i am a',
  'im a',
];

/** Words a follow-up opens with: "och när kommer de då?", "men gäller det mig?" (folded). */
export const FOLLOW_UP_OPENERS: ReadonlySet<string> = new Set('och men sa okej ok tack and but so okay also'.split(' '));

/** Phrases that point back at what was just answered (folded). */
export const FOLLOW_UP_PHRASES: readonly string[] = ['galler det', 'galler detta', 'galler det har', 'det ocksa', 'dem ocksa', 'de ocksa', 'does that', 'is that', 'does it', 'is it still', 'what about'];

/** Pronouns and words that need something said before them (folded). */
export const POINTING_WORDS: ReadonlySet<string> = new Set('det den dem de dom dessa detta dar da it that this they them there those'.split(' '));
