// The demo store's produce pictures: small flat SVG illustrations in one style (a soft tinted
// disc, shapes with a darker outline of the same hue, one highlight), one per kind of produce.
// Written by make-demo-store.ts into data/images/; deterministic, like the store file.

type Art = string;

const OUTLINE = 'stroke-width="2.5" stroke-linejoin="round" stroke-linecap="round"';

function svg(tint: string, body: Art, label: string): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 96 96" width="96" height="96" role="img" aria-label="${label}">`,
    `<circle cx="48" cy="48" r="46" fill="${tint}"/>`,
    body,
    '</svg>',
    '',
  ].join('\n');
}

const leaf = (x: number, y: number, turn: number): Art =>
  `<path d="M0 0c6-7 16-7 20-2c-6 7-15 8-20 2z" transform="translate(${x} ${y}) rotate(${turn})" fill="#6fae3f" stroke="#3f7a23" ${OUTLINE}/>`;
const stem = (x: number, y: number): Art => `<path d="M${x} ${y}c0-5 1-9 4-12" fill="none" stroke="#6b4a2b" ${OUTLINE}/>`;
const shine = (x: number, y: number, r = 5): Art => `<ellipse cx="${x}" cy="${y}" rx="${r}" ry="${r * 0.6}" fill="#fff" opacity="0.45" transform="rotate(-30 ${x} ${y})"/>`;

const round = (fill: string, line: string, r = 24): Art => `<circle cx="48" cy="52" r="${r}" fill="${fill}" stroke="${line}" ${OUTLINE}/>${shine(38, 42)}`;

