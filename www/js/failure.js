// The one maker of coded errors in www/: an Error with a stable `code`, as keyfit's engine throws them.
export const failure = (code, message) => Object.assign(new Error(message), { code });

