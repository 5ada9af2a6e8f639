import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

/**
 * Public half of the development signing key. It fixes the Chromium extension id to
 * bcobmeppnhehmbjdbaadohlppanamlfg so the native host manifest can list it in
 * allowed_origins. The private half was never kept: it is not needed to load an
 * unpacked build. Store builds (DECKHAND_STORE_BUILD=1) omit it; the store assigns an id.
 */
const DEV_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAvSFNkMxRzawIehiY27FdY9fInNUmNucpJI2JRMDtRzuekhA41iGozMqaV87T0PDYlDsFm8CtMO89A22/FhF9I1J5eBEHcFhbnb/rVcSZe9RrD/p4ZYcsqjbAAJEOZ3BFv9WNw4JELSs6770BIkAYtKaIfWkUF9DZxQep1DufgiwhhliHvwzoRgoP7oWPPuTCldKMQYBpI/B74yfz93+Bj02uPVc6WdP+UfAqum0HhDAK5WDbYZYp69etmOaWaqwHZyE5SCJhCkktx+Eet3V/3RgeT0tmJpDOlQmhOmACAtPE9jxrsx8H6iFOQHK2LykvbVvFNhuPpXHke1BGHlW0zQIDAQAB';

export const GECKO_ID = 'deckhand@deckhand.app';

const HOSTS = [
  '*://soundcloud.com/*',
  '*://*.soundcloud.com/*',
  '*://*.sndcdn.com/*',
  '*://*.soundcloud.cloud/*',
  '*://mixcloud.com/*',
  '*://*.mixcloud.com/*',
  '*://beatport.com/*',
  '*://*.beatport.com/*',
];

export default defineConfig({
  srcDir: 'extension',
  publicDir: 'extension/public',
  modulesDir: 'extension/modules',
  // DECKHAND_OUT_DIR lets parallel work build into separate folders (e2e/harness/paths.ts reads it too).
  outDir: process.env.DECKHAND_OUT_DIR ?? '.output',
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({
    plugins: [preact()],
    build: { target: 'es2022', chunkSizeWarningLimit: 2000 },
  }),
  manifest: ({ browser, manifestVersion }) => ({
    name: 'Deckhand',
    description:
      'See, download, tag and upload tracks on SoundCloud, Mixcloud and Beatport: one button per track, full metadata, a queue that survives restarts.',
    ...(browser !== 'firefox' && !process.env.DECKHAND_STORE_BUILD ? { key: DEV_KEY } : {}),
    permissions: [
      'storage',
      'unlimitedStorage',
      'downloads',
      'nativeMessaging',
      'contextMenus',
      'notifications',
      'identity',
      'alarms',
      'tabs',
      ...(manifestVersion === 3 ? ['offscreen'] : []),
    ],
    host_permissions: HOSTS,
    action: { default_title: 'Deckhand' },
    web_accessible_resources: [
      { resources: ['soundcloud-main-world.js'], matches: ['*://soundcloud.com/*', '*://*.soundcloud.com/*'] },
    ],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              strict_min_version: '128.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
