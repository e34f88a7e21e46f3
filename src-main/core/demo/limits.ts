/** Scale 1000 is ~1.7 million groups: beyond that a demo stops being a demo and starts to be a disk test. */
export const maxDemoScale = 1000;
