// `npm run demo-store`: writes data/demo-store.json, the catalog of the demo store (Harbor Street
// Market); with `--check` it only verifies that the file is up to date. Deterministic: the same
// source gives the same file byte for byte, so a diff of the JSON shows exactly what a change to
// this script did. Brands are invented; PLUs are real IFPS codes; every barcode gets its GS1
// check digit computed here. See data/README.md.
import fs from 'node:fs';
import path from 'node:path';
import { mulberry32 } from '../drivers/sim/seeded-random.ts';
import { gtinCheckDigit } from '../main/ledger/gtin.ts';
import { StoreFileSchema, type StoreFile } from '../main/ledger/store-file.ts';
import { produceArt, produceSvg } from './produce-art.ts';

type Tax = 'grocery' | 'general' | 'alcohol' | 'tobacco';
type Symbology = 'upc' | 'ean';

interface Item {
  itemId: string;
  name: string;
  department: string;
  unitPrice: number;
  taxCategory: Tax;
  soldBy: 'each' | 'weight';
  minimumAge: number | null;
  plu: string | null;
  barcodes: string[];
  tareGrams?: number;
  lookupCategory?: string;
  image?: string;
  names?: Record<string, string>;
}

/** A brand's products: one GS1 company prefix, so their barcodes look like one manufacturer's. */
interface Family {
  readonly brand: string;
  readonly department: string;
  readonly tax: Tax;
  /** `upc` for US makers; `ean` with a GS1 country prefix (e.g. 80 Italy) for imports. */
  readonly symbology: Symbology;
  readonly gs1Prefix?: string;
  readonly minimumAge?: number;
  /** `"Product name|price in cents"`; the brand is put in front of the name unless it starts with `=`. */
  readonly products: readonly string[];
}

const OUTPUT = path.resolve(import.meta.dirname, '..', 'data', 'demo-store.json');
const IMAGES = path.resolve(import.meta.dirname, '..', 'data', 'images');
const SEED = 0x4853_4d31; // "HSM1"
const DEPARTMENTS: readonly string[] = [
  'Produce', 'Dairy & Eggs', 'Bakery', 'Meat & Seafood', 'Frozen', 'Pantry', 'Baby', 'Snacks',
  'Beverages', 'Household', 'Pet', 'Personal Care', 'Beer & Wine', 'Tobacco',
];

// mulberry32, so "random" manufacturer numbers are the same on every run.
const random = mulberry32(SEED);
const randomInt = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));

const withCheck = (body: string): string => `${body}${gtinCheckDigit(body)}`;

/** Prices of loose produce are thought of per pound in the US; the catalog keeps them per kg. */
const perKg = (centsPerLb: number): number => Math.round(centsPerLb * 2.20462);

// ---------------------------------------------------------------------------------------------
// Fixed items: README.md, data/README.md, e2e and integration tests rely on these exactly.

const WHOLE_MILK_UPC = withCheck('04130300101');
const SOURDOUGH_EAN = '4006381333931';
const COLA_UPC = '036000291452';
const IPA_UPC = withCheck('08512300601');
/** README's "unknown barcode" example: a valid EAN-13 the store must not sell. */
const UNKNOWN_EXAMPLE = '1234567890128';

// ---------------------------------------------------------------------------------------------
// Loose produce: real IFPS PLUs (9xxxx = organic). [PLU, name, cents per lb, sold by].

const produce: readonly (readonly [string, string, number, 'weight' | 'each'])[] = [
  ['4011', 'Bananas', 60, 'weight'],
  ['94011', 'Organic Bananas', 79, 'weight'],
  ['4131', 'Fuji Apples', 199, 'weight'],
  ['94131', 'Organic Fuji Apples', 299, 'weight'],
  ['3283', 'Honeycrisp Apples', 299, 'weight'],
  ['93283', 'Organic Honeycrisp Apples', 399, 'weight'],
  ['4017', 'Granny Smith Apples', 199, 'weight'],
  ['4016', 'Red Delicious Apples', 169, 'weight'],
  ['4020', 'Golden Delicious Apples', 189, 'weight'],
  ['4135', 'Gala Apples', 179, 'weight'],
  ['4409', 'Bartlett Pears', 189, 'weight'],
  ['4022', 'Green Seedless Grapes', 299, 'weight'],
  ['4023', 'Red Seedless Grapes', 299, 'weight'],
  ['4012', 'Navel Oranges', 149, 'weight'],
  ['4045', 'Bing Cherries', 599, 'weight'],
  ['4087', 'Roma Tomatoes', 169, 'weight'],
  ['4664', 'Tomatoes on the Vine', 249, 'weight'],
  ['4065', 'Green Bell Peppers', 199, 'weight'],
  ['4088', 'Red Bell Peppers', 349, 'weight'],
  ['4060', 'Broccoli', 229, 'weight'],
  ['4069', 'Green Cabbage', 89, 'weight'],
  ['4072', 'Russet Potatoes', 99, 'weight'],
  ['94072', 'Organic Russet Potatoes', 149, 'weight'],
  ['4073', 'Red Potatoes', 129, 'weight'],
  ['4082', 'Red Onions', 149, 'weight'],
  ['4093', 'Yellow Onions', 119, 'weight'],
  ['4608', 'Garlic', 499, 'weight'],
  ['4067', 'Zucchini', 179, 'weight'],
  ['4081', 'Eggplant', 199, 'weight'],
  ['4562', 'Carrots', 99, 'weight'],
  ['94562', 'Organic Carrots', 149, 'weight'],
  ['4080', 'Asparagus', 399, 'weight'],
  ['4645', 'White Button Mushrooms', 449, 'weight'],
  ['4612', 'Ginger Root', 399, 'weight'],
  ['4046', 'Hass Avocado', 129, 'each'],
  ['4225', 'Hass Avocado Large', 199, 'each'],
  ['4048', 'Limes', 39, 'each'],
  ['4053', 'Lemons', 69, 'each'],
  ['4030', 'Kiwifruit', 59, 'each'],
  ['4430', 'Pineapple', 399, 'each'],
  ['4032', 'Seedless Watermelon', 699, 'each'],
  ['4050', 'Cantaloupe', 399, 'each'],
  ['4034', 'Honeydew Melon', 449, 'each'],
  ['4062', 'Cucumber', 79, 'each'],
  ['4061', 'Iceberg Lettuce', 199, 'each'],
  ['4640', 'Romaine Lettuce', 229, 'each'],
  ['4068', 'Green Onions', 99, 'each'],
  ['4070', 'Celery', 249, 'each'],
  ['4078', 'Sweet Corn', 69, 'each'],
];

// ---------------------------------------------------------------------------------------------
// The item lookup (self-checkout produce picker): its category tiles, and for each loose produce
// item its category, its picture (scripts/produce-art.ts) and its Spanish and German names.

const lookupCategories = [
  { id: 'fruit', name: 'Fruit', names: { es: 'Fruta', de: 'Obst' }, image: 'bananas.svg' },
  { id: 'apples-pears', name: 'Apples & Pears', names: { es: 'Manzanas y peras', de: 'Äpfel & Birnen' }, image: 'apple-red.svg' },
  { id: 'vegetables', name: 'Vegetables', names: { es: 'Verduras', de: 'Gemüse' }, image: 'broccoli.svg' },
  { id: 'salad', name: 'Salad & Greens', names: { es: 'Ensalada y hojas', de: 'Salat & Grünes' }, image: 'lettuce.svg' },
  { id: 'potatoes-onions', name: 'Potatoes & Onions', names: { es: 'Patatas y cebollas', de: 'Kartoffeln & Zwiebeln' }, image: 'potato-russet.svg' },
] as const;

type LookupCategoryId = (typeof lookupCategories)[number]['id'];

