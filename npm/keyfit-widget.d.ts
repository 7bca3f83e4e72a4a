// Types of <keyfit-widget> (README "The widget"): importing 'keyfit/widget' registers the element.
import type { Algorithm, KeyFormat, ProblemCode } from './codes.js';

/** The tool the widget shows. */
export type KeyfitWidgetMode = 'check' | 'generate' | 'convert' | 'connect';
/** Light or dark: `auto` (default) follows the page's theme switch, else the page's `color-scheme`, else the system. */
export type KeyfitWidgetTheme = 'auto' | 'light' | 'dark';

/** `keyfit-report`'s detail: the public facts of a check (never a private key, a passphrase or repaired text). */
export interface KeyfitReportDetail {
  readonly verdict: 'jira-ready' | 'needs-passphrase' | 'not-jira-ready';
  readonly jiraReady: boolean;
  readonly format: KeyFormat | null;
  readonly kind: 'private' | 'public' | null;
  readonly algorithm: Algorithm | null;
  readonly bits: number | null;
  readonly encrypted: boolean;
  readonly problems: readonly ProblemCode[];
  readonly comment: string | null;
  readonly fingerprintSha256: string | null;
  readonly fingerprintMd5: string | null;
  readonly publicKey: string | null;
}

/** `keyfit-generated`'s detail: the public half of a new key pair. */
export interface KeyfitGeneratedDetail {
  readonly bits: number | null;
  readonly engine: 'webcrypto' | 'rust' | null;
  readonly publicKey: string;
  readonly fingerprintSha256: string;
  readonly fingerprintMd5: string;
}

export type KeyfitReportEvent = CustomEvent<KeyfitReportDetail>;
export type KeyfitGeneratedEvent = CustomEvent<KeyfitGeneratedDetail>;

/** The widget's events, bubbling and composed. */
export interface KeyfitWidgetEventMap extends HTMLElementEventMap {
  'keyfit-report': KeyfitReportEvent;
  'keyfit-generated': KeyfitGeneratedEvent;
}

/** <keyfit-widget mode="check" theme="auto">: keyfit's Check, Generate, Convert or Connect tool. */
export class KeyfitWidget extends HTMLElement {
  static readonly observedAttributes: string[];
  /** Reflects the `mode` attribute (default `check`). */
  mode: KeyfitWidgetMode;
  /** Reflects the `theme` attribute (default `auto`). */
  theme: KeyfitWidgetTheme;
  addEventListener<K extends keyof KeyfitWidgetEventMap>(type: K,
    listener: (this: KeyfitWidget, ev: KeyfitWidgetEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof KeyfitWidgetEventMap>(type: K,
    listener: (this: KeyfitWidget, ev: KeyfitWidgetEventMap[K]) => unknown, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

/** The public facts of an inspectKey report, as `keyfit-report` carries them. */
export function reportDetail(report: object): KeyfitReportDetail;
/** The public half of a generated key, as `keyfit-generated` carries it. */
export function generatedDetail(key: object): KeyfitGeneratedDetail;

/** The widget's attributes, for frameworks that type their JSX or templates. */
export interface KeyfitWidgetAttributes {
  mode?: KeyfitWidgetMode;
  theme?: KeyfitWidgetTheme;
}

declare global {
  interface HTMLElementTagNameMap {
    'keyfit-widget': KeyfitWidget;
  }
  interface DocumentEventMap {
    'keyfit-report': KeyfitReportEvent;
    'keyfit-generated': KeyfitGeneratedEvent;
  }
  interface WindowEventMap {
    'keyfit-report': KeyfitReportEvent;
    'keyfit-generated': KeyfitGeneratedEvent;
  }
}
