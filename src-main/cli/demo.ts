import { parseArgs } from 'node:util';
import { systemClock } from '../core/clock';
import { maxDemoScale } from '../core/demo/limits';
import { baseOptions, CliFailure, databasePathFrom, dbOptionHelp, helpOptionHelp, line, parseNumber } from './common';

export const help = `Användning / Usage: komet demo [--db SÖKVÄG] [--scale N] [--seed S] [--today ÅÅÅÅ-MM-DD] [--force] [--unencrypted]

Fyller databasen med påhittade men realistiska demodata: skala 1 ≈ tre år i Stockholm
(omkring 170 grupper, 60 gruppledare, 12 handledare). Samma frö och dag ger samma data.
Fills the database with fictitious but realistic demo data: scale 1 ≈ three years of Stockholm
(about 170 groups, 60 group leaders, 12 supervisors). The same seed and day give the same data.

${dbOptionHelp}
  --scale N       multiplicerar antalet grupper och medarbetare (standard 1, högst ${maxDemoScale})
                  multiplies the number of groups and staff (default 1, at most ${maxDemoScale})
  --seed S        frö för slumptalen (standard 1) / random seed (default 1)
  --today DATUM   dagen som data läggs ut kring (standard i dag) / the day data is laid out around (default today)
  --force         lägg till även om databasen redan har grupper (inte samma frö två gånger)
                  add even if the database already has groups (not the same seed twice)
  --unencrypted   skapa en okrypterad databas om den saknas / create an unencrypted database if there is none
                  (en krypterad öppnas med KOMET_PASSPHRASE / an encrypted one opens with KOMET_PASSPHRASE)
${helpOptionHelp}`;

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      ...baseOptions,
      scale: { type: 'string' },
      seed: { type: 'string', default: '1' },
      today: { type: 'string' },
      force: { type: 'boolean', default: false },
      unencrypted: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    console.log(help);
    return 0;
  }
  // Loaded after --help so help stays instant.
  const [{ withApp }, { addDemoData }] = await Promise.all([import('./app'), import('../core/demo/add-demo')]);
  const scale = parseNumber('scale', values.scale, 1, (n) => n > 0 && n <= maxDemoScale, {
    sv: `ange ett tal större än 0 och högst ${maxDemoScale}`,
    en: `give a number above 0 and at most ${maxDemoScale}`,
  });
  const today = values.today ?? systemClock.today();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || Number.isNaN(Date.parse(`${today}T00:00:00Z`)) || today < '2003-01-01' || today > '2099-12-31') {
    throw new CliFailure({ sv: '--today: ange ett datum som ÅÅÅÅ-MM-DD', en: '--today: give a date as YYYY-MM-DD' }, 2);
  }
  // A purely numeric seed is used as the number itself, so "--seed 1" and seed 1 agree.
  const seed = /^\d+$/.test(values.seed) ? Number(values.seed) : values.seed;
  const databasePath = databasePathFrom(values.db);
  const started = performance.now();
  const summary = await withApp(databasePath, (app) => addDemoData(app.db, { scale, seed, today, force: values.force }), {
    createPlain: values.unencrypted,
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    line({
      sv: `Demodata tillagd: ${summary.groups} grupper, ${summary.sessions} träffar, ${summary.staff} medarbetare, ${summary.participants} deltagare, ${summary.attendance} närvaromarkeringar, ${summary.responses} formulärsvar (${seconds} s) i ${databasePath}`,
      en: `Demo data added: ${summary.groups} groups, ${summary.sessions} sessions, ${summary.staff} staff, ${summary.participants} participants, ${summary.attendance} attendance marks, ${summary.responses} questionnaire responses (${seconds} s)`,
    }),
  );
  return 0;
}