const shapes = {
  apple: (fill: string, line: string): Art =>
    `<path d="M48 34c-8-6-26-4-26 16c0 16 12 28 20 28c3 0 4-2 6-2s3 2 6 2c8 0 20-12 20-28c0-20-18-22-26-16z" fill="${fill}" stroke="${line}" ${OUTLINE}/>${shine(34, 46)}${stem(47, 35)}${leaf(51, 26, -20)}`,
  pear: (fill: string, line: string): Art =>
    `<path d="M48 26c-6 0-8 8-9 14c-1 6-13 12-13 24c0 10 10 16 22 16s22-6 22-16c0-12-12-18-13-24c-1-6-3-14-9-14z" fill="${fill}" stroke="${line}" ${OUTLINE}/>${shine(38, 60)}${stem(47, 27)}${leaf(51, 20, -15)}`,
  citrus: (fill: string, line: string, rx = 24, ry = 22): Art =>
    `<ellipse cx="48" cy="52" rx="${rx}" ry="${ry}" fill="${fill}" stroke="${line}" ${OUTLINE}/>${shine(38, 44)}<circle cx="48" cy="${52 - ry + 3}" r="1.6" fill="${line}"/>${leaf(50, 52 - ry, -25)}`,
  banana: (): Art =>
    `<path d="M20 40c4 20 20 34 44 30c6-1 10-4 12-8c-14 6-32 2-42-12c-4-5-7-10-8-14z" fill="#f7d648" stroke="#b8901c" ${OUTLINE}/><path d="M24 34c8 18 24 28 46 24c4-1 6-3 7-5c-14 3-30-3-40-15c-4-5-7-8-9-10z" fill="#fbe36c" stroke="#b8901c" ${OUTLINE}/><path d="M21 36l-3-6l4-1z" fill="#6b4a2b" stroke="#6b4a2b" ${OUTLINE}/>`,
  grapes: (fill: string, line: string): Art =>
    [[40, 38], [52, 38], [64, 40], [34, 50], [46, 50], [58, 51], [40, 62], [52, 62], [46, 73]]
      .map(([x, y]) => `<circle cx="${x}" cy="${y}" r="7.5" fill="${fill}" stroke="${line}" ${OUTLINE}/>`)
      .join('') + `${stem(50, 31)}${leaf(54, 24, -10)}`,
  cherries: (): Art =>
    `<path d="M36 60c2-14 8-26 18-34M60 62c-2-14-4-26-6-36" fill="none" stroke="#4f7a2b" ${OUTLINE}/><circle cx="34" cy="64" r="11" fill="#c8263a" stroke="#7d1120" ${OUTLINE}/><circle cx="60" cy="66" r="11" fill="#c8263a" stroke="#7d1120" ${OUTLINE}/>${shine(30, 60, 3.5)}${shine(56, 62, 3.5)}${leaf(54, 26, -30)}`,
  tomato: (fill: string, line: string): Art =>
    `<ellipse cx="48" cy="54" rx="25" ry="21" fill="${fill}" stroke="${line}" ${OUTLINE}/>${shine(37, 47)}<path d="M48 33l-9 5l6 1l-4 6l7-4l7 4l-4-6l6-1z" fill="#5d9a34" stroke="#3f7a23" ${OUTLINE}/>`,
  pepper: (fill: string, line: string): Art =>
    `<path d="M30 40c-4 10-4 26 4 34c4 4 8 2 10 0c2 3 6 3 8 0c2 2 6 4 10 0c8-8 8-24 4-34c-6-8-30-8-36 0z" fill="${fill}" stroke="${line}" ${OUTLINE}/>${shine(36, 50)}<path d="M48 36c0-6 2-10 6-12" fill="none" stroke="#3f7a23" stroke-width="5" stroke-linecap="round"/>`,
  broccoli: (): Art =>
    `<path d="M42 56l-4 22h20l-4-22z" fill="#9cc46a" stroke="#4f7a2b" ${OUTLINE}/>` +
    [[36, 48], [48, 42], [60, 48], [42, 36], [56, 36]].map(([x, y]) => `<circle cx="${x}" cy="${y}" r="10" fill="#4e9a3a" stroke="#2f6a22" ${OUTLINE}/>`).join(''),
  cabbage: (fill: string, line: string): Art =>
    `${round(fill, line, 25)}<path d="M48 28c-8 10-8 36 0 48M36 34c-4 10-2 26 4 36M60 34c4 10 2 26-4 36" fill="none" stroke="${line}" stroke-width="2" stroke-linecap="round"/>`,
  potato: (fill: string, line: string): Art =>
    `<path d="M24 54c0-14 12-22 26-22c14 0 24 8 24 20c0 14-12 22-26 22c-14 0-24-6-24-20z" fill="${fill}" stroke="${line}" ${OUTLINE}/>${shine(36, 46)}` +
    [[40, 56], [56, 48], [60, 62], [46, 66]].map(([x, y]) => `<circle cx="${x}" cy="${y}" r="1.6" fill="${line}"/>`).join(''),
  onion: (fill: string, line: string): Art =>
    `<path d="M48 24c-2 8-6 10-14 16c-8 6-10 14-8 22c3 10 12 16 22 16s19-6 22-16c2-8 0-16-8-22c-8-6-12-8-14-16z" fill="${fill}" stroke="${line}" ${OUTLINE}/><path d="M48 30c-6 12-8 30 0 46M48 30c6 12 8 30 0 46" fill="none" stroke="${line}" stroke-width="1.8"/>${shine(36, 54)}`,
  garlic: (): Art =>
    `<path d="M48 26c-2 8-6 10-12 14c-10 6-12 16-8 24c4 8 12 12 20 12s16-4 20-12c4-8 2-18-8-24c-6-4-10-6-12-14z" fill="#f4efe4" stroke="#a89a80" ${OUTLINE}/><path d="M48 34c-6 10-8 26 0 42M48 34c6 10 8 26 0 42M38 44c-4 8-4 20 2 30M58 44c4 8 4 20-2 30" fill="none" stroke="#a89a80" stroke-width="1.8"/>`,
  long: (fill: string, line: string, cap: string): Art =>
    `<path d="M22 62c-4-6 0-12 8-14c14-4 30-12 42-18c6-2 10 4 6 10c-8 10-24 22-42 26c-6 1-12 1-14-4z" fill="${fill}" stroke="${line}" ${OUTLINE}/>${shine(36, 54)}<path d="M72 30c4-2 8-2 10 0c-2 4-6 6-8 6z" fill="${cap}" stroke="${line}" ${OUTLINE}/>`,
  eggplant: (): Art =>
    `<path d="M58 34c10 4 14 16 8 28c-6 12-18 18-30 14c-10-4-10-14-4-22c6-8 10-12 12-16c4-6 8-6 14-4z" fill="#5b2a6e" stroke="#321540" ${OUTLINE}/>${shine(42, 60)}<path d="M56 30c6-2 12 0 14 6c-6 0-10 2-14 0z" fill="#5d9a34" stroke="#3f7a23" ${OUTLINE}/><path d="M62 30l4-8" stroke="#3f7a23" ${OUTLINE}/>`,
  carrot: (): Art =>
    `<path d="M56 30c6 2 10 8 8 14c-6 14-20 28-34 34c-4 1-6-1-5-5c6-14 16-32 24-40c2-2 4-3 7-3z" fill="#f08a24" stroke="#a8520e" ${OUTLINE}/><path d="M44 50l6 3M38 60l6 3M50 40l5 3" stroke="#a8520e" stroke-width="2" stroke-linecap="round"/><path d="M60 32c2-8 8-12 14-12M62 34c6-4 12-4 16 0M58 30c-2-6 0-12 4-14" fill="none" stroke="#4f9a2b" stroke-width="4" stroke-linecap="round"/>`,
  spears: (fill: string, line: string, tip: string): Art =>
    [36, 44, 52, 60]
      .map((x, i) => `<path d="M${x} 80c0-14 1-30 ${2 - i} -44" fill="none" stroke="${line}" stroke-width="8" stroke-linecap="round"/><path d="M${x} 80c0-14 1-30 ${2 - i} -44" fill="none" stroke="${fill}" stroke-width="4.5" stroke-linecap="round"/><circle cx="${x + 2 - i}" cy="34" r="4" fill="${tip}" stroke="${line}" stroke-width="2"/>`)
      .join(''),
  mushroom: (): Art =>
    `<path d="M40 52h16l3 22c0 3-22 3-22 0z" fill="#efe6d6" stroke="#9c8a6c" ${OUTLINE}/><path d="M22 54c0-16 12-26 26-26s26 10 26 26c-10 4-42 4-52 0z" fill="#f6efe2" stroke="#9c8a6c" ${OUTLINE}/>${shine(38, 40)}`,
  ginger: (): Art =>
    `<path d="M22 58c2-8 10-8 14-6c2-8 10-12 16-8c6-6 16-4 18 4c6 2 8 10 2 14c-4 4-10 2-14 4c-6 6-16 8-22 4c-8 2-16-4-14-12z" fill="#e0b878" stroke="#9c7436" ${OUTLINE}/><path d="M40 56c4 2 8 2 12 0M56 52c2 2 6 3 8 2" fill="none" stroke="#9c7436" stroke-width="1.8" stroke-linecap="round"/>`,
  avocado: (): Art =>
    `<path d="M48 22c-8 0-10 10-12 18c-2 6-10 12-10 22c0 10 10 16 22 16s22-6 22-16c0-10-8-16-10-22c-2-8-4-18-12-18z" fill="#3d6b2a" stroke="#243f18" ${OUTLINE}/><path d="M48 34c-5 0-6 6-8 10c-2 4-7 8-7 15c0 7 7 11 15 11s15-4 15-11c0-7-5-11-7-15c-2-4-3-10-8-10z" fill="#d9e58a"/><circle cx="48" cy="60" r="8" fill="#8a5a2e" stroke="#5e3a1a" stroke-width="2"/>`,
  kiwi: (): Art =>
    `<ellipse cx="42" cy="54" rx="20" ry="18" fill="#8a6a3a" stroke="#5b4220" ${OUTLINE}/><circle cx="58" cy="50" r="16" fill="#8fc04a" stroke="#5b4220" ${OUTLINE}/><circle cx="58" cy="50" r="5" fill="#f2f0d8"/>` +
    [0, 45, 90, 135, 180, 225, 270, 315].map((turn) => `<circle cx="58" cy="41" r="1.4" fill="#2b2418" transform="rotate(${turn} 58 50)"/>`).join(''),
  pineapple: (): Art =>
    `<path d="M48 36l-6-16l6 8l4-12l2 12l8-8l-6 16z" fill="#5d9a34" stroke="#3f7a23" ${OUTLINE}/><ellipse cx="48" cy="58" rx="17" ry="22" fill="#e9b23a" stroke="#9c6d14" ${OUTLINE}/><path d="M34 46l28 28M32 58l22 22M40 38l24 24M62 46l-28 28M64 58l-22 22M56 38l-24 24" stroke="#9c6d14" stroke-width="1.8"/>`,
  melon: (fill: string, line: string, stripe: string): Art =>
    `${round(fill, line, 26)}<path d="M48 26c-10 8-12 44 0 52M48 26c10 8 12 44 0 52M30 34c-6 10-6 28 0 36M66 34c6 10 6 28 0 36" fill="none" stroke="${stripe}" stroke-width="2.5"/>`,
  lettuce: (fill: string, line: string): Art =>
    `<path d="M24 58c-2-14 8-24 16-24c4-6 12-6 16 0c8 0 18 10 16 24c-2 12-12 20-24 20s-22-8-24-20z" fill="${fill}" stroke="${line}" ${OUTLINE}/><path d="M48 38c-2 12-2 28 0 38M36 44c2 8 6 16 12 22M60 44c-2 8-6 16-12 22" fill="none" stroke="${line}" stroke-width="2" stroke-linecap="round"/>`,
  romaine: (): Art =>
    [[-14, '#8cc25a'], [0, '#6fae3f'], [14, '#8cc25a']]
      .map(([turn, fill]) => `<path d="M48 80c-8-10-10-34-2-52c2-4 4-4 6 0c8 18 6 42-2 52z" fill="${fill}" stroke="#3f7a23" ${OUTLINE} transform="rotate(${turn} 48 80)"/>`)
      .join('') + `<path d="M48 78v-44" stroke="#e6f0c8" stroke-width="2.5" stroke-linecap="round"/>`,
  corn: (): Art =>
    `<path d="M40 78c-6-14-4-38 8-52c12 14 14 38 8 52z" fill="#f6d04a" stroke="#b8901c" ${OUTLINE}/>` +
    [36, 44, 52, 60, 68].map((y) => `<path d="M${42 + (y - 36) / 10} ${y}h12" stroke="#d8a820" stroke-width="2" stroke-linecap="round"/>`).join('') +
    `<path d="M44 80c-14-6-20-24-16-36c6 10 10 22 16 36zM52 80c14-6 20-24 16-36c-6 10-10 22-16 36z" fill="#7fb24a" stroke="#3f7a23" ${OUTLINE}/>`,
  celery: (): Art =>
    [36, 44, 52, 60]
      .map((x, i) => `<path d="M${x} 80l${2 - i} -40" stroke="#4f8a2b" stroke-width="9" stroke-linecap="round"/><path d="M${x} 80l${2 - i} -40" stroke="#a6d46a" stroke-width="5" stroke-linecap="round"/>`)
      .join('') + `${leaf(34, 38, -110)}${leaf(48, 34, -80)}${leaf(58, 36, -50)}`,
  watermelon: (): Art =>
    `<path d="M20 44a28 28 0 0 0 56 0z" fill="#2f7a34" stroke="#1d4f20" ${OUTLINE}/><path d="M25 44a23 23 0 0 0 46 0z" fill="#ef5a5a"/>` +
    [[38, 52], [48, 58], [58, 52], [44, 50], [52, 50]].map(([x, y]) => `<ellipse cx="${x}" cy="${y}" rx="1.6" ry="2.6" fill="#2b1a14"/>`).join(''),
} as const;

