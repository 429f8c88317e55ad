/** Where the officer's allowance payments live (PB-*). */
export const PAYMENTS_PATH = '/payments';
