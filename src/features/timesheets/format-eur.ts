/** Whole euros as the programme pays them: "EUR 1,250". */
export function formatEur(amount: number): string {
  return `EUR ${amount.toLocaleString('en-GB', { maximumFractionDigits: 2 })}`;
}
