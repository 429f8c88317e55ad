/** Every catalog of the app in every language but English, as loaders (nothing is fetched here). */
const ALL_CATALOGS = import.meta.glob(['../**/locales/*.po', '!../**/locales/en.po']);

/** Fetches every catalog of `language`; failures are left for the next start. */
export async function fetchEveryCatalog(language: string): Promise<void> {
  const loads = Object.entries(ALL_CATALOGS)
    .filter(([path]) => path.endsWith(`/${language}.po`))
    .map(([, load]) => load());
  await Promise.allSettled(loads);
}