/** [lookup category, picture, Spanish, German] by the produce name without "Organic ". */
const produceLookup: Readonly<Record<string, readonly [LookupCategoryId, string, string, string]>> = {
  Bananas: ['fruit', 'bananas', 'Plátanos', 'Bananen'],
  'Fuji Apples': ['apples-pears', 'apple-pink', 'Manzanas Fuji', 'Fuji-Äpfel'],
  'Honeycrisp Apples': ['apples-pears', 'apple-red', 'Manzanas Honeycrisp', 'Honeycrisp-Äpfel'],
  'Granny Smith Apples': ['apples-pears', 'apple-green', 'Manzanas Granny Smith', 'Granny-Smith-Äpfel'],
  'Red Delicious Apples': ['apples-pears', 'apple-red', 'Manzanas Red Delicious', 'Red-Delicious-Äpfel'],
  'Golden Delicious Apples': ['apples-pears', 'apple-yellow', 'Manzanas Golden', 'Golden-Delicious-Äpfel'],
  'Gala Apples': ['apples-pears', 'apple-pink', 'Manzanas Gala', 'Gala-Äpfel'],
  'Bartlett Pears': ['apples-pears', 'pear', 'Peras Williams', 'Williams-Birnen'],
  'Green Seedless Grapes': ['fruit', 'grapes-green', 'Uvas verdes sin semillas', 'Grüne kernlose Trauben'],
  'Red Seedless Grapes': ['fruit', 'grapes-red', 'Uvas rojas sin semillas', 'Rote kernlose Trauben'],
  'Navel Oranges': ['fruit', 'orange', 'Naranjas Navel', 'Navel-Orangen'],
  'Bing Cherries': ['fruit', 'cherries', 'Cerezas Bing', 'Bing-Kirschen'],
  'Roma Tomatoes': ['vegetables', 'tomato', 'Tomates pera', 'Roma-Tomaten'],
  'Tomatoes on the Vine': ['vegetables', 'tomato', 'Tomates en rama', 'Rispentomaten'],
  'Green Bell Peppers': ['vegetables', 'pepper-green', 'Pimientos verdes', 'Grüne Paprika'],
  'Red Bell Peppers': ['vegetables', 'pepper-red', 'Pimientos rojos', 'Rote Paprika'],
  Broccoli: ['vegetables', 'broccoli', 'Brócoli', 'Brokkoli'],
  'Green Cabbage': ['salad', 'cabbage', 'Repollo', 'Weißkohl'],
  'Russet Potatoes': ['potatoes-onions', 'potato-russet', 'Patatas Russet', 'Russet-Kartoffeln'],
  'Red Potatoes': ['potatoes-onions', 'potato-red', 'Patatas rojas', 'Rote Kartoffeln'],
  'Red Onions': ['potatoes-onions', 'onion-red', 'Cebollas moradas', 'Rote Zwiebeln'],
  'Yellow Onions': ['potatoes-onions', 'onion-yellow', 'Cebollas amarillas', 'Gelbe Zwiebeln'],
  Garlic: ['potatoes-onions', 'garlic', 'Ajo', 'Knoblauch'],
  Zucchini: ['vegetables', 'zucchini', 'Calabacín', 'Zucchini'],
  Eggplant: ['vegetables', 'eggplant', 'Berenjena', 'Aubergine'],
  Carrots: ['potatoes-onions', 'carrot', 'Zanahorias', 'Karotten'],
  Asparagus: ['vegetables', 'asparagus', 'Espárragos', 'Spargel'],
  'White Button Mushrooms': ['vegetables', 'mushroom', 'Champiñones blancos', 'Weiße Champignons'],
  'Ginger Root': ['potatoes-onions', 'ginger', 'Jengibre', 'Ingwer'],
  'Hass Avocado': ['fruit', 'avocado', 'Aguacate Hass', 'Hass-Avocado'],
  'Hass Avocado Large': ['fruit', 'avocado', 'Aguacate Hass grande', 'Hass-Avocado groß'],
  Limes: ['fruit', 'lime', 'Limas', 'Limetten'],
  Lemons: ['fruit', 'lemon', 'Limones', 'Zitronen'],
  Kiwifruit: ['fruit', 'kiwi', 'Kiwis', 'Kiwis'],
  Pineapple: ['fruit', 'pineapple', 'Piña', 'Ananas'],
  'Seedless Watermelon': ['fruit', 'watermelon', 'Sandía sin semillas', 'Kernlose Wassermelone'],
  Cantaloupe: ['fruit', 'cantaloupe', 'Melón cantalupo', 'Cantaloupe-Melone'],
  'Honeydew Melon': ['fruit', 'honeydew', 'Melón honeydew', 'Honigmelone'],
  Cucumber: ['vegetables', 'cucumber', 'Pepino', 'Gurke'],
  'Iceberg Lettuce': ['salad', 'lettuce', 'Lechuga iceberg', 'Eisbergsalat'],
  'Romaine Lettuce': ['salad', 'romaine', 'Lechuga romana', 'Römersalat'],
  'Green Onions': ['salad', 'green-onions', 'Cebolletas', 'Frühlingszwiebeln'],
  Celery: ['salad', 'celery', 'Apio', 'Staudensellerie'],
  'Sweet Corn': ['vegetables', 'corn', 'Maíz dulce', 'Zuckermais'],
};

/** The lookup fields of a loose produce item; organic items share their kind's picture. */
function produceLookupFields(name: string): Pick<Item, 'lookupCategory' | 'image' | 'names'> {
  const organic = name.startsWith('Organic ');
  const entry = produceLookup[organic ? name.slice('Organic '.length) : name];
  if (!entry) throw new Error(`${name}: no lookup category, picture and translations in produceLookup`);
  const [lookupCategory, picture, es, de] = entry;
  if (!produceArt[picture]) throw new Error(`${name}: no picture "${picture}" in scripts/produce-art.ts`);
  return { lookupCategory, image: `${picture}.svg`, names: organic ? { es: `${es} ecológicos`, de: `Bio-${de}` } : { es, de } };
}

// ---------------------------------------------------------------------------------------------
// Deli and fish counter items (5-digit item reference of the price-embedded label, name, cents
// per lb) and self-serve bars (name, cents per lb, container tare in grams).

const counterItems: readonly (readonly [string, string, number])[] = [
  ['01001', 'Deli Oven Roasted Turkey Breast', 999],
  ['01002', 'Deli Black Forest Ham', 899],
  ['01003', 'Deli Swiss Cheese', 799],
  ['02001', 'Atlantic Salmon Fillet', 1299],
  ['02002', 'Wild Gulf Shrimp', 1499],
];

const selfServeBars: readonly (readonly [string, number, number])[] = [
  ['Olive Bar Mix', 999, 18],
  ['Salad Bar', 899, 22],
];

// ---------------------------------------------------------------------------------------------
// Packaged goods by brand. Names follow shelf-tag style: brand, product, size.

