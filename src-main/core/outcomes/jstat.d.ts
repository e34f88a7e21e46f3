// jstat ships no types; this declares the one function Komet calls. The package is CommonJS whose
// module.exports is the jStat object itself, so it is imported as the default export.
declare module 'jstat' {
  const jStat: {
    studentt: {
      /** The quantile of Student's t distribution: the value below which a share p of it lies, with dof degrees of freedom. */
      inv(p: number, dof: number): number;
    };
  };
  export default jStat;
}
