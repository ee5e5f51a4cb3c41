import type { Faker } from '@faker-js/faker';

/** Mobile prefixes after the country code (08xx → +628xx) by operator, with rough market shares. */
export const MOBILE_OPERATORS = [
  { name: 'Telkomsel', share: 50, prefixes: ['811', '812', '813', '821', '822', '823', '852', '853'] },
  { name: 'Indosat', share: 20, prefixes: ['814', '815', '816', '855', '856', '857', '858'] },
  { name: 'XL', share: 15, prefixes: ['817', '818', '819', '859', '877', '878'] },
  { name: 'Tri', share: 10, prefixes: ['895', '896', '897', '898', '899'] },
  { name: 'Smartfren', share: 5, prefixes: ['881', '882', '883', '884', '885', '886', '887', '888', '889'] },
] as const;

const MOBILE_NUMBER = new RegExp(
  `^\\+62(${MOBILE_OPERATORS.flatMap((operator) => operator.prefixes).join('|')})[0-9]{7,9}$`,
);

/** An Indonesian mobile number in E.164 from a real operator prefix: "+6281234567890". */
export function isIndonesianMobile(phone: string): boolean {
  return MOBILE_NUMBER.test(phone);
}

/** A new mobile number not in `taken` (which it joins), 10–12 digits after +62. */
export function uniqueMobileNumber(faker: Faker, taken: Set<string>): string {
  for (;;) {
    const operator = faker.helpers.weightedArrayElement(
      MOBILE_OPERATORS.map((value) => ({ value, weight: value.share })),
    );
    const prefix = faker.helpers.arrayElement(operator.prefixes);
    const length = faker.helpers.weightedArrayElement([
      { value: 7, weight: 1 },
      { value: 8, weight: 7 },
      { value: 9, weight: 2 },
    ]);
    const phone = `+62${prefix}${faker.string.numeric(length)}`;
    if (!taken.has(phone)) {
      taken.add(phone);
      return phone;
    }
  }
}