const FOOD: Tax = 'grocery';
const families: readonly Family[] = [
  // Produce (packaged)
  { brand: 'Green Acre', department: 'Produce', tax: FOOD, symbology: 'upc', products: ['Spring Mix Salad 5 oz|399', 'Baby Spinach 5 oz|349', 'Chopped Romaine 10 oz|329', 'Caesar Salad Kit 10.4 oz|449', 'Coleslaw Mix 14 oz|249', 'Baby Arugula 5 oz|399', 'Kale Greens 16 oz|349', 'Shredded Iceberg 8 oz|229'] },
  { brand: 'Sunny Hollow', department: 'Produce', tax: FOOD, symbology: 'upc', products: ['Strawberries 1 lb|449', 'Blueberries 1 pint|499', 'Raspberries 6 oz|449', 'Blackberries 6 oz|399', 'Baby Carrots 1 lb|169', 'Cherry Tomatoes 1 pint|399', 'Grape Tomatoes 10 oz|349', 'Mini Sweet Peppers 1 lb|449', 'Clementines 3 lb bag|599', 'Gala Apples 3 lb bag|499', 'Russet Potatoes 5 lb bag|499', 'Yellow Onions 3 lb bag|349', 'Lemons 2 lb bag|449', 'Sliced Mushrooms 8 oz|279', 'Green Beans 12 oz|299', 'Brussels Sprouts 12 oz|399'] },
  // Dairy & Eggs
  { brand: 'Meadowbrook', department: 'Dairy & Eggs', tax: FOOD, symbology: 'upc', products: ['2% Reduced Fat Milk 1 gal|419', '1% Low Fat Milk 1 gal|419', 'Fat Free Milk 1 gal|399', 'Whole Milk Half Gallon|269', '2% Milk Half Gallon|259', 'Chocolate Milk Half Gallon|299', 'Heavy Whipping Cream 16 fl oz|449', 'Half & Half 32 fl oz|399', 'Salted Butter 1 lb|549', 'Unsalted Butter 1 lb|549', 'Sour Cream 16 oz|249', 'Cottage Cheese 4% 16 oz|349', 'Cream Cheese 8 oz|279', 'Buttermilk 1 qt|229', 'Lactose Free Whole Milk Half Gallon|479'] },
  { brand: 'Cloverfield', department: 'Dairy & Eggs', tax: FOOD, symbology: 'upc', products: ['Greek Yogurt Plain 32 oz|649', 'Greek Yogurt Vanilla 32 oz|649', 'Greek Yogurt Plain 5.3 oz|139', 'Greek Yogurt Strawberry 5.3 oz|139', 'Greek Yogurt Blueberry 5.3 oz|139', 'Greek Yogurt Peach 5.3 oz|139', 'Greek Yogurt Honey 5.3 oz|139', 'Whole Milk Yogurt Plain 32 oz|449', 'Low Fat Yogurt Vanilla 6 oz|99', 'Low Fat Yogurt Cherry 6 oz|99', 'Kefir Plain 32 fl oz|449', 'Drinkable Yogurt Mixed Berry 7 fl oz|199'] },
  { brand: 'Hillside Farms', department: 'Dairy & Eggs', tax: FOOD, symbology: 'upc', products: ['Large White Eggs 12 ct|349', 'Large Brown Eggs 12 ct|429', 'Cage Free Large Eggs 18 ct|599', 'Organic Large Brown Eggs 12 ct|649', 'Extra Large White Eggs 12 ct|389', 'Liquid Egg Whites 16 oz|399'] },
  { brand: 'Alpine Crest', department: 'Dairy & Eggs', tax: FOOD, symbology: 'upc', products: ['Sharp Cheddar 8 oz|399', 'Mild Cheddar 8 oz|399', 'Shredded Mozzarella 8 oz|379', 'Shredded Mexican Blend 8 oz|379', 'Sliced Provolone 8 oz|429', 'Sliced Swiss 8 oz|449', 'American Singles 16 ct|399', 'Pepper Jack 8 oz|399', 'String Cheese 12 ct|599', 'Grated Parmesan 8 oz|499', 'Feta Crumbles 6 oz|399', 'Fresh Mozzarella Ball 8 oz|549'] },
  { brand: 'Valle d\'Oro', department: 'Dairy & Eggs', tax: FOOD, symbology: 'ean', gs1Prefix: '80', products: ['Parmigiano Reggiano 7 oz|899', 'Pecorino Romano 7 oz|749', 'Gorgonzola Dolce 5 oz|649', 'Mascarpone 8 oz|599'] },
  { brand: 'Alpenhof', department: 'Dairy & Eggs', tax: FOOD, symbology: 'ean', gs1Prefix: '76', products: ['Gruyère 6 oz|899', 'Emmentaler Slices 5 oz|599'] },
  // Bakery
  { brand: 'Golden Crust', department: 'Bakery', tax: FOOD, symbology: 'upc', products: ['White Sandwich Bread 20 oz|299', '100% Whole Wheat Bread 20 oz|379', 'Honey Wheat Bread 20 oz|349', 'Potato Bread 20 oz|379', 'Rye Bread 16 oz|399', 'Multigrain Bread 24 oz|449', 'Hamburger Buns 8 ct|299', 'Hot Dog Buns 8 ct|299', 'Brioche Buns 4 ct|449', 'English Muffins 6 ct|349', 'Plain Bagels 6 ct|399', 'Everything Bagels 6 ct|399', 'Flour Tortillas 10 ct|329', 'Corn Tortillas 30 ct|279', 'Pita Bread 6 ct|299'] },
  { brand: 'Baker\'s Lane', department: 'Bakery', tax: FOOD, symbology: 'upc', products: ['French Baguette|249', 'Ciabatta Rolls 4 ct|399', 'Butter Croissants 4 ct|549', 'Blueberry Muffins 4 ct|599', 'Chocolate Chip Cookies 12 ct|499', 'Cinnamon Rolls 4 ct|549', 'Glazed Donuts 6 ct|499', 'Apple Pie 8 in|899', 'Carrot Cake Slice|399', 'Dinner Rolls 12 ct|399', 'Italian Bread|299', 'Banana Bread Loaf|599'] },
  // Meat & Seafood
  { brand: 'Prairie Ranch', department: 'Meat & Seafood', tax: FOOD, symbology: 'upc', products: ['Ground Beef 80/20 1 lb|599', 'Ground Beef 93/7 1 lb|799', 'Beef Ribeye Steak 12 oz|1499', 'Beef Sirloin Steak 1 lb|1099', 'Beef Stew Meat 1 lb|799', 'Ground Turkey 93/7 1 lb|549', 'Boneless Pork Chops 1.5 lb|899', 'Pork Baby Back Ribs 2.5 lb|1499', 'Lamb Loin Chops 12 oz|1399'] },
  { brand: 'Country Roost', department: 'Meat & Seafood', tax: FOOD, symbology: 'upc', products: ['Boneless Skinless Chicken Breasts 1.5 lb|799', 'Chicken Thighs 2 lb|599', 'Chicken Drumsticks 3 lb|549', 'Whole Chicken 4.5 lb|899', 'Chicken Wings 2 lb|899', 'Ground Chicken 1 lb|549', 'Chicken Tenderloins 1 lb|699'] },
  { brand: 'Hickory Hill', department: 'Meat & Seafood', tax: FOOD, symbology: 'upc', products: ['Thick Cut Bacon 16 oz|799', 'Hardwood Smoked Bacon 12 oz|599', 'Beef Franks 8 ct|549', 'Italian Sausage Links 19 oz|599', 'Breakfast Sausage Links 12 oz|449', 'Smoked Sausage 14 oz|449', 'Oven Roasted Turkey Breast Sliced 9 oz|549', 'Black Forest Ham Sliced 9 oz|549', 'Genoa Salami Sliced 8 oz|599', 'Pepperoni Slices 6 oz|399'] },
  { brand: 'Blue Harbor', department: 'Meat & Seafood', tax: FOOD, symbology: 'upc', products: ['Atlantic Salmon Fillet 1 lb|1199', 'Wild Sockeye Salmon 12 oz|1399', 'Raw Shrimp 21/25 ct 1 lb|1099', 'Cooked Shrimp 31/40 ct 1 lb|999', 'Cod Fillets 1 lb|999', 'Tilapia Fillets 1 lb|699', 'Sea Scallops 12 oz|1799', 'Smoked Salmon 4 oz|799', 'Lump Crab Meat 8 oz|1699'] },
  // Frozen
  { brand: 'Polar Peak', department: 'Frozen', tax: FOOD, symbology: 'upc', products: ['Frozen Broccoli Florets 12 oz|249', 'Frozen Sweet Peas 12 oz|199', 'Frozen Mixed Vegetables 12 oz|199', 'Frozen Sweet Corn 12 oz|199', 'Frozen Green Beans 12 oz|199', 'Frozen Strawberries 16 oz|399', 'Frozen Blueberries 16 oz|449', 'Frozen Mango Chunks 16 oz|399', 'Frozen Spinach 10 oz|179', 'Crinkle Cut Fries 32 oz|399', 'Tater Tots 32 oz|399', 'Hash Brown Patties 22.5 oz|399'] },
  { brand: 'Polar Peak', department: 'Frozen', tax: FOOD, symbology: 'upc', products: ['Vanilla Ice Cream 48 oz|549', 'Chocolate Ice Cream 48 oz|549', 'Cookies & Cream Ice Cream 48 oz|549', 'Mint Chocolate Chip Ice Cream 48 oz|549', 'Strawberry Ice Cream 48 oz|549', 'Fudge Bars 12 ct|499', 'Fruit Bars Strawberry 6 ct|449', 'Ice Cream Sandwiches 12 ct|499'] },
  { brand: 'Nonna Rosa', department: 'Frozen', tax: FOOD, symbology: 'upc', products: ['Pepperoni Pizza 12 in|699', 'Four Cheese Pizza 12 in|699', 'Supreme Pizza 12 in|749', 'Margherita Pizza 12 in|749', 'Cheese Ravioli 25 oz|599', 'Meat Lasagna 38 oz|1099', 'Chicken Alfredo Bowl 10 oz|349', 'Meatballs 26 oz|799'] },
  { brand: 'Arctic Bay', department: 'Frozen', tax: FOOD, symbology: 'upc', products: ['Breaded Fish Sticks 24 ct|599', 'Beer Battered Cod 19 oz|799', 'Popcorn Shrimp 16 oz|899', 'Chicken Nuggets 32 oz|899', 'Buttermilk Waffles 10 ct|299', 'Blueberry Waffles 10 ct|299', 'Breakfast Burritos 4 ct|599', 'Beef & Bean Burritos 8 ct|499', 'Potstickers Chicken 24 oz|799', 'Vegetable Spring Rolls 12 ct|599'] },
  // Pantry
  { brand: 'Barolli', department: 'Pantry', tax: FOOD, symbology: 'ean', gs1Prefix: '80', products: ['Spaghetti 16 oz|199', 'Penne Rigate 16 oz|199', 'Rigatoni 16 oz|199', 'Farfalle 16 oz|199', 'Fettuccine 16 oz|199', 'Linguine 16 oz|199', 'Elbow Macaroni 16 oz|199', 'Rotini 16 oz|199', 'Angel Hair 16 oz|199', 'Lasagna Noodles 16 oz|249', 'Orzo 16 oz|229', 'Whole Grain Spaghetti 16 oz|249', 'Marinara Sauce 24 oz|449', 'Tomato Basil Sauce 24 oz|449', 'Arrabbiata Sauce 24 oz|449', 'Basil Pesto 6.3 oz|549'] },
  { brand: 'Oliveto', department: 'Pantry', tax: FOOD, symbology: 'ean', gs1Prefix: '84', products: ['Extra Virgin Olive Oil 16.9 fl oz|899', 'Extra Virgin Olive Oil 33.8 fl oz|1499', 'Pure Olive Oil 16.9 fl oz|749', 'Red Wine Vinegar 16.9 fl oz|399', 'Manzanilla Olives 7 oz|349', 'Roasted Red Peppers 12 oz|399'] },
  { brand: 'Casa Verde', department: 'Pantry', tax: FOOD, symbology: 'upc', products: ['Medium Salsa 16 oz|349', 'Mild Salsa 16 oz|349', 'Salsa Verde 16 oz|349', 'Refried Beans 16 oz|179', 'Black Beans 15.5 oz|129', 'Pinto Beans 15.5 oz|129', 'Taco Seasoning 1 oz|99', 'Taco Shells 12 ct|249', 'Enchilada Sauce 10 oz|229', 'Chipotle Peppers in Adobo 7 oz|229'] },
  { brand: 'Riverbend', department: 'Pantry', tax: FOOD, symbology: 'upc', products: ['Diced Tomatoes 14.5 oz|149', 'Crushed Tomatoes 28 oz|249', 'Tomato Paste 6 oz|99', 'Tomato Sauce 15 oz|119', 'Cut Green Beans 14.5 oz|129', 'Whole Kernel Corn 15.25 oz|129', 'Sweet Peas 15 oz|129', 'Chickpeas 15.5 oz|139', 'Dark Red Kidney Beans 15.5 oz|129', 'Sliced Peaches 15.25 oz|199', 'Pineapple Chunks 20 oz|229', 'Mandarin Oranges 15 oz|199', 'Chunk Light Tuna 5 oz|149', 'Solid White Albacore Tuna 5 oz|249', 'Pink Salmon 14.75 oz|499', 'Chicken Broth 32 fl oz|299', 'Beef Broth 32 fl oz|299', 'Vegetable Broth 32 fl oz|299'] },
  { brand: 'Harvest Table', department: 'Pantry', tax: FOOD, symbology: 'upc', products: ['Chicken Noodle Soup 18.6 oz|299', 'Tomato Soup 10.75 oz|149', 'Cream of Mushroom Soup 10.5 oz|149', 'Minestrone Soup 18.6 oz|299', 'Clam Chowder 18.8 oz|349', 'Beef Chili with Beans 15 oz|299', 'Macaroni & Cheese 7.25 oz|129', 'White Cheddar Mac & Cheese 6 oz|199', 'Instant Mashed Potatoes 13.75 oz|299', 'Stuffing Mix 6 oz|249', 'Chicken Gravy Mix 0.87 oz|129', 'Ramen Noodles Chicken 3 oz|49'] },
  { brand: 'Golden Prairie', department: 'Pantry', tax: FOOD, symbology: 'upc', products: ['Honey Oat Clusters Cereal 14.5 oz|449', 'Toasted Oat Rings Cereal 12 oz|429', 'Corn Flakes 18 oz|399', 'Frosted Wheat Squares 18 oz|499', 'Raisin Bran 18.7 oz|449', 'Granola Maple Almond 12 oz|499', 'Old Fashioned Oats 42 oz|549', 'Quick Oats 18 oz|349', 'Instant Oatmeal Variety 10 ct|399', 'Chocolate Puffs Cereal 11.8 oz|449', 'Fruity Rings Cereal 10.1 oz|449', 'Chewy Granola Bars 12 ct|449', 'Pancake Mix 32 oz|349', 'Pancake Syrup 24 fl oz|349', 'Pure Maple Syrup 12.5 fl oz|1099'] },
  { brand: 'Old Mill', department: 'Pantry', tax: FOOD, symbology: 'upc', products: ['All Purpose Flour 5 lb|399', 'Bread Flour 5 lb|499', 'Granulated Sugar 4 lb|399', 'Light Brown Sugar 2 lb|329', 'Powdered Sugar 2 lb|299', 'Baking Soda 16 oz|129', 'Baking Powder 8.1 oz|329', 'Pure Vanilla Extract 2 fl oz|899', 'Semi-Sweet Chocolate Chips 12 oz|399', 'Cornmeal 24 oz|299', 'Chocolate Cake Mix 15.25 oz|249', 'Vanilla Frosting 16 oz|249', 'Honey 12 oz|599', 'Canola Oil 48 fl oz|549', 'Vegetable Oil 48 fl oz|499', 'Cooking Spray 6 oz|399'] },
  { brand: 'Jasmine Pearl', department: 'Pantry', tax: FOOD, symbology: 'ean', gs1Prefix: '885', products: ['Thai Jasmine Rice 5 lb|899', 'Thai Jasmine Rice 2 lb|449', 'Coconut Milk 13.5 fl oz|249', 'Red Curry Paste 4 oz|349', 'Rice Noodles 14 oz|349', 'Sweet Chili Sauce 10 fl oz|349'] },
  { brand: 'Riverbend', department: 'Pantry', tax: FOOD, symbology: 'upc', products: ['Long Grain White Rice 2 lb|299', 'Long Grain White Rice 10 lb|1099', 'Brown Rice 2 lb|329', 'Quinoa 16 oz|549', 'Dried Lentils 16 oz|199', 'Dried Black Beans 16 oz|199'] },
  { brand: 'Nutty Acres', department: 'Pantry', tax: FOOD, symbology: 'upc', products: ['Creamy Peanut Butter 16 oz|349', 'Crunchy Peanut Butter 16 oz|349', 'Natural Creamy Peanut Butter 16 oz|449', 'Almond Butter 12 oz|799', 'Hazelnut Spread 13 oz|499', 'Grape Jelly 18 oz|299', 'Strawberry Preserves 18 oz|399'] },
  { brand: 'Bramble & Co', department: 'Pantry', tax: FOOD, symbology: 'ean', gs1Prefix: '50', products: ['Seville Orange Marmalade 12 oz|549', 'Raspberry Jam 12 oz|549', 'Lemon Curd 11 oz|599', 'English Breakfast Tea 80 ct|699', 'Earl Grey Tea 80 ct|699', 'Oat Digestive Biscuits 14 oz|449'] },
  { brand: 'Morning Harbor', department: 'Pantry', tax: FOOD, symbology: 'upc', products: ['Medium Roast Ground Coffee 12 oz|899', 'Dark Roast Ground Coffee 12 oz|899', 'Decaf Ground Coffee 12 oz|949', 'Colombian Whole Bean Coffee 12 oz|1099', 'Breakfast Blend Coffee Pods 12 ct|799', 'Dark Roast Coffee Pods 24 ct|1499', 'Instant Coffee 8 oz|999', 'Green Tea 20 ct|349', 'Chamomile Tea 20 ct|349', 'Hot Cocoa Mix 8 ct|349'] },
  { brand: 'Spice Route', department: 'Pantry', tax: FOOD, symbology: 'upc', products: ['Ground Black Pepper 3 oz|449', 'Garlic Powder 3.12 oz|399', 'Onion Powder 2.62 oz|399', 'Ground Cinnamon 2.37 oz|399', 'Paprika 2.12 oz|399', 'Ground Cumin 1.5 oz|449', 'Chili Powder 2.5 oz|399', 'Italian Seasoning 0.87 oz|349', 'Crushed Red Pepper 1.5 oz|349', 'Iodized Salt 26 oz|129', 'Sea Salt Grinder 2.5 oz|449', 'Bay Leaves 0.12 oz|399'] },
  { brand: 'Harbor Kitchen', department: 'Pantry', tax: FOOD, symbology: 'upc', products: ['Tomato Ketchup 32 oz|349', 'Yellow Mustard 14 oz|179', 'Dijon Mustard 12 oz|299', 'Real Mayonnaise 30 fl oz|549', 'Sweet Relish 10 fl oz|229', 'Dill Pickle Spears 24 fl oz|349', 'Ranch Dressing 16 fl oz|349', 'Italian Dressing 16 fl oz|329', 'Balsamic Vinaigrette 16 fl oz|349', 'Original BBQ Sauce 18 oz|249', 'Hot Sauce 5 fl oz|199', 'Soy Sauce 15 fl oz|299', 'Teriyaki Sauce 10 fl oz|329', 'Worcestershire Sauce 10 fl oz|299', 'Apple Cider Vinegar 32 fl oz|299', 'Distilled White Vinegar 32 fl oz|199'] },
  { brand: 'Little Sprout', department: 'Baby', tax: FOOD, symbology: 'upc', products: ['Apple Puree Pouch 4 oz|149', 'Pear Puree Pouch 4 oz|149', 'Banana Blueberry Pouch 4 oz|149', 'Sweet Potato Puree 4 oz|129', 'Rice Cereal 8 oz|349', 'Infant Formula Powder 12.4 oz|2499', 'Puffs Strawberry 1.48 oz|349', 'Teething Wafers 12 ct|449'] },
  // Snacks
  { brand: 'Crunch Co.', department: 'Snacks', tax: FOOD, symbology: 'upc', products: ['Classic Potato Chips 8 oz|449', 'Sour Cream & Onion Chips 8 oz|449', 'Barbecue Chips 8 oz|449', 'Salt & Vinegar Chips 8 oz|449', 'Kettle Cooked Sea Salt Chips 8 oz|449', 'Tortilla Chips Restaurant Style 13 oz|449', 'Nacho Cheese Tortilla Chips 9.25 oz|549', 'Cheese Puffs 8 oz|399', 'Corn Chips 9.25 oz|449', 'Ridged Potato Chips 8 oz|449', 'Butter Microwave Popcorn 3 ct|349', 'Veggie Straws 6 oz|399'] },
  { brand: 'Salty Pier', department: 'Snacks', tax: FOOD, symbology: 'upc', products: ['Mini Twist Pretzels 16 oz|399', 'Pretzel Rods 12 oz|349', 'Honey Roasted Peanuts 16 oz|449', 'Dry Roasted Peanuts 16 oz|399', 'Lightly Salted Mixed Nuts 15 oz|999', 'Whole Almonds 14 oz|799', 'Cashews 8.5 oz|699', 'Trail Mix 26 oz|899', 'Sunflower Kernels 5.25 oz|249', 'Beef Jerky Original 2.85 oz|749'] },
  { brand: 'Grandma Bea\'s', department: 'Snacks', tax: FOOD, symbology: 'upc', products: ['Chocolate Sandwich Cookies 14.3 oz|449', 'Chocolate Chip Cookies 13 oz|449', 'Oatmeal Raisin Cookies 13 oz|449', 'Peanut Butter Cookies 11 oz|449', 'Shortbread Cookies 10 oz|399', 'Graham Crackers 14.4 oz|449', 'Saltine Crackers 16 oz|349', 'Butter Crackers 13.7 oz|449', 'Cheddar Cheese Crackers 12.4 oz|499', 'Whole Wheat Thin Crackers 9.1 oz|449', 'Animal Crackers 13 oz|349', 'Rice Cakes Lightly Salted 4.47 oz|299'] },
  { brand: 'Sweet Tooth', department: 'Snacks', tax: 'general', symbology: 'upc', products: ['Milk Chocolate Bar 1.55 oz|179', 'Peanut Butter Cups 1.5 oz|179', 'Chocolate Caramel Bar 1.86 oz|179', 'Gummy Bears 5 oz|199', 'Sour Gummy Worms 5 oz|199', 'Fruit Chews 2.17 oz|169', 'Peppermint Patties 1.4 oz|169', 'Licorice Twists 16 oz|349', 'Chocolate Covered Pretzels 8 oz|449', 'Jelly Beans 14 oz|349', 'Spearmint Gum 15 ct|179', 'Peppermint Gum 15 ct|179', 'Milk Chocolate Candies Share Size 3.14 oz|249', 'Sharing Size Peanut Butter Cups 3.7 oz|299'] },
  { brand: 'Schönberg', department: 'Snacks', tax: 'general', symbology: 'ean', gs1Prefix: '40', products: ['Dark Chocolate 70% 3.5 oz|349', 'Milk Chocolate Hazelnut 3.5 oz|349', 'Alpine Milk Chocolate 3.5 oz|349', 'Marzipan Bar 3.5 oz|299', 'Butter Wafers 4.4 oz|299'] },
  // Beverages
  { brand: 'Fizz', department: 'Beverages', tax: 'general', symbology: 'upc', products: ['Diet Cola 12-pack 12 fl oz cans|799', 'Zero Sugar Cola 12-pack 12 fl oz cans|799', 'Lemon Lime Soda 12-pack 12 fl oz cans|799', 'Ginger Ale 12-pack 12 fl oz cans|799', 'Root Beer 12-pack 12 fl oz cans|799', 'Orange Soda 12-pack 12 fl oz cans|799', 'Cola 2 L|299', 'Diet Cola 2 L|299', 'Lemon Lime Soda 2 L|299', 'Cola 20 fl oz|249', 'Cherry Cola 20 fl oz|249', 'Tonic Water 1 L|199', 'Club Soda 1 L|179'] },
  { brand: 'Clear Spring', department: 'Beverages', tax: 'general', symbology: 'upc', products: ['Purified Water 24-pack 16.9 fl oz|549', 'Spring Water 1 gal|199', 'Distilled Water 1 gal|179', 'Sparkling Water Lime 8-pack 12 fl oz cans|549', 'Sparkling Water Grapefruit 8-pack 12 fl oz cans|549', 'Sparkling Water Black Cherry 8-pack 12 fl oz cans|549', 'Sparkling Water Unflavored 1 L|149', 'Alkaline Water 1 L|249'] },
  { brand: 'Sunrise Grove', department: 'Beverages', tax: FOOD, symbology: 'upc', products: ['100% Orange Juice No Pulp 52 fl oz|449', '100% Orange Juice Pulp 52 fl oz|449', '100% Apple Juice 64 fl oz|399', '100% Grape Juice 64 fl oz|449', 'Cranberry Juice Cocktail 64 fl oz|399', '100% Pineapple Juice 46 fl oz|349', 'Lemonade 52 fl oz|349', 'Ruby Red Grapefruit Juice 52 fl oz|449', 'Apple Juice Boxes 8-pack 6.75 fl oz|449', 'Vegetable Juice 46 fl oz|399'] },
  { brand: 'Volt', department: 'Beverages', tax: 'general', symbology: 'upc', products: ['Sports Drink Fruit Punch 28 fl oz|199', 'Sports Drink Lemon Lime 28 fl oz|199', 'Sports Drink Cool Blue 28 fl oz|199', 'Energy Drink Original 16 fl oz|329', 'Energy Drink Sugar Free 16 fl oz|329', 'Sweet Tea 1 gal|349', 'Unsweetened Iced Tea 18.5 fl oz|199', 'Cold Brew Coffee 48 fl oz|599', 'Coconut Water 16.9 fl oz|299', 'Kombucha Ginger 16 fl oz|399'] },
  { brand: 'Meadowbrook', department: 'Beverages', tax: FOOD, symbology: 'upc', products: ['Oat Milk Original 64 fl oz|479', 'Almond Milk Unsweetened 64 fl oz|399', 'Soy Milk Original 64 fl oz|399', 'Coffee Creamer French Vanilla 32 fl oz|449'] },
  // Household
  { brand: 'Brightly', department: 'Household', tax: 'general', symbology: 'upc', products: ['Dish Soap Original 19.4 fl oz|349', 'Dishwasher Detergent Pods 42 ct|1299', 'All Purpose Cleaner 32 fl oz|399', 'Glass Cleaner 26 fl oz|399', 'Disinfecting Wipes 75 ct|599', 'Bathroom Cleaner 32 fl oz|449', 'Toilet Bowl Cleaner 24 fl oz|349', 'Bleach 121 fl oz|599', 'Scrub Sponges 6 ct|399', 'Rubber Gloves Medium|349', 'Air Freshener Linen 8.8 oz|349', 'Floor Cleaner 32 fl oz|549'] },
  { brand: 'FreshFold', department: 'Household', tax: 'general', symbology: 'upc', products: ['Laundry Detergent Original 92 fl oz|1299', 'Laundry Detergent Free & Clear 92 fl oz|1299', 'Laundry Pods 42 ct|1399', 'Fabric Softener 64 fl oz|699', 'Dryer Sheets 120 ct|649', 'Stain Remover 22 fl oz|499', 'Oxygen Bleach Powder 3 lb|899'] },
  { brand: 'SoftLeaf', department: 'Household', tax: 'general', symbology: 'upc', products: ['Paper Towels 6 Double Rolls|1199', 'Paper Towels 2 Rolls|449', 'Bath Tissue 12 Double Rolls|1299', 'Bath Tissue 4 Rolls|449', 'Facial Tissues 160 ct|229', 'Paper Napkins 200 ct|399', 'Paper Plates 9 in 50 ct|599'] },
  { brand: 'Toughsack', department: 'Household', tax: 'general', symbology: 'upc', products: ['Tall Kitchen Trash Bags 13 gal 40 ct|1099', 'Large Trash Bags 30 gal 28 ct|1099', 'Sandwich Bags 100 ct|349', 'Gallon Freezer Bags 30 ct|549', 'Quart Storage Bags 40 ct|449', 'Aluminum Foil 75 sq ft|499', 'Plastic Wrap 200 sq ft|399', 'Parchment Paper 45 sq ft|449'] },
  { brand: 'PowerCell', department: 'Household', tax: 'general', symbology: 'upc', products: ['AA Alkaline Batteries 8 ct|999', 'AAA Alkaline Batteries 8 ct|999', '9V Battery 1 ct|599', 'LED Light Bulb 60W Equivalent 4 ct|899', 'Kitchen Matches 250 ct|249', 'Birthday Candles 24 ct|199'] },
  { brand: 'Good Boy', department: 'Pet', tax: 'general', symbology: 'upc', products: ['Adult Dry Dog Food Chicken 15 lb|2499', 'Dog Food Beef Stew 13.2 oz|249', 'Dog Biscuits 24 oz|549', 'Dental Chews 10 ct|799', 'Adult Dry Cat Food Salmon 7 lb|1599', 'Cat Food Tuna Pate 5.5 oz|119', 'Clumping Cat Litter 20 lb|1299', 'Cat Treats Chicken 3 oz|299'] },
  // Personal care
  { brand: 'Pure Glow', department: 'Personal Care', tax: 'general', symbology: 'upc', products: ['Moisturizing Shampoo 12 fl oz|599', 'Moisturizing Conditioner 12 fl oz|599', '2-in-1 Shampoo & Conditioner 12 fl oz|599', 'Body Wash Shea Butter 18 fl oz|699', 'Bar Soap 8 ct|699', 'Liquid Hand Soap 7.5 fl oz|249', 'Daily Face Moisturizer SPF 15 3 fl oz|1099', 'Body Lotion 16 fl oz|799', 'Lip Balm 2 ct|349', 'Cotton Swabs 500 ct|449', 'Sunscreen SPF 50 8 fl oz|1199'] },
  { brand: 'BrightSmile', department: 'Personal Care', tax: 'general', symbology: 'upc', products: ['Whitening Toothpaste 5.6 oz|449', 'Cavity Protection Toothpaste 6 oz|349', 'Soft Toothbrush 2 ct|449', 'Mint Dental Floss 55 yd|349', 'Antiseptic Mouthwash 33.8 fl oz|699'] },
  { brand: 'Stride', department: 'Personal Care', tax: 'general', symbology: 'upc', products: ['Antiperspirant Clean Scent 2.6 oz|549', 'Deodorant Fresh 3 oz|499', 'Disposable Razors 5 ct|799', 'Shave Gel 7 oz|449', 'Hair Gel 12 oz|449', 'Adhesive Bandages 60 ct|449', 'Hand Sanitizer 8 fl oz|349', 'Feminine Pads Regular 36 ct|799', 'Tampons Regular 36 ct|899', 'Baby Wipes 72 ct|399', 'Diapers Size 3 31 ct|1299'] },
];

