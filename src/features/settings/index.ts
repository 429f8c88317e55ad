/** What other features may use of the settings feature: nothing yet; its screen is reached by URL. */
export {};
