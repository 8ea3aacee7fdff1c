// npm run bench [-- --json FILE]: the terminal's latency figures on this machine, each next to a
// baseline measured in the same run, printed as JSON.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildRenderer } from '../../scripts/build.ts';
import { benchCatalogLookup } from './catalog-lookup.ts';
import { benchItemSearch } from './item-search.ts';
import { benchPricing } from './pricing.ts';
import { benchSaleCommit } from './sale-commit.ts';
import { benchScaleToPrice } from './scale-to-price.ts';
import { benchScanToScreen } from './scan-to-screen.ts';
import { benchCameraScanToScreen, benchHidScanToScreen, benchWedgeScanToScreen } from './scan-paths.ts';

const SALES = 300;
const SCANS = 60;
const SCALE_READINGS = 40;
const PRICINGS = 250;
const CATALOG_ITEMS = 1_000_000;
const LOOKUPS = 20_000;
const SEARCH_ITEMS = 250_000;
const SEARCHES = 2_000;

function jsonTarget(argv: readonly string[]): string | null {
  const at = argv.indexOf('--json');
  if (at === -1) return null;
  const file = argv[at + 1];
  if (!file || file.startsWith('--')) {
    process.stderr.write('npm run bench: --json needs a file name, e.g. npm run bench -- --json bench-results.json\n');
    process.exit(2);
  }
  return path.resolve(file);
}

const target = jsonTarget(process.argv.slice(2));
const storeFile = process.env.TERMINAL_STORE_FILE ?? path.resolve(import.meta.dirname, '..', '..', 'data', 'demo-store.json');

/** `--only scale` (or sale, scan, pricing, catalog) runs one part, e.g. after tuning it. */
function onlyPart(argv: readonly string[]): string | null {
  const at = argv.indexOf('--only');
  if (at === -1) return null;
  const part = argv[at + 1];
  if (!part || !['sale', 'scan', 'scale', 'pricing', 'catalog'].includes(part)) {
    process.stderr.write('npm run bench: --only takes sale, scan, scale, pricing or catalog\n');
    process.exit(2);
  }
  return part;
}
const only = onlyPart(process.argv.slice(2));
const runs = (part: string): boolean => only === null || only === part;

if (runs('scan')) {
  process.stderr.write('building the renderer…\n');
  await buildRenderer();
}
if (runs('sale')) process.stderr.write(`sale commit: ${SALES} sales…\n`);
const saleCommit = runs('sale') ? benchSaleCommit(storeFile, SALES) : undefined;
if (runs('scan')) process.stderr.write(`scan to screen: ${SCANS} scans…\n`);
const scanToScreen = runs('scan') ? await benchScanToScreen(SCANS) : undefined;
if (runs('scan')) process.stderr.write(`scan to screen, HID POS, keyboard wedge and camera: ${SCANS} scans each…\n`);
const scanPaths = runs('scan')
  ? {
      hidPos: await benchHidScanToScreen(SCANS),
      wedge: await benchWedgeScanToScreen(SCANS),
      camera: await benchCameraScanToScreen(SCANS),
    }
  : undefined;
if (runs('scale')) process.stderr.write(`scale to price: ${SCALE_READINGS} readings per scale protocol…\n`);
const scaleToPrice = runs('scale') ? await benchScaleToPrice(SCALE_READINGS) : undefined;
if (runs('pricing')) process.stderr.write(`pricing: 200 lines, 50 promotions, ${PRICINGS} × 4 rounds…\n`);
const pricing = runs('pricing') ? benchPricing(storeFile, PRICINGS) : undefined;
if (runs('catalog')) process.stderr.write(`catalog lookup: building ${CATALOG_ITEMS} items, then ${LOOKUPS} lookups…\n`);
const catalogLookup = runs('catalog') ? benchCatalogLookup(CATALOG_ITEMS, LOOKUPS) : undefined;
if (runs('catalog')) process.stderr.write(`item search: building ${SEARCH_ITEMS} items with their word index, then ${SEARCHES} typeahead searches…\n`);
const itemSearch = runs('catalog') ? benchItemSearch(SEARCH_ITEMS, SEARCHES) : undefined;

const report = {
  measuredAt: new Date().toISOString(),
  machine: { node: process.version, platform: `${os.platform()} ${os.arch()}`, cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown' },
  saleCommit,
  scanToScreen,
  scanPaths,
  scaleToPrice,
  pricing,
  catalogLookup,
  itemSearch,
};
const text = `${JSON.stringify(report, null, 2)}\n`;
process.stdout.write(text);
if (target) {
  fs.writeFileSync(target, text);
  process.stderr.write(`written to ${target}\n`);
}
