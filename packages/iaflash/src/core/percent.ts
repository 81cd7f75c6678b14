const format = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

/**
 * A share as a French percentage, for agents and reasons. Plain rounding printed "0 %" and "100 %" for a
 * second candidate at 0.03 % and a first at 99.97 %: an agent reads those as certainties the model never gives.
 */
export function frPercent(p: number | null | undefined): string {
  if (p === null || p === undefined) return '—';
  if (p > 0 && p < 0.0005) return `< ${format.format(0.1)} %`;
  if (p < 1 && p > 0.9995) return `> ${format.format(99.9)} %`;
  return `${format.format(p * 100)} %`;
}
