/**
 * Indonesian phone numbers as people type them ("0812-3456-7890", "+62 812 3456 7890", "62812…") in
 * the E.164 form the roster stores ("+6281234567890"); null when it cannot be one.
 */
export function normalizePhone(input: string): string | null {
  const compact = input.replace(/[\s().-]/g, '');
  let national: string;
  if (compact.startsWith('+62')) national = compact.slice(3);
  else if (compact.startsWith('62')) national = compact.slice(2);
  else if (compact.startsWith('0')) national = compact.slice(1);
  else national = compact;
  const phone = `+62${national}`;
  return /^\+62[1-9][0-9]{7,12}$/.test(phone) ? phone : null;
}
