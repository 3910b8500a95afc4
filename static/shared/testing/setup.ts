/** jest `setupFilesAfterEnv` of the ui project: the page-provided bridge must exist before `@forge/bridge` loads. */
import { installTestBridge, resetTestBridge } from './bridge';

installTestBridge();
beforeEach(() => resetTestBridge());
