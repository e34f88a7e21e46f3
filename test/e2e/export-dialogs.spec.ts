import fs from 'node:fs';
import path from 'node:path';
import { expect, expectNoAxeViolations, test } from './fixtures';
import { arrangeExportData, detail, openOpenExport, openWizard, stepHeading } from './export-steps';
import { arrange } from './ui-steps';

// The desktop app's side of the export's file fields. No Electron binary runs here, so the page
// gets the preload's bridge (window.komet) as a stand-in: calls go to the browser shell, and
// choosePath answers what a user would have picked in the native dialog (or cancels).

type Choices = Partial<Record<'exportFile' | 'keyFile' | 'exportPackage' | 'identityFile' | 'openedFolder', string>>;

interface DialogState {
  askedDialogs: string[];
  dialogChoices: Choices;
}

function desktopBridge(choices: Choices) {
  const state = window as unknown as DialogState;
  state.askedDialogs = [];
  state.dialogChoices = choices;
  window.komet = {
    call: async (procedure, input) =>
      (await fetch('/api/call', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ procedure, input }) })).json(),
    onChanged: () => () => undefined,
    choosePath: async (purpose) => {
      state.askedDialogs.push(purpose);
      return { ok: true, value: state.dialogChoices[purpose] ?? null };
    },
  };
}

test('in the desktop app Bläddra… opens the native dialogs, and the export writes and reads what was chosen', async ({ page, komet }) => {
  test.setTimeout(180_000);
  await arrangeExportData(komet);
  const exportsDir = path.join(komet.dataDir, 'exports');
  const choices: Choices = {
    keyFile: path.join(exportsDir, 'vald-nyckel.txt'),
    exportFile: path.join(exportsDir, 'vald-export.age'),
    exportPackage: path.join(exportsDir, 'vald-export.age'),
    identityFile: path.join(exportsDir, 'vald-nyckel.txt'),
    openedFolder: path.join(exportsDir, 'vald-mapp'),
  };
  await page.addInitScript(desktopBridge, choices);
  await page.reload();

  // The save dialog for a key file.
  await openOpenExport(page);
  const keyField = page.getByRole('textbox', { name: 'Nyckelfil (valfritt)' });
  await page.getByRole('button', { name: 'Bläddra: Nyckelfil (valfritt)' }).click();
  await expect(keyField).toHaveValue(choices.keyFile!);
  await expect(keyField).toBeFocused();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Skapa nyckel' }).click();
  await expect(page.getByRole('heading', { name: 'Nyckeln är skapad' })).toBeFocused();
  const publicKey = await page.getByRole('textbox', { name: 'Publik nyckel' }).inputValue();
  expect(fs.readFileSync(choices.keyFile!, 'utf8')).toContain(publicKey);
  await arrange(komet, 'recipients.create', { name: 'FoU-enheten', publicKey });

  // The save dialog for the export.
  await openWizard(page);
  await page.getByRole('button', { name: 'Nästa' }).click();
  await expect(stepHeading(page, 2, 'Mottagare')).toBeFocused();
  await page.getByRole('checkbox', { name: /FoU-enheten/ }).check();
  await page.getByRole('button', { name: 'Nästa' }).click();
  await expect(stepHeading(page, 3, 'Förhandsvisning')).toBeFocused();
  await page.getByRole('button', { name: 'Nästa' }).click();
  await expect(stepHeading(page, 4, 'Skapa fil')).toBeFocused();
  await page.getByRole('button', { name: 'Bläddra: Filnamn eller sökväg (valfritt)' }).click();
  await expect(page.getByRole('textbox', { name: 'Filnamn eller sökväg (valfritt)' })).toHaveValue(choices.exportFile!);
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Skapa krypterad exportfil' }).click();
  await expect(page.getByRole('heading', { name: 'Exportfilen är klar' })).toBeFocused({ timeout: 60_000 });
  await expect(detail(page, 'Fil')).toHaveText(choices.exportFile!);
  expect(fs.existsSync(choices.exportFile!)).toBe(true);

  // The open dialogs for the package, the key file and the folder; a cancelled one changes nothing.
  await openOpenExport(page);
  await page.getByRole('button', { name: 'Bläddra: Exportfil (.age)' }).click();
  await page.getByRole('button', { name: 'Bläddra: Nyckelfil', exact: true }).click();
  await page.getByRole('button', { name: 'Bläddra: Mapp att packa upp i (valfritt)' }).click();
  await expect(page.getByRole('textbox', { name: 'Exportfil (.age)' })).toHaveValue(choices.exportPackage!);
  await expect(page.getByRole('textbox', { name: 'Nyckelfil', exact: true })).toHaveValue(choices.identityFile!);
  await expect(page.getByRole('textbox', { name: 'Mapp att packa upp i (valfritt)' })).toHaveValue(choices.openedFolder!);
  await page.evaluate(() => {
    const state = window as unknown as { askedDialogs: string[]; dialogChoices: Record<string, string> };
    state.askedDialogs.length = 0;
    state.dialogChoices = {};
  });
  await page.getByRole('button', { name: 'Bläddra: Exportfil (.age)' }).click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { askedDialogs: string[] }).askedDialogs)).toEqual(['exportPackage']);
  await expect(page.getByRole('textbox', { name: 'Exportfil (.age)' })).toHaveValue(choices.exportPackage!);
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Öppna export' }).click();
  await expect(page.getByRole('heading', { name: 'Exporten är öppnad' })).toBeFocused({ timeout: 30_000 });
  expect(fs.readdirSync(choices.openedFolder!)).toContain('participants.csv');
});

test('the browser shell offers no dialog: the fields take a name in the exports folder', async ({ page }) => {
  await openOpenExport(page);
  await expect(page.getByRole('textbox', { name: 'Exportfil (.age)' })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Bläddra/ })).toHaveCount(0);
  await expect(page.getByText(/läser och skriver Komet bara i sin exportmapp/).first()).toBeVisible();
});
