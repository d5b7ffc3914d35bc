// Bench only: a full garbage collection on SIGUSR2, so retained memory is measured, not garbage.
process.on('SIGUSR2', () => globalThis.gc?.());
