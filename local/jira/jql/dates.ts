/**
 * JQL date values → ISO UTC strings comparable with stored timestamps.
 * Absolute: `yyyy-MM-dd`, `yyyy/MM/dd`, optionally ` HH:mm`; relative: `-5d`, `4w 2d`, `-1h`, `30m` (from now).
 */
export function parseJqlDate(value: string, now: Date): string | null {
  const v = value.trim();
  const abs = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2}))?$/.exec(v);
  if (abs) {
    const [, y, mo, d, h, mi] = abs;
    const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0)));
    return Number.isNaN(date.getTime()) ? null : date.toISOString();
  }
  const iso = /^\d{4}-\d{2}-\d{2}T/.test(v) ? new Date(v) : null;
  if (iso && !Number.isNaN(iso.getTime())) return iso.toISOString();
  const rel = /^([-+])?\s*((?:\d+\s*[wdhm]\s*)+)$/i.exec(v);
  if (rel) {
    const sign = rel[1] === '-' ? -1 : 1;
    const units: Record<string, number> = { w: 7 * 86_400_000, d: 86_400_000, h: 3_600_000, m: 60_000 };
    let ms = 0;
    for (const m of rel[2].matchAll(/(\d+)\s*([wdhm])/gi)) ms += Number(m[1]) * units[m[2].toLowerCase()];
    return new Date(now.getTime() + sign * ms).toISOString();
  }
  return null;
}
