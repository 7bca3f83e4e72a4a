// Misuses of keyfit's API and widget, one per line marked "misuse": tsc --strict must report an error on each.
import init, { inspectKey, convertKey, matchKey, checkCloneUrl, generateKey, type ProblemCode } from 'keyfit';
import { type KeyfitWidgetMode } from 'keyfit/widget';

export async function misuse(text: string): Promise<void> {
  await init();
  inspectKey(42); // misuse: not a string or bytes
  inspectKey(text, { passphrase: 1234 }); // misuse: the passphrase is a string
  convertKey(text, { to: 'pem' }); // misuse: no such target
  convertKey(text, {}); // misuse: `to` is required
  convertKey(text, { to: 'pkcs1', cipher: 'des-cbc' }); // misuse: a cipher keyfit does not write
  generateKey({ bits: '4096' }); // misuse: bits is a number
  const code: ProblemCode = 'not-a-real-code'; // misuse: not a problem code
  if (inspectKey(text).problems[0].code === 'https-url') console.log(code); // misuse: a clone URL code is no problem code
  checkCloneUrl(new Uint8Array(1)); // misuse: the URL is a string
  matchKey(text, {}); // misuse: `other` is missing
  const format: 'pkcs1' = inspectKey(text).format; // misuse: the format is a union, not one name
  const mode: KeyfitWidgetMode = 'chekc'; // misuse: no such mode
  const el = document.createElement('keyfit-widget');
  el.theme = 'sepia'; // misuse: auto, light or dark
  el.addEventListener('keyfit-report', (e) => console.log(e.detail.privateKey)); // misuse: events carry no private key
  document.addEventListener('keyfit-generated', (e) => console.log(e.detail.verdict)); // misuse: generated has no verdict
  console.log(format, mode);
}
