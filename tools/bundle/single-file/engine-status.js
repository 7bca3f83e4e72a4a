// What a single-file worker tells the page once its engine has loaded, or failed to: the page waits for one of the
// two before it sends a job, and tries the next way to run the worker after a failure (single-file/workers.js).

/** The engine is in: jobs can run. */
export const ENGINE_LOADED = 'keyfit-engine-loaded';

/** The engine did not load here; `{[ENGINE_FAILED]: message}`. */
export const ENGINE_FAILED = 'keyfit-engine-failed';
