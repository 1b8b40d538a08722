/** Parapet's version; kept equal to package.json's by a contract test. */
export const VERSION = '0.1.0';