/** Beer, wine and tobacco: sold only to buyers of 21 or older (New York law). */
const restricted: readonly Family[] = [
  { brand: 'Copper Kettle', department: 'Beer & Wine', tax: 'alcohol', symbology: 'upc', minimumAge: 21, products: ['Lager 6-pack 12 fl oz bottles|999', 'Lager 12-pack 12 fl oz cans|1799', 'Amber Ale 6-pack 12 fl oz bottles|1049', 'Pale Ale 6-pack 12 fl oz cans|1049', 'Light Lager 12-pack 12 fl oz cans|1599', 'Light Lager 24-pack 12 fl oz cans|2699', 'Stout 4-pack 16 fl oz cans|1199', 'Hazy IPA 4-pack 16 fl oz cans|1399', 'Wheat Beer 6-pack 12 fl oz bottles|1049', 'Hard Cider 6-pack 12 fl oz cans|1099'] },
  { brand: 'Harbor Light Brewing', department: 'Beer & Wine', tax: 'alcohol', symbology: 'upc', minimumAge: 21, products: ['Pilsner 6-pack 12 fl oz cans|1049', 'Double IPA 4-pack 16 fl oz cans|1499', 'Porter 6-pack 12 fl oz bottles|1099', 'Seasonal Ale 6-pack 12 fl oz bottles|1099'] },
  { brand: 'Wave', department: 'Beer & Wine', tax: 'alcohol', symbology: 'upc', minimumAge: 21, products: ['Hard Seltzer Variety 12-pack 12 fl oz cans|1799', 'Hard Seltzer Black Cherry 6-pack 12 fl oz cans|999', 'Hard Seltzer Lime 6-pack 12 fl oz cans|999', 'Hard Lemonade 6-pack 12 fl oz bottles|999'] },
  { brand: 'Cerveza Sol de Oro', department: 'Beer & Wine', tax: 'alcohol', symbology: 'ean', gs1Prefix: '750', minimumAge: 21, products: ['=Sol de Oro Mexican Lager 12-pack 12 fl oz bottles|1899', '=Sol de Oro Mexican Lager 6-pack 12 fl oz bottles|1049'] },
  { brand: 'Brouwerij Van Dam', department: 'Beer & Wine', tax: 'alcohol', symbology: 'ean', gs1Prefix: '54', minimumAge: 21, products: ['=Van Dam Belgian Tripel 4-pack 11.2 fl oz bottles|1399', '=Van Dam Belgian White 6-pack 11.2 fl oz bottles|1199'] },
  { brand: 'Stone Ridge Cellars', department: 'Beer & Wine', tax: 'alcohol', symbology: 'upc', minimumAge: 21, products: ['Cabernet Sauvignon 750 mL|1499', 'Merlot 750 mL|1299', 'Pinot Noir 750 mL|1699', 'Chardonnay 750 mL|1299', 'Sauvignon Blanc 750 mL|1199', 'Pinot Grigio 750 mL|1099', 'Riesling 750 mL|1099', 'Rosé 750 mL|1199', 'Red Blend 1.5 L|1799', 'Chardonnay 1.5 L|1699'] },
  { brand: 'Château Belmont', department: 'Beer & Wine', tax: 'alcohol', symbology: 'ean', gs1Prefix: '30', minimumAge: 21, products: ['Bordeaux Rouge 750 mL|1899', 'Côtes du Rhône 750 mL|1499', 'Brut Champagne 750 mL|4499'] },
  { brand: 'Tenuta Rossi', department: 'Beer & Wine', tax: 'alcohol', symbology: 'ean', gs1Prefix: '80', minimumAge: 21, products: ['Chianti Classico 750 mL|1999', 'Prosecco 750 mL|1499', 'Montepulciano d\'Abruzzo 750 mL|1199'] },
  { brand: 'Bodegas Alcaraz', department: 'Beer & Wine', tax: 'alcohol', symbology: 'ean', gs1Prefix: '84', minimumAge: 21, products: ['Rioja Crianza 750 mL|1599', 'Cava Brut 750 mL|1299'] },
  { brand: 'Lexington', department: 'Tobacco', tax: 'tobacco', symbology: 'upc', minimumAge: 21, products: ['Cigarettes Red Kings Pack|1499', 'Cigarettes Gold Kings Pack|1499', 'Cigarettes Menthol Kings Pack|1499', 'Cigarettes Red 100s Pack|1549', 'Cigarettes Gold 100s Pack|1549', 'Cigarettes Red Kings Carton|14499'] },
  { brand: 'Carlton Row', department: 'Tobacco', tax: 'tobacco', symbology: 'upc', minimumAge: 21, products: ['Cigarettes Blue Kings Pack|1449', 'Cigarettes Silver 100s Pack|1499', 'Cigarettes Blue Kings Carton|13999'] },
  { brand: 'Don Rafael', department: 'Tobacco', tax: 'tobacco', symbology: 'upc', minimumAge: 21, products: ['Corona Cigar Single|599', 'Robusto Cigars 5-pack|2499', 'Cigarillos Sweet 2-pack|149', 'Cigarillos Wine 2-pack|149', 'Pipe Tobacco Cherry 1.5 oz|899'] },
];

