const UNITS = ['bytes', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];

/**
 * A byte count in human units (powers of 1024, as memory is counted), for messages and cards:
 * "812 bytes", "16.0 kB", "2.3 GB". Counts read from hostile files can be astronomically large or
 * not integers; they still print in words ("4.0 YB"), never as "4.8e+24".
 */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return 'an impossible size';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) return `${Math.round(value)} ${value === 1 ? 'byte' : 'bytes'}`;
  if (value >= 1024) return `more than 1024 ${UNITS[unit]}`;
  return `${value.toFixed(1)} ${UNITS[unit]}`;
}
