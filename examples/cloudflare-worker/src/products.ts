// The shop's catalogue: what each product costs. An order's amount is computed here, on the
// server, never taken from the browser (a buyer can change any amount the page holds).

export interface Product {
  name: string;
  /** Price of one unit, in `currency` units (KRW has no minor unit). */
  price: number;
  currency: "KRW";
}

export const PRODUCTS: Readonly<Record<string, Product>> = {
  "carrot-10kg": { name: "당근 10kg", price: 1004, currency: "KRW" },
  "apple-5kg": { name: "사과 5kg", price: 52000, currency: "KRW" },
  "pear-3kg": { name: "배 3kg", price: 15000, currency: "KRW" },
  "tangerine-2kg": { name: "귤 2kg", price: 5000, currency: "KRW" },
  "potato-1kg": { name: "감자 1kg", price: 3500, currency: "KRW" },
};

/** Most units of one product in one order. */
export const MAX_QUANTITY = 100;

export function productById(id: string): Product | undefined {
  return Object.hasOwn(PRODUCTS, id) ? PRODUCTS[id] : undefined;
}
