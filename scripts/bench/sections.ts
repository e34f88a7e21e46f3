import { coldStartSection } from './cold-start';
import type { BenchSection } from './context';
import { exportSection } from './export';
import { importSection } from './import';
import { leadersSection } from './leaders';
import { outcomesSection } from './outcomes';
import { reportSection } from './report';
import { responseImportSection } from './response-import';
import { syncSection } from './sync';
import { vaultSection } from './vault';

/** Each feature adds its section here; they run in this order after the core measures. The name is what `--only` matches. */
export const sections: Record<string, BenchSection> = {
  leaders: leadersSection,
  export: exportSection,
  vault: vaultSection,
  sync: syncSection,
  outcomes: outcomesSection,
  'response-import': responseImportSection,
  import: importSection,
  report: reportSection,
  'cold start': coldStartSection,
};
