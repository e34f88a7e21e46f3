/**
 * Prints the capture triggers for every synced table as migration SQL (statement breakpoints
 * included): `npx tsx scripts/sync-triggers.ts >> drizzle/NNNN_x.sql` after a schema change that
 * adds, removes or reclassifies a synced column, preceded by DROP TRIGGER for the old ones.
 */
import { allCaptureTriggerSql } from '../src-main/core/sync/capture-triggers';

process.stdout.write(`${allCaptureTriggerSql().join(';\n--> statement-breakpoint\n')};\n`);
