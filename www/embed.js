// embed.html's script: one <keyfit-widget> whose mode comes from the address (embed.html?mode=check|generate|convert),
// for hosts that only allow iframes (e.g. Confluence).
import './keyfit-widget.js';

const page = new CSSStyleSheet();
page.replaceSync(':root { color-scheme: light dark; } body { margin: 0; padding: 0.5rem; font: 1rem/1.5 system-ui, sans-serif; }');
document.adoptedStyleSheets = [page];

const widget = document.createElement('keyfit-widget');
widget.setAttribute('mode', new URLSearchParams(location.search).get('mode') ?? 'check');
document.body.append(widget);
document.documentElement.dataset.keyfit = 'started'; // for js/boot.js
