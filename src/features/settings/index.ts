/** What other features may use of the settings feature: nothing yet; the header links to its screen (src/app). */
export {};
