// The core of the browser suite in Debian's Firefox ESR (WebDriver BiDi through puppeteer-core), default settings.
import { engineSuite } from './scenarios.mjs';

engineSuite('firefox');
