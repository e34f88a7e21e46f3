export * from './organisation';
export * from './groups';
