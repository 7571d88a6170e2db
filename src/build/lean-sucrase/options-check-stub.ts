/**
 * Browser stand-in for 'ts-interface-checker' (aliased in astro.config.mjs). Sucrase uses that
 * library only to validate the options object of each transform call; the runner passes
 * constant options, which the Node tests validate with the real library, so the page's worker
 * leaves out ~16 KB of validation code.
 */
const anyType = (): null => null;
export const union = anyType;
export const lit = anyType;
export const iface = anyType;
export const array = anyType;
export const opt = anyType;

export function createCheckers(): Record<string, { strictCheck(value: unknown): void }> {
  return new Proxy({}, { get: () => ({ strictCheck() {} }) });
}
