// The core of the browser suite in WebKitGTK's MiniBrowser (WebKitWebDriver under Xvfb), default settings.
import { engineSuite } from './scenarios.mjs';

engineSuite('webkit');
