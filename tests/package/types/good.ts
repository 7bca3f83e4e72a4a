// Every export of keyfit and keyfit/widget, used as README says: must compile under tsc --strict.
import init, {
  initSync, generateKey, finishKey, findPrime, keyFromPrimes, inspectKey, convertKey, matchKey, checkCloneUrl,
  type KeyReport, type ProblemCode, type CloneUrlCode, type MatchCode, type RepairCode, type ConvertTarget, type KeyfitError,
  type GeneratedKey, type CloneUrlReport, type KeyMatch, type KeyFormat, type Algorithm, type HostKind,
} from 'keyfit';
import { KeyfitWidget, type KeyfitReportDetail, type KeyfitGeneratedDetail, type KeyfitWidgetMode, type KeyfitWidgetTheme } from 'keyfit/widget';

export async function api(text: string, bytes: Uint8Array): Promise<string[]> {
  await init();
  await init({ module_or_path: new URL('https://example.invalid/keyfit_bg.wasm') });
  initSync({ module: new Uint8Array(8) });
  const key: GeneratedKey = generateKey({ bits: 4096, comment: 'jira@example.com', passphrase: '' });
  const fromWebCrypto: GeneratedKey = finishKey(bytes, { comment: 'c' });
  const p: Uint8Array = findPrime(1024);
  const fromPrimes: GeneratedKey = keyFromPrimes(p, findPrime(1024), { bits: 2048 });
  const report: KeyReport = inspectKey(text, { passphrase: '' });
  const fromBytes = inspectKey(bytes);
  const codes: ProblemCode[] = report.problems.map((problem) => problem.code);
  const repairs: RepairCode[] = fromBytes.repairs;
  const format: KeyFormat = report.format;
  const algorithm: Algorithm | null = report.algorithm;
  if (report.kdf?.name === 'bcrypt-pbkdf') console.log(report.kdf.rounds);
  if (codes.includes('openssh-format') && report.repairedText !== undefined) console.log(report.repairedText);
  const targets: ConvertTarget[] = ['pkcs1', 'pkcs8', 'openssh', 'ppk3', 'ppk2', 'openssh-public', 'rfc4716-public', 'pkcs1-public', 'spki-public'];
  const pem: string = convertKey(text, { to: 'pkcs1', passphrase: '', newPassphrase: 'x', comment: 'c', cipher: 'aes-256-cbc' });
  convertKey(bytes, { to: targets[2], rounds: 16 });
  const m: KeyMatch = matchKey(text, { passphrase: '' }, 'SHA256:zvJiiVnfDS6vVYupIpqqkT0M74jQ0TUJmP788d75UWE');
  const matchCode: MatchCode = m.code;
  const same: boolean | null = m.match;
  const url: CloneUrlReport = checkCloneUrl('https://github.com/acme/app');
  const urlCodes: CloneUrlCode[] = url.problems.map((problem) => problem.code);
  const host: HostKind = url.hostKind;
  const port: number | null = url.port;
  try {
    convertKey(text, { to: 'pkcs1' });
  } catch (err) {
    const code: ProblemCode = (err as KeyfitError).code;
    console.log(code);
  }
  return [key.privateKey, fromWebCrypto.publicKey, fromPrimes.fingerprintMd5, pem, matchCode, String(same), format,
    String(algorithm), host, String(port), url.guide.verify, url.suggestion ?? '', ...codes, ...repairs, ...urlCodes];
}

export function widget(): void {
  const el: KeyfitWidget = document.createElement('keyfit-widget');
  const mode: KeyfitWidgetMode = 'connect';
  const theme: KeyfitWidgetTheme = 'dark';
  el.mode = mode;
  el.theme = theme;
  const found: KeyfitWidget | null = document.querySelector('keyfit-widget');
  el.addEventListener('keyfit-report', (e) => {
    const detail: KeyfitReportDetail = e.detail;
    if (detail.verdict === 'jira-ready' && detail.fingerprintSha256) console.log(detail.fingerprintSha256);
    const problems: readonly ProblemCode[] = detail.problems;
    console.log(problems, found);
  });
  document.addEventListener('keyfit-generated', (e) => {
    const detail: KeyfitGeneratedDetail = e.detail;
    console.log(detail.publicKey, detail.engine === 'webcrypto', detail.bits);
  });
  window.addEventListener('keyfit-report', (e) => console.log(e.detail.jiraReady));
  document.body.append(el);
  console.log(customElements.get('keyfit-widget') === KeyfitWidget);
}
