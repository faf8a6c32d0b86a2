// Module hooks that make the embedded engine unloadable, to show a process never needs it.
export async function resolve(specifier, context, next) {
  if (specifier.startsWith('@electric-sql/pglite')) throw new Error(`PGlite was loaded (${specifier})`);
  return next(specifier, context);
}
