import type { Bilingual } from './errors';

/**
 * Rule messages referenced from zod refinements as `msg:<key>`; the router turns the key into
 * the bilingual text so the contract stays a plain data declaration.
 */
export const ruleMessages = {
  required: { sv: 'Fältet måste fyllas i.', en: 'This field is required.' },
  nameRequired: { sv: 'Ange ett namn.', en: 'Enter a name.' },
  codeFormat: {
    sv: 'Kortnamnet får bara innehålla bokstäver, siffror och bindestreck (högst 20 tecken).',
    en: 'The short code may only contain letters, digits and hyphens (at most 20 characters).',
  },
  ageBandOrder: { sv: 'Högsta ålder kan inte vara lägre än lägsta ålder.', en: 'The maximum age cannot be below the minimum age.' },
  sessionCount: { sv: 'Antal träffar ska vara mellan 1 och 60.', en: 'The number of sessions must be between 1 and 60.' },
  sessionLength: { sv: 'Träfflängden ska vara mellan 15 och 600 minuter.', en: 'The session length must be between 15 and 600 minutes.' },
  childAge: { sv: 'Ålder ska vara mellan 0 och 25 år.', en: 'Age must be between 0 and 25 years.' },
  email: { sv: 'Ange en giltig e-postadress.', en: 'Enter a valid email address.' },
  phone: { sv: 'Ange ett giltigt telefonnummer (siffror, mellanslag, +, -).', en: 'Enter a valid phone number (digits, spaces, +, -).' },
  roleRequired: { sv: 'Välj minst en roll: gruppledare eller handledare.', en: 'Choose at least one role: group leader or supervisor.' },
  date: { sv: 'Ange ett datum som ÅÅÅÅ-MM-DD.', en: 'Enter a date as YYYY-MM-DD.' },
  time: { sv: 'Ange en tid som TT:MM.', en: 'Enter a time as HH:MM.' },
  breakOrder: { sv: 'Lovets sista dag kan inte ligga före den första.', en: 'The break’s last day cannot be before its first.' },
  dateRange: { sv: 'Datumet måste ligga mellan 2000 och 2100.', en: 'The date must be between 2000 and 2100.' },
  leaderRequired: { sv: 'Välj minst en gruppledare.', en: 'Choose at least one group leader.' },
  leaderDuplicate: { sv: 'Samma gruppledare är vald två gånger.', en: 'The same group leader is chosen twice.' },
  participantCount: { sv: 'Antal deltagare ska vara ett heltal mellan 0 och 99.', en: 'The number of participants must be a whole number from 0 to 99.' },
  cancelReason: { sv: 'Ange varför träffen ställdes in.', en: 'Enter why the session was cancelled.' },
  id: { sv: 'Ogiltig identitet.', en: 'Invalid identifier.' },
  tooLong: { sv: 'Texten är för lång: högst {max} tecken.', en: 'The text is too long: at most {max} characters.' },
  importFileSize: { sv: 'Filen är större än 20 MB. Dela upp listan i flera filer.', en: 'The file is larger than 20 MB. Split the list into several files.' },
  instrumentFileSize: {
    sv: 'Filen är större än 1 MB, så den är varken en instrumentdefinition eller ett datalexikon.',
    en: 'The file is larger than 1 MB, so it is neither an instrument definition nor a data dictionary.',
  },
  syncCode: { sv: 'Klistra in hela anslutningskoden.', en: 'Paste the whole enrolment code.' },
  controlChars: {
    sv: 'Texten får inte innehålla radbrytningar, tabbar eller andra kontrolltecken.',
    en: 'The text must not contain line breaks, tabs or other control characters.',
  },
  controlCharsInNote: {
    sv: 'Texten får bara innehålla radbrytningar och tabbar, inga andra kontrolltecken.',
    en: 'The text may hold line breaks and tabs but no other control characters.',
  },
  dateOrder: { sv: 'Slutdatum kan inte vara före startdatum.', en: 'The end date cannot be before the start date.' },
  belowKReason: {
    sv: 'Skriv varför exporten behöver göras under k, med minst 10 tecken (högst 1000).',
    en: 'Write why the export must be made below k, in at least 10 characters (at most 1000).',
  },
  displayName: { sv: 'Ange namn eller initialer.', en: 'Enter a name or initials.' },
  birthYear: { sv: 'Ange barnets födelseår med fyra siffror.', en: 'Enter the child’s birth year as four digits.' },
  consentDate: {
    sv: 'Ange datum för samtycket när svaret är ja eller nej (och inget datum när frågan inte ställts).',
    en: 'Enter the consent date when the answer is yes or no (and no date when not asked).',
  },
  componentLabel: { sv: 'Ange en benämning för momentet.', en: 'Enter a label for the component.' },
  componentsRequired: { sv: 'Träffen behöver minst ett moment.', en: 'The session needs at least one component.' },
  componentDuplicate: { sv: 'Samma moment finns två gånger.', en: 'The same component appears twice.' },
  planTitle: { sv: 'Ange en rubrik för träffen.', en: 'Enter a title for the session.' },
  completionPercent: { sv: 'Andelen ska vara ett heltal mellan 1 och 100 procent.', en: 'The share must be a whole number from 1 to 100 per cent.' },
  dropoutAfter: { sv: 'Antalet frånvarotillfällen ska vara ett heltal mellan 1 och 20.', en: 'The number of absences must be a whole number from 1 to 20.' },
  atRiskAfter: { sv: 'Antalet frånvarotillfällen ska vara ett heltal mellan 1 och 20.', en: 'The number of absences must be a whole number from 1 to 20.' },
  atRiskOrder: {
    sv: 'Risk för avhopp måste markeras före (eller samtidigt som) avhopp.',
    en: 'At risk must be flagged before (or together with) dropout.',
  },
  reasonLabel: { sv: 'Ange en benämning för orsaken.', en: 'Enter a label for the reason.' },
  passphraseLength: {
    sv: 'Lösenfrasen måste vara minst 12 tecken (högst 1024). Flera ord i följd är lätta att minnas.',
    en: 'The passphrase must be at least 12 characters (at most 1024). Several words in a row are easy to remember.',
  },
  passphraseRepeat: {
    sv: 'Lösenfraserna stämmer inte överens. Skriv samma lösenfras två gånger.',
    en: 'The passphrases do not match. Type the same passphrase twice.',
  },
  userName: { sv: 'Ange ditt namn (högst 100 tecken).', en: 'Enter your name (at most 100 characters).' },
  recoveryKey: { sv: 'Ange återställningsnyckeln, grupper om fyra tecken.', en: 'Enter the recovery key, in groups of four characters.' },
  autoLockMinutes: { sv: 'Ange ett helt antal minuter mellan 1 och 240.', en: 'Enter a whole number of minutes from 1 to 240.' },
  backupName: { sv: 'Välj en säkerhetskopia i listan.', en: 'Choose a backup from the list.' },
  courseDays: { sv: 'Antal kursdagar ska vara ett heltal mellan 0 och 30.', en: 'The number of course days must be a whole number from 0 to 30.' },
  heldPercent: {
    sv: 'Andelen hållna träffar ska vara ett heltal mellan 1 och 100 procent.',
    en: 'The share of sessions held must be a whole number from 1 to 100 per cent.',
  },
  supervisionCount: {
    sv: 'Antal handledningstillfällen ska vara ett heltal mellan 0 och 50.',
    en: 'The number of supervision sessions must be a whole number from 0 to 50.',
  },
  inactiveMonths: { sv: 'Antal månader ska vara ett heltal mellan 1 och 120.', en: 'The number of months must be a whole number from 1 to 120.' },
  noSupervisionWeeks: { sv: 'Antal veckor ska vara ett heltal mellan 1 och 52.', en: 'The number of weeks must be a whole number from 1 to 52.' },
  attentionPercent: { sv: 'Gränsen ska vara ett heltal mellan 1 och 100 procent.', en: 'The limit must be a whole number from 1 to 100 per cent.' },
  courseDatesRequired: { sv: 'Ange minst en kursdag.', en: 'Enter at least one course day.' },
  courseDateDuplicate: { sv: 'Samma kursdag finns två gånger.', en: 'The same course day appears twice.' },
  trainerRequired: {
    sv: 'Välj en utbildare bland medarbetarna eller skriv utbildarens namn.',
    en: 'Choose a trainer among the staff or type the trainer’s name.',
  },
  ratingScale: { sv: 'Skattningen ska vara ett heltal från 1 till 4.', en: 'The rating must be a whole number from 1 to 4.' },
  followUpText: { sv: 'Beskriv uppföljningen.', en: 'Describe the follow-up action.' },
  groupDuplicate: { sv: 'Samma grupp är vald två gånger.', en: 'The same group is chosen twice.' },
  instrumentFormat: {
    sv: 'Filen är ingen instrumentdefinition: "format" ska vara "komet-instrument/1".',
    en: 'The file is not an instrument definition: "format" must be "komet-instrument/1".',
  },
  instrumentCode: {
    sv: 'Koden får bara innehålla bokstäver a–z, siffror, punkt, bindestreck och understreck, börja med en bokstav eller siffra och vara högst 40 tecken.',
    en: 'The code may only contain letters a–z, digits, dots, hyphens and underscores, must start with a letter or digit and be at most 40 characters.',
  },
  instrumentVersion: {
    sv: 'Versionen får bara innehålla bokstäver a–z, siffror, punkt, bindestreck och understreck (högst 20 tecken).',
    en: 'The version may only contain letters a–z, digits, dots, hyphens and underscores (at most 20 characters).',
  },
  itemValue: { sv: 'Ange ett heltal mellan -1000 och 1000.', en: 'Enter a whole number from -1000 to 1000.' },
  supervisorRequired: { sv: 'Välj en handledare.', en: 'Choose a supervisor.' },
  timepoint: {
    sv: 'Mättillfället ska vara "pre", "post" eller en uppföljning "fu" följd av antal månader (1–120), t.ex. "fu6".',
    en: 'The time point must be "pre", "post" or a follow-up "fu" followed by its months (1–120), e.g. "fu6".',
  },
  followupWindow: {
    sv: 'En uppföljning behöver ett fönster på 1–366 dagar; "pre" och "post" har fasta fönster.',
    en: 'A follow-up needs a window of 1–366 days; "pre" and "post" have fixed windows.',
  },
} satisfies Record<string, Bilingual>;

export type RuleMessageKey = keyof typeof ruleMessages;
export const msg = (key: RuleMessageKey) => `msg:${key}`;

/**
 * The bilingual text for a `msg:` reference, or undefined when the text is not one. A reference
 * may carry a number after a second colon (`msg:tooLong:200`) that fills the rule's `{max}`.
 */
export function ruleMessageFor(text: string): Bilingual | undefined {
  const match = text.match(/^msg:([A-Za-z]+)(?::(\d+))?$/);
  if (!match) return undefined;
  const rule = (ruleMessages as Record<string, Bilingual | undefined>)[match[1] ?? ''];
  if (!rule) return undefined;
  const max = match[2] ?? '';
  return { sv: rule.sv.replace('{max}', max), en: rule.en.replace('{max}', max) };
}
