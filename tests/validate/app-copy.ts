/** A throw-away copy of the app's definition and built files (those it has), to break one thing at a time. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { APP_DIR } from '../../simulator/local-app';

const FILES = [
  'manifest.json',
  'config/requests.json',
  'config/iparams.json',
  'config/iparams.html',
  'config/assets/iparams.js',
  'server/server.js',
  'app/index.html',
  'app/scripts/sidebar.js',
  'app/styles/images/icon.svg',
];

export function copyApp(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'app-'));
  for (const file of FILES.filter((f) => fs.existsSync(path.join(APP_DIR, f)))) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.copyFileSync(path.join(APP_DIR, file), path.join(dir, file));
  }
  fs.symlinkSync(path.join(APP_DIR, 'node_modules'), path.join(dir, 'node_modules'));
  return dir;
}

export function editJson(dir: string, file: string, edit: (json: any) => void): void {
  const full = path.join(dir, file);
  const json = JSON.parse(fs.readFileSync(full, 'utf8'));
  edit(json);
  fs.writeFileSync(full, JSON.stringify(json));
}

export function writeFile(dir: string, file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  fs.writeFileSync(path.join(dir, file), text);
}

export function editFile(dir: string, file: string, edit: (text: string) => string): void {
  writeFile(dir, file, edit(fs.readFileSync(path.join(dir, file), 'utf8')));
}
