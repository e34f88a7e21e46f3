import type { BenchSection } from './context';
import { leadersSection } from './leaders';
import { vaultSection } from './vault';

/** Each feature adds its section here; they run in this order after the core measures. */
export const sections: BenchSection[] = [leadersSection, vaultSection];
