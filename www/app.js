// keyfit's page: tabs, drag and drop, and the four tabs (Generate, Check, Convert, Connect). Key work runs in
// workers (js/worker-client.js), each piece of it a job of its own JobSlot (js/job.js).
import { $ } from './js/ui.js';
import { KeyGenerator } from './js/key-generator.js';
import { WorkerClient } from './js/worker-client.js';
import { whenIdle } from './js/idle.js';
import { compiledPart } from './js/workers.js';
import { mountGenerate } from './js/generate-ui.js';
import { mountCheck } from './js/check-ui.js';
import { mountConvert } from './js/convert-ui.js';
import { mountConnect } from './js/connect-ui.js';

// Generation gets its own workers so that Cancel (terminate) never interrupts a check or a conversion; every
// other surface (Save as, Check, the converter under a report, the comparison, the Convert tab) has its own
// WorkerClient too, so each Stop ends only its own job and one slow key never blocks another surface.
// A copy saved by the browser does not start: its markup already holds the mounted panels (js/boot.js says why).
if (document.documentElement.hasAttribute('data-keyfit-saved')) throw new Error('a copy saved by the browser');

// "Next: connect to Jira" (Generate, Check, Convert): the Connect tab, with the key and its passphrase.
const next = ({ text, passphrase }) => {
  select($('tab-connect'), true);
  connect.useKey(text, passphrase);
};
mountGenerate(document, new KeyGenerator(), new WorkerClient(), { onNext: next });
const checkTools = new WorkerClient();
const check = mountCheck(document, checkTools,
  { converterTools: new WorkerClient(), compareTools: new WorkerClient(), onNext: next });
const convertTools = new WorkerClient();
const convert = mountConvert(document, convertTools, { onNext: next });
const urlTools = new WorkerClient();
const connect = mountConnect(document, urlTools,
  { keyTools: new WorkerClient(), converterTools: new WorkerClient(), compareTools: new WorkerClient() });
// The engine ahead of need, each part fetched and compiled once on the page for every worker (js/workers.js): the
// Host URL check's small part when the Connect tab opens; the check part when the Check tab opens (before a key
// pasted at once asks for it), else CHECK_PART_AFTER_MS after start, at idle, once the URL part is in if it is
// loading, in the Check tab's worker (where the page has the key engine already, that instead: js/parts.js). Not
// at once: on a slow link (1.6 Mbps, tests/bench/slow-link.mjs) the check part takes most of a second to arrive,
// and a Connect tab opened meanwhile would have its URL part share the line with it; a key pasted sooner loads the
// check part itself, at once. The whole key engine only where it is about to be needed: when the Generate or
// Convert tab opens, when a report offers to make a key Jira-ready (js/converter.js), when a locked key asks for
// its passphrase (js/key-check.js); not at idle, so that someone who only checks a key fetches the check part alone.
const CHECK_PART_AFTER_MS = 1000;
let urlPreload = null;
setTimeout(() => whenIdle()
  .then(() => urlPreload)
  .then(() => checkTools.preload('read')), CHECK_PART_AFTER_MS);

// Tabs (WAI-ARIA tabs pattern: arrow keys, Home and End move between tabs).
const tabs = [...document.querySelectorAll('[role="tab"]')];
function select(tab, focus = false) {
  for (const t of tabs) {
    const on = t === tab;
    t.setAttribute('aria-selected', String(on));
    t.tabIndex = on ? 0 : -1;
    $(t.getAttribute('aria-controls')).hidden = !on;
  }
  if (tab.id === 'tab-connect') urlPreload = urlTools.preload('url');
  else if (tab.id === 'tab-check') checkTools.preload('read');
  else if (tab.id === 'tab-convert') convertTools.preload('keys');
  else if (tab.id === 'tab-generate') compiledPart('keys');
  if (focus) tab.focus();
}
// The first screen's buttons lead to a tab.
for (const button of document.querySelectorAll('[data-tab]')) {
  button.addEventListener('click', () => select($(button.dataset.tab), true));
}
for (const tab of tabs) {
  tab.addEventListener('click', () => select(tab));
  tab.addEventListener('keydown', (event) => {
    const i = tabs.indexOf(tab);
    const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    select(tabs[(next + tabs.length) % tabs.length], true);
  });
}

// A file dropped anywhere goes to the Convert or Connect tab if it is open, else to Check.
const hasFiles = (event) => [...(event.dataTransfer?.types || [])].includes('Files');
document.addEventListener('dragover', (event) => {
  if (!hasFiles(event)) return;
  event.preventDefault();
  document.body.classList.add('dropping');
});
document.addEventListener('dragleave', (event) => {
  if (!event.relatedTarget) document.body.classList.remove('dropping');
});
document.addEventListener('drop', (event) => {
  if (!hasFiles(event)) return;
  event.preventDefault();
  document.body.classList.remove('dropping');
  const file = event.dataTransfer.files[0];
  if (!file) return;
  if (!$('convert').hidden) convert.loadFile(file);
  else if (!$('connect').hidden) connect.loadFile(file);
  else {
    select($('tab-check'));
    check.loadFile(file);
  }
});

// What the user did before this module ran (a slow link shows the page first; js/boot.js notes the tab clicked and
// holds a form sent): that tab opens, what was typed into a field is taken up as if typed now, and the form is sent
// (below, once started).
const earlyTab = window.keyfitBoot?.earlyTab();
if (earlyTab && $(earlyTab)) select($(earlyTab), true);
for (const field of document.querySelectorAll('main :is(textarea, input[type="text"], input[type="password"]):not([readonly])')) {
  if (field.value) field.dispatchEvent(new Event('input'));
}

// For js/boot.js, which tells the user in plain words when the page could not start.
document.documentElement.dataset.keyfit = 'started';
const earlyForm = window.keyfitBoot?.earlyForm?.();
if (earlyForm) $(earlyForm)?.requestSubmit();
