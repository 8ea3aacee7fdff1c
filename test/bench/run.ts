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

process.stderr.write('building the renderer…\n');
await buildRenderer();
process.stderr.write(`sale commit: ${SALES} sales…\n`);
const saleCommit = benchSaleCommit(storeFile, SALES);
process.stderr.write(`scan to screen: ${SCANS} scans…\n`);
const scanToScreen = await benchScanToScreen(SCANS);
process.stderr.write(`scan to screen, HID POS, keyboard wedge and camera: ${SCANS} scans each…\n`);
const scanPaths = {
  hidPos: await benchHidScanToScreen(SCANS),
  wedge: await benchWedgeScanToScreen(SCANS),
  camera: await benchCameraScanToScreen(SCANS),
};
process.stderr.write(`scale to price: ${SCALE_READINGS} readings per scale protocol…\n`);
const scaleToPrice = await benchScaleToPrice(SCALE_READINGS);
process.stderr.write(`pricing: 200 lines, 50 promotions, ${PRICINGS} × 4 rounds…\n`);
const pricing = benchPricing(storeFile, PRICINGS);
process.stderr.write(`catalog lookup: building ${CATALOG_ITEMS} items, then ${LOOKUPS} lookups…\n`);
const catalogLookup = benchCatalogLookup(CATALOG_ITEMS, LOOKUPS);
process.stderr.write(`item search: building ${SEARCH_ITEMS} items with their word index, then ${SEARCHES} typeahead searches…\n`);
const itemSearch = benchItemSearch(SEARCH_ITEMS, SEARCHES);

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
