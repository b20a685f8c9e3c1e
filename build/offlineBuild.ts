/**
 * Vite plugin for the built site only: the Content-Security-Policy in index.html, the web app
 * manifest that makes PodPath installable, and the service worker (`sw.js`) that precaches every
 * file of the build so the app, the gallery and the lessons open with the network off after a
 * first visit. The worker's code is src/offline/serviceWorker.ts; this plugin hands it the list
 * of files and a version made from their contents.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Plugin } from 'vite';
import {
  OFFLINE_NAMES,
  runServiceWorker,
  type OfflineBuild,
} from '../src/offline/serviceWorker.ts';
import { CONTENT_SECURITY_POLICY } from './contentSecurityPolicy.ts';

export const SERVICE_WORKER_FILE = 'sw.js';
export const MANIFEST_FILE = 'manifest.webmanifest';
const THEME = '#0f172a';

const MANIFEST = {
  name: 'PodPath: Kubernetes networking playground',
  short_name: 'PodPath',
  description: 'Watch packets travel through a Kubernetes cluster, hop by hop, in your browser.',
  start_url: './',
  scope: './',
  display: 'standalone',
  background_color: '#ffffff',
  theme_color: THEME,
  icons: [
    { src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
    { src: 'icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
    { src: 'icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
  ],
};

function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
    );
  } catch {
    return [];
  }
}

/** The service worker's script: its code, called with this build's files and version. */
export function serviceWorkerScript(build: OfflineBuild): string {
  return `'use strict';\n(${runServiceWorker.toString()})(self, ${JSON.stringify(build)});\n`;
}

export function offlineBuild(): Plugin {
  let publicDir = '';
  let base = '/';
  return {
    name: 'podpath-offline-build',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      publicDir = config.publicDir;
      base = config.base;
    },
    transformIndexHtml(html) {
      // Right after the charset, before any script: a policy applies to what follows it.
      const charset = /<meta charset="UTF-8" \/>\n/;
      if (!charset.test(html)) throw new Error('offlineBuild: index.html has no charset meta');
      const head = [
        `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`,
        `<meta name="theme-color" content="${THEME}" />`,
        `<link rel="manifest" href="${base}${MANIFEST_FILE}" />`,
      ];
      return html.replace(charset, (m) => m + head.map((t) => `    ${t}\n`).join(''));
    },
    generateBundle(_options, bundle) {
      const manifest = JSON.stringify(MANIFEST, null, 2);
      this.emitFile({ type: 'asset', fileName: MANIFEST_FILE, source: manifest });
      const contents = new Map<string, string | Uint8Array>();
      for (const item of Object.values(bundle)) {
        if (item.fileName.endsWith('.map')) continue;
        contents.set(item.fileName, item.type === 'chunk' ? item.code : item.source);
      }
      for (const path of filesUnder(publicDir)) {
        contents.set(relative(publicDir, path).split('\\').join('/'), readFileSync(path));
      }
      contents.set(MANIFEST_FILE, manifest);
      contents.delete(SERVICE_WORKER_FILE);
      const files = [...contents.keys()].sort();
      if (!files.includes('index.html')) throw new Error('offlineBuild: no index.html to precache');
      const hash = createHash('sha256');
      for (const file of files) hash.update(file).update('\0').update(contents.get(file)!);
      const build: OfflineBuild = {
        ...OFFLINE_NAMES,
        files,
        version: hash.digest('hex').slice(0, 16),
      };
      this.emitFile({
        type: 'asset',
        fileName: SERVICE_WORKER_FILE,
        source: serviceWorkerScript(build),
      });
    },
  };
}
