import { describe, expect, it } from 'vitest';
import {
  cardBrand,
  cardNumbersIn,
  cardNumberValue,
  emailsIn,
  ibansIn,
  ibanValid,
  ibanValue,
  isPersonalEmail,
  labelledSsnsIn,
  luhnValid,
  nationalIdKey,
  ninoValid,
  ssnValid,
} from './pii.js';

describe('card numbers', () => {
  const valid: Array<[string, string]> = [
    ['4539148803436467', 'Visa'],
    ['5524610293847564', 'Mastercard'],
    ['378282246310005', 'American Express'],
    ['6011000990139424', 'Discover'],
    ['3530111333300000', 'JCB'],
  ];
  it.each(valid)('%s is a %s number', (digits, brand) => {
    expect(luhnValid(digits)).toBe(true);
    expect(cardBrand(digits)).toBe(brand);
  });

  const refused: Array<[string, string]> = [
    ['4539148803436468', 'fails Luhn'],
    ['1234567890123452', 'no network starts with 1'],
    ['45391488034364678', 'Luhn-valid, but Visa has no 17-digit numbers'],
    ['0000000000000000', 'a run of one digit'],
    ['453914880343646', '15 digits is not a Visa length'],
  ];
  it.each(refused)('%s: %s', (digits) => {
    expect(cardBrand(digits)).toBeUndefined();
  });

  it('accepts a whole value in groups, and nothing else', () => {
    expect(cardNumberValue('4539 1488 0343 6467')).toBe('4539148803436467');
    expect(cardNumberValue('4539-1488-0343-6467')).toBe('4539148803436467');
    expect(cardNumberValue('4539 1488-0343 6467')).toBeUndefined();
    expect(cardNumberValue('4539  1488 0343 6467')).toBeUndefined();
    expect(cardNumberValue('4539 14** **** 6467')).toBeUndefined();
    expect(cardNumberValue('order 4539148803436467')).toBeUndefined();
  });

  it('finds standalone numbers in text, not slices of longer ones', () => {
    expect(cardNumbersIn('Card: 4539 1488 0343 6467, exp 12/29')).toEqual(['4539148803436467']);
    expect(cardNumbersIn('id 94539148803436467 and 4539148803436467.5')).toEqual([]);
  });
});

describe('IBANs', () => {
  it.each([
    'DE89370400440532013000',
    'GB82WEST12345698765432',
    'FR1420041010050500013M02606',
    'NL91ABNA0417164300',
  ])('%s passes mod-97', (iban) => {
    expect(ibanValid(iban)).toBe(true);
  });

  it('refuses a bad check, a wrong length and an unknown country', () => {
    expect(ibanValid('DE89370400440532013001')).toBe(false);
    expect(ibanValid('DE8937040044053201300')).toBe(false);
    expect(ibanValid('QQ89370400440532013000')).toBe(false);
  });

  it('reads printed groups of four and text', () => {
    expect(ibanValue('DE89 3704 0044 0532 0130 00')).toBe('DE89370400440532013000');
    expect(ibanValue('DE89 37040044 0532013000')).toBeUndefined();
    expect(ibansIn('Pay to GB82 WEST 1234 5698 7654 32 or DE89370400440532013001.')).toEqual([
      'GB82WEST12345698765432',
    ]);
  });
});

describe('e-mail addresses', () => {
  it('finds addresses in text and lower-cases them', () => {
    expect(emailsIn('Write to Alice.Ng@Mail-Alpha.net, or bob+x@b.co.uk.')).toEqual([
      'alice.ng@mail-alpha.net',
      'bob+x@b.co.uk',
    ]);
  });

  it('refuses file names, bare hosts and broken local parts', () => {
    expect(emailsIn('logo@2x.png icon@3x.webp a@localhost .a@b.com a..b@c.com a@-b.com')).toEqual([]);
  });

  it('tells personal addresses from role mailboxes', () => {
    expect(isPersonalEmail('alice.ng@corp.test')).toBe(true);
    expect(isPersonalEmail('support@corp.test')).toBe(false);
    expect(isPersonalEmail('no-reply+123@corp.test')).toBe(false);
  });
});

describe('national ids', () => {
  it('recognises SSN and NINO field names', () => {
    expect(nationalIdKey('ssn')).toBe('US SSN');
    expect(nationalIdKey('customerSSN')).toBe('US SSN');
    expect(nationalIdKey('social_security_number')).toBe('US SSN');
    expect(nationalIdKey('nationalInsuranceNumber')).toBe('UK NINO');
    expect(nationalIdKey('lessons')).toBeUndefined();
    expect(nationalIdKey('phone')).toBeUndefined();
  });

  it('validates SSNs as the SSA issues them', () => {
    expect(ssnValid('123-45-6789')).toBe(true);
    expect(ssnValid('123456789')).toBe(true);
    for (const bad of [
      '000-12-3456',
      '666-12-3456',
      '912-34-5678',
      '123-00-4567',
      '123-45-0000',
      '123-456789',
    ])
      expect(ssnValid(bad)).toBe(false);
  });

  it('validates NINOs', () => {
    expect(ninoValid('AB 12 34 56 C')).toBe(true);
    expect(ninoValid('GB123456A')).toBe(false);
    expect(ninoValid('DA123456A')).toBe(false);
  });

  it('finds SSNs in text only after their label', () => {
    expect(labelledSsnsIn('SSN: 123-45-6789; phone 123-45-6789')).toEqual(['123-45-6789']);
    expect(labelledSsnsIn('Social Security Number 219-09-9999')).toEqual(['219-09-9999']);
  });
});

describe('linear time on adversarial input (a super-linear scan would time the test out)', () => {
  const n = 400_000;
  const inputs: Array<[string, string]> = [
    ['one long local part', `${'a'.repeat(n)}@`],
    ['only at-signs', '@'.repeat(n)],
    ['alternating a@', 'a@'.repeat(n / 2)],
    ['dots before an at-sign', `${'a.'.repeat(n / 2)}@b`],
    ['one long domain', `a@${'b'.repeat(n)}`],
    ['digits', '1'.repeat(n)],
    ['spaced digits', '1 '.repeat(n / 2)],
    ['groups of four', '4539 '.repeat(n / 5)],
    ['dashes', '1-'.repeat(n / 2)],
    ['IBAN-like prefixes', 'DE89'.repeat(n / 4)],
    ['IBAN groups', 'DE89 3704 '.repeat(n / 10)],
    ['SSN label then spaces', `ssn${' '.repeat(n)}`],
    ['repeated labels', 'ssn: '.repeat(n / 5)],
  ];
  it.each(inputs)('%s', (_, text) => {
    expect(Array.isArray(emailsIn(text))).toBe(true);
    expect(Array.isArray(cardNumbersIn(text))).toBe(true);
    expect(Array.isArray(ibansIn(text))).toBe(true);
    expect(labelledSsnsIn(text)).toEqual([]);
    expect(ibanValue(text.slice(0, 42))).toBeUndefined();
    expect(cardNumberValue(text.slice(0, 23))).toBeUndefined();
  });
});
