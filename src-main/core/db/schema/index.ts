export * from './organisation';
export * from './groups';
export * from './audit';
export * from './participants';
export * from './export';
export * from './leaders';
export * from './calendar';
export * from './sync';
