// The Convert tab: a key pasted or opened there, and the converter under it. Used by the page and the widget.
import { byId, readKeyFile, say } from './ui.js';
import { mountConverter } from './convert-ui.js';

/** Wires the Convert tab found in `root` (a document or shadow root); returns {loadFile} for dropped files. */
export function mountConvertTab(root, tools) {
  const $ = byId(root);
  const input = $('convert-input');
  let source = null;
  mountConverter(root, $('convert-converter'), tools,
    () => (source === null || source.length === 0 ? null : { input: source, passphrase: $('convert-pass').value }));
  input.addEventListener('input', () => {
    source = input.value;
    $('convert-file-note').textContent = '';
  });
  $('convert-form').addEventListener('submit', (event) => event.preventDefault());
  $('convert-file').addEventListener('change', (event) => {
    if (event.target.files[0]) loadFile(event.target.files[0]);
    event.target.value = '';
  });
  async function loadFile(file) {
    try {
      const f = await readKeyFile(file);
      input.value = f.text ?? '';
      source = f.bytes;
      say($('convert-file-note'), `Loaded “${f.name}” (${f.bytes.length} bytes${f.text === null ? ', binary' : ''}).`);
    } catch (err) {
      say($('convert-file-note'), err.message, 'bad');
    }
  }
  return { loadFile };
}
