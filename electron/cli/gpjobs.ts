/** The `gpjobs` command line over electron/core. */
console.log('gpjobs: not implemented yet');