/** Every picture of the demo store: file name (without .svg) → what it shows. */
export const produceArt: Readonly<Record<string, { readonly label: string; readonly tint: string; readonly body: Art }>> = {
  bananas: { label: 'Bananas', tint: '#fdf3cf', body: shapes.banana() },
  'apple-red': { label: 'Red apple', tint: '#fde3e1', body: shapes.apple('#d9343a', '#8a1a1f') },
  'apple-pink': { label: 'Pink-red apple', tint: '#fde3e1', body: shapes.apple('#e2574c', '#94281f') },
  'apple-green': { label: 'Green apple', tint: '#e8f5d8', body: shapes.apple('#94c947', '#4f7a1b') },
  'apple-yellow': { label: 'Yellow apple', tint: '#fdf3cf', body: shapes.apple('#f1cf4a', '#a8861a') },
  pear: { label: 'Pear', tint: '#eef5d4', body: shapes.pear('#c9d65a', '#7a8420') },
  'grapes-green': { label: 'Green grapes', tint: '#eef5d8', body: shapes.grapes('#b8d66a', '#6d8a2a') },
  'grapes-red': { label: 'Red grapes', tint: '#f3e2ee', body: shapes.grapes('#9c2e5e', '#5b1434') },
  orange: { label: 'Orange', tint: '#fdebd6', body: shapes.citrus('#f59a2a', '#a85c0c') },
  lemon: { label: 'Lemon', tint: '#fdf5cf', body: shapes.citrus('#f6dc3a', '#a8901a', 26, 19) },
  lime: { label: 'Lime', tint: '#e6f5d6', body: shapes.citrus('#7cc242', '#3f7a1b', 22, 19) },
  cherries: { label: 'Cherries', tint: '#fde3e6', body: shapes.cherries() },
  tomato: { label: 'Tomato', tint: '#fde3e1', body: shapes.tomato('#e2432f', '#8a1f14') },
  'pepper-green': { label: 'Green bell pepper', tint: '#e6f5d6', body: shapes.pepper('#4e9a3a', '#2f6a22') },
  'pepper-red': { label: 'Red bell pepper', tint: '#fde3e1', body: shapes.pepper('#d9343a', '#8a1a1f') },
  broccoli: { label: 'Broccoli', tint: '#e6f5d6', body: shapes.broccoli() },
  cabbage: { label: 'Cabbage', tint: '#eaf5dc', body: shapes.cabbage('#b8dc8a', '#5b8a2e') },
  'potato-russet': { label: 'Russet potato', tint: '#f5ecdf', body: shapes.potato('#c89a5e', '#7d5a2c') },
  'potato-red': { label: 'Red potato', tint: '#f8e4e0', body: shapes.potato('#b8504a', '#6e2621') },
  'onion-red': { label: 'Red onion', tint: '#f3e2ee', body: shapes.onion('#9c3a6a', '#5b1a3a') },
  'onion-yellow': { label: 'Yellow onion', tint: '#fbefd6', body: shapes.onion('#e0a84a', '#946418') },
  garlic: { label: 'Garlic', tint: '#f3f0ea', body: shapes.garlic() },
  zucchini: { label: 'Zucchini', tint: '#e6f5d6', body: shapes.long('#3f8a34', '#1d5a1f', '#8cb85a') },
  cucumber: { label: 'Cucumber', tint: '#e6f5d6', body: shapes.long('#5aa83e', '#2f6a22', '#a6d46a') },
  eggplant: { label: 'Eggplant', tint: '#efe4f3', body: shapes.eggplant() },
  carrot: { label: 'Carrot', tint: '#fdebd6', body: shapes.carrot() },
  asparagus: { label: 'Asparagus', tint: '#e6f5d6', body: shapes.spears('#8cc25a', '#3f7a23', '#6e8a3a') },
  'green-onions': { label: 'Green onions', tint: '#e6f5d6', body: shapes.spears('#7cc242', '#3f7a1b', '#f4f4ea') },
  mushroom: { label: 'Mushroom', tint: '#f3f0ea', body: shapes.mushroom() },
  ginger: { label: 'Ginger root', tint: '#f8eedc', body: shapes.ginger() },
  avocado: { label: 'Avocado', tint: '#e6f0d6', body: shapes.avocado() },
  kiwi: { label: 'Kiwifruit', tint: '#eef5d8', body: shapes.kiwi() },
  pineapple: { label: 'Pineapple', tint: '#fdf3cf', body: shapes.pineapple() },
  watermelon: { label: 'Watermelon', tint: '#fde3e6', body: shapes.watermelon() },
  cantaloupe: { label: 'Cantaloupe', tint: '#fdebd6', body: shapes.melon('#f2b56a', '#a8661e', '#d08a3a') },
  honeydew: { label: 'Honeydew melon', tint: '#eef5d8', body: shapes.melon('#d6e89a', '#7a8a3a', '#b0c46a') },
  lettuce: { label: 'Iceberg lettuce', tint: '#eaf5dc', body: shapes.lettuce('#b8e08a', '#5b8a2e') },
  romaine: { label: 'Romaine lettuce', tint: '#e6f5d6', body: shapes.romaine() },
  celery: { label: 'Celery', tint: '#eaf5dc', body: shapes.celery() },
  corn: { label: 'Sweet corn', tint: '#fdf3cf', body: shapes.corn() },
};

export function produceSvg(name: string): string {
  const art = produceArt[name];
  if (!art) throw new Error(`no produce picture "${name}"`);
  return svg(art.tint, art.body, art.label);
}
