// The first day of a period named in words: a quarterly roster, a monthly payment list, a year's report.

const QUARTER: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, '1': 1, '2': 2, '3': 3, '4': 4 };

/**
 * The first day of a period named in text: `2024年第二季度` → 2024-04-01, `2024年5月` → 2024-05-01, `2024年度` →
 * 2024-01-01. A roster of one period pays within it; its first day is the honest reading when no row says more.
 */
export function periodStart(text: string): string | undefined {
  const quarter = /(\d{4})\s*年\s*第?\s*([一二三四1-4])\s*季度/.exec(text);
  if (quarter) return `${quarter[1]}-${String((QUARTER[quarter[2]!]! - 1) * 3 + 1).padStart(2, '0')}-01`;
  const month = /(\d{4})\s*年\s*(\d{1,2})\s*月/.exec(text);
  if (month && Number(month[2]) >= 1 && Number(month[2]) <= 12)
    return `${month[1]}-${month[2]!.padStart(2, '0')}-01`;
  const year = /(\d{4})\s*年度?(?![\d月])/.exec(text);
  return year ? `${year[1]}-01-01` : undefined;
}
