// The docs page's own script: it listens to the widgets' events, as a docs site could (to show a next step).
// The test reads window.keyfitEvents and window.cspViolations.
window.keyfitEvents = [];
window.cspViolations = [];
for (const type of ['keyfit-report', 'keyfit-generated']) {
  document.addEventListener(type, (event) => {
    window.keyfitEvents.push({ type, from: event.target.id, composed: event.composed, bubbles: event.bubbles, detail: event.detail });
  });
}
document.addEventListener('securitypolicyviolation', (event) => {
  window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