// ---------------------------------------------------------------------------------------------

/** A lower-case id from a name: "Barolli Spaghetti 16 oz" → "barolli-spaghetti-16-oz". */
function slug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/%/g, '-pct')
    .replace(/&/g, '-and-')
    .replace(/[^a-z0-9.]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/g, '');
}

/** Hands out manufacturer numbers and item references; refuses a code given out twice. */
class BarcodeAllocator {
  readonly #reserved = new Set<string>();
  readonly #companies = new Map<string, { body: string; next: number }>();

  reserve(code: string): string {
    const key = code.padStart(14, '0');
    if (this.#reserved.has(key)) throw new Error(`${code} is allocated twice`);
    this.#reserved.add(key);
    return code;
  }

  next(brand: string, symbology: Symbology, gs1Prefix = ''): string {
    let company = this.#companies.get(brand);
    if (company === undefined) {
      company = symbology === 'upc' ? this.#newUpcCompany() : this.#newEanCompany(gs1Prefix);
      this.#companies.set(brand, company);
    }
    const reference = symbology === 'upc' ? 5 : 12 - company.body.length;
    for (;;) {
      const code = withCheck(`${company.body}${String(company.next).padStart(reference, '0')}`);
      company.next += randomInt(1, 7);
      if (!this.#reserved.has(code.padStart(14, '0'))) return this.reserve(code);
    }
  }

  // UPC-A: number system 0, 6, 7 or 8 (never 2–5: in-store, drug, coupon codes) + 5-digit maker.
  #newUpcCompany(): { body: string; next: number } {
    const systems = ['0', '0', '0', '6', '7', '8'] as const;
    for (;;) {
      const body = `${systems[randomInt(0, systems.length - 1)] ?? '0'}${randomInt(10_000, 99_999)}`;
      // Keep clear of the makers of the fixed items (041303 milk, 036000 cola, 085123 IPA).
      if (['041303', '036000', '085123'].includes(body) || [...this.#companies.values()].some((c) => c.body === body)) continue;
      return { body, next: randomInt(100, 900) };
    }
  }

  // EAN-13: a GS1 country prefix padded to a 7-digit company prefix; never "123" (README example).
  #newEanCompany(gs1Prefix: string): { body: string; next: number } {
    for (;;) {
      const body = `${gs1Prefix}${String(randomInt(0, 10 ** (7 - gs1Prefix.length) - 1)).padStart(7 - gs1Prefix.length, '0')}`;
      if (body.startsWith('4006381') || [...this.#companies.values()].some((c) => c.body === body)) continue;
      return { body, next: randomInt(100, 900) };
    }
  }
}

function buildItems(): Item[] {
  const barcodes = new BarcodeAllocator();
  for (const code of [WHOLE_MILK_UPC, SOURDOUGH_EAN, COLA_UPC, IPA_UPC, UNKNOWN_EXAMPLE]) barcodes.reserve(code);
  const items: Item[] = [];
  const ids = new Set<string>();
  const add = (item: Omit<Item, 'itemId'> & { itemId?: string }): void => {
    const itemId = item.itemId ?? slug(item.name);
    if (ids.has(itemId)) throw new Error(`two items would have the id ${itemId}`);
    ids.add(itemId);
    items.push({ ...item, itemId });
  };

  for (const [plu, name, centsPerLb, soldBy] of produce) {
    // Bananas are fixed at 132 cents/kg (README, tests); the others follow their price per lb.
    const unitPrice = plu === '4011' ? 132 : soldBy === 'weight' ? perKg(centsPerLb) : centsPerLb;
    add({ name, department: 'Produce', unitPrice, taxCategory: 'grocery', soldBy, minimumAge: null, plu, barcodes: [], ...produceLookupFields(name) });
  }

  const fixed: Omit<Item, 'itemId'>[] = [
    { name: 'Whole Milk 1 gal', department: 'Dairy & Eggs', unitPrice: 429, taxCategory: 'grocery', soldBy: 'each', minimumAge: null, plu: null, barcodes: [WHOLE_MILK_UPC] },
    { name: 'Sourdough Loaf', department: 'Bakery', unitPrice: 549, taxCategory: 'grocery', soldBy: 'each', minimumAge: null, plu: null, barcodes: [SOURDOUGH_EAN] },
    { name: 'Cola 12-pack 12 fl oz cans', department: 'Beverages', unitPrice: 799, taxCategory: 'general', soldBy: 'each', minimumAge: null, plu: null, barcodes: [COLA_UPC] },
    { name: 'Harbor Light Brewing IPA 6-pack 12 fl oz cans', department: 'Beer & Wine', unitPrice: 1099, taxCategory: 'alcohol', soldBy: 'each', minimumAge: 21, plu: null, barcodes: [IPA_UPC] },
  ];
  for (const item of fixed) add(item);

  for (const family of [...families, ...restricted]) {
    for (const product of family.products) {
      const [label = '', price = ''] = product.split('|');
      const name = label.startsWith('=') ? label.slice(1) : `${family.brand} ${label}`;
      const unitPrice = Number(price);
      if (!Number.isSafeInteger(unitPrice) || unitPrice <= 0) throw new Error(`${name}: bad price "${price}"`);
      add({
        name,
        department: family.department,
        unitPrice,
        taxCategory: family.tax,
        soldBy: 'each',
        minimumAge: family.minimumAge ?? null,
        plu: null,
        barcodes: [barcodes.next(family.brand, family.symbology, family.gs1Prefix)],
      });
    }
  }
  // Service counters: random-weight items labelled by the counter scale with their price
  // (`2 IIIII V PPPP C`, the store's variable-measure layout); the catalog keys them by the label
  // with the price and verifier zeroed. Then self-serve bars weighed at the lane in a container.
  for (const [reference, name, centsPerLb] of counterItems) {
    add({ name, department: 'Meat & Seafood', unitPrice: perKg(centsPerLb), taxCategory: FOOD, soldBy: 'weight', minimumAge: null, plu: null, barcodes: [withCheck(`2${reference}00000`)] });
  }
  for (const [name, centsPerLb, tareGrams] of selfServeBars) {
    add({ name, department: 'Produce', unitPrice: perKg(centsPerLb), taxCategory: FOOD, soldBy: 'weight', minimumAge: null, plu: null, barcodes: [barcodes.next('Harbor Street Kitchen', 'upc')], tareGrams });
  }
  // Shelf order: by department, items in listing order within each (sort is stable).
  const rank = (item: Item): number => {
    const index = DEPARTMENTS.indexOf(item.department);
    if (index < 0) throw new Error(`${item.name}: department "${item.department}" is not in DEPARTMENTS`);
    return index;
  };
  return items.sort((a, b) => rank(a) - rank(b));
}

/** New York City's combined 8.875 %: state, city and the Metropolitan Commuter Transportation District. */
const NYC_SALES_TAX = [
  { name: 'New York State', ratePpm: 40_000 },
  { name: 'New York City', ratePpm: 45_000 },
  { name: 'MCTD', ratePpm: 3_750 },
];

function buildStoreFile(): StoreFile {
  const file = {
    store: {
      name: 'Harbor Street Market',
      currency: 'USD',
      taxMode: 'exclusive',
      timeZone: 'America/New_York',
      taxRounding: 'invoice',
      // New York taxes the price before a manufacturer's coupon; store coupons lower it.
      manufacturerCouponsReduceTax: false,
      variableMeasure: [{ prefix: '2', itemDigits: 5, verifier: true, valueDigits: 4, measure: 'price' }],
      // Harbor Rewards cards are UPC-A number system 4 (in-store use): 04… as EAN-13.
      memberCardPrefixes: ['04'],
    },
    taxCategories: [
      { code: 'grocery', label: 'Grocery 2.25%', ratePpm: 22_500 },
      { code: 'general', label: 'General 8.875%', ratePpm: 88_750, jurisdictions: NYC_SALES_TAX },
      { code: 'alcohol', label: 'Alcohol 10.25%', ratePpm: 102_500 },
      { code: 'tobacco', label: 'Tobacco 8.875%', ratePpm: 88_750, jurisdictions: NYC_SALES_TAX },
    ],
    lookupCategories,
    items: buildItems(),
  };
  // Refuse to write a file the terminal would refuse to load.
  const parsed = StoreFileSchema.safeParse(file);
  if (!parsed.success) throw new Error(`generated store file is invalid: ${JSON.stringify(parsed.error.issues.slice(0, 3))}`);
  return parsed.data;
}

/** Pretty enough to diff: the header indented, one item per line. */
function render(file: StoreFile): string {
  const { items, ...rest } = file;
  const head = JSON.stringify(rest, null, 2).replace(/\n}$/, '');
  const lines = items.map((item) => {
    // A fixed key order, so the file does not depend on how the schema happens to order them.
    const shown = {
      itemId: item.itemId,
      name: item.name,
      department: item.department,
      unitPrice: item.unitPrice,
      taxCategory: item.taxCategory,
      soldBy: item.soldBy,
      minimumAge: item.minimumAge,
      plu: item.plu,
      barcodes: item.barcodes,
      ...(item.image === null ? {} : { image: item.image }),
      ...(item.tareGrams === undefined ? {} : { tareGrams: item.tareGrams }),
      ...(item.lookupCategory === null ? {} : { lookupCategory: item.lookupCategory }),
      ...(Object.keys(item.names).length === 0 ? {} : { names: item.names }),
    };
    return `    ${JSON.stringify(shown)}`;
  });
  return `${head},\n  "items": [\n${lines.join(',\n')}\n  ]\n}\n`;
}

const storeFile = buildStoreFile();
const text = render(storeFile);
const shown = path.relative(process.cwd(), OUTPUT);
/** The pictures of data/images/, by file name: every one the store file names, nothing else. */
const pictures = new Map(
  [...new Set([...storeFile.items.map((item) => item.image), ...storeFile.lookupCategories.map((category) => category.image)].filter((image) => image !== null))]
    .sort()
    .map((image) => [image, produceSvg(image.replace(/\.svg$/, ''))] as const),
);
if (process.argv.includes('--check')) {
  // For CI and tests: the committed files must be what this script writes.
  const current = fs.existsSync(OUTPUT) ? fs.readFileSync(OUTPUT, 'utf8') : '';
  const stale = [...pictures].filter(([name, svg]) => !fs.existsSync(path.join(IMAGES, name)) || fs.readFileSync(path.join(IMAGES, name), 'utf8') !== svg);
  const extra = fs.existsSync(IMAGES) ? fs.readdirSync(IMAGES).filter((name) => !pictures.has(name)) : [];
  if (current !== text || stale.length > 0 || extra.length > 0) {
    const what = [current !== text ? shown : null, ...stale.map(([name]) => `images/${name}`), ...extra.map((name) => `images/${name} (not generated)`)].filter(Boolean);
    process.stderr.write(`out of date: ${what.join(', ')}: run npm run demo-store\n`);
    process.exit(1);
  }
  process.stdout.write(`${shown} is up to date\n`);
} else {
  fs.mkdirSync(path.dirname(OUTPUT), { recursive: true });
  fs.writeFileSync(OUTPUT, text);
  fs.rmSync(IMAGES, { recursive: true, force: true });
  fs.mkdirSync(IMAGES, { recursive: true });
  for (const [name, svg] of pictures) fs.writeFileSync(path.join(IMAGES, name), svg);
  const count = (predicate: (item: StoreFile['items'][number]) => boolean): number => storeFile.items.filter(predicate).length;
  process.stdout.write(
    `${shown}: ${storeFile.items.length} items, ${count((i) => i.soldBy === 'weight')} by weight, ` +
      `${count((i) => i.minimumAge !== null)} age-restricted, ${storeFile.taxCategories.length} tax categories, ${pictures.size} pictures\n`,
  );
}
