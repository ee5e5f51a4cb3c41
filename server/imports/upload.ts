import { IMPORT_LIMITS } from '../../lib/imports';
import { DomainError } from '../errors';
import { BodyTooLarge, readBodyBytes } from '../http';
import { tooLarge } from './read-file';
import type { UploadedFile } from './preview-import';

/** The most an import's form may send: the file's 20 MB plus the form around it (boundaries, the mapping). */
export const IMPORT_UPLOAD_BYTES = IMPORT_LIMITS.maxBytes + 256 * 1024;

/** Over the cap the upload is a 413, with the import's own advice. */
export const IMPORT_TOO_LARGE = tooLarge().message;
const fileTooLarge = () => new BodyTooLarge(IMPORT_LIMITS.maxBytes, IMPORT_TOO_LARGE);

/**
 * The upload of an import form (multipart: `file`, optional `sheet`, `mapping`, `provinceCode`), read
 * with a limit: a body that passes it is refused while it arrives, before it is held in memory.
 */
export async function readImportUpload(
  request: Request,
): Promise<{ file: UploadedFile; fields: Record<string, unknown> }> {
  const type = request.headers.get('content-type') ?? '';
  if (!type.toLowerCase().startsWith('multipart/form-data')) {
    throw new DomainError('INVALID', 'Kirim berkasnya sebagai formulir (multipart/form-data) dengan kolom "file".');
  }
  const body = await readBodyBytes(request, IMPORT_UPLOAD_BYTES, fileTooLarge);
  if (body.byteLength === 0) throw new DomainError('INVALID', 'Tidak ada berkas yang diunggah.');
  let form: FormData;
  try {
    form = await new Response(body, { headers: { 'content-type': type } }).formData();
  } catch {
    throw new DomainError('INVALID', 'Formulir unggahan tidak terbaca. Pilih berkasnya lagi lalu unggah ulang.');
  }
  const file = form.get('file');
  if (!(file instanceof Blob))
    throw new DomainError('INVALID', 'Pilih berkas Excel (.xlsx) atau CSV untuk diunggah (kolom "file").');
  if (file.size > IMPORT_LIMITS.maxBytes) throw fileTooLarge();
  const fields: Record<string, unknown> = {};
  const sheet = form.get('sheet');
  if (typeof sheet === 'string' && sheet.trim()) fields.sheet = sheet;
  const provinceCode = form.get('provinceCode');
  if (typeof provinceCode === 'string' && provinceCode.trim()) fields.provinceCode = provinceCode.trim();
  const mapping = form.get('mapping');
  if (typeof mapping === 'string' && mapping.trim()) {
    try {
      fields.mapping = JSON.parse(mapping);
    } catch {
      throw new DomainError('INVALID', 'Pemetaan kolom harus JSON: {"judul kolom": "bidang"}.');
    }
  }
  const fileName = 'name' in file && typeof file.name === 'string' ? file.name : 'berkas';
  return { file: { fileName, bytes: new Uint8Array(await file.arrayBuffer()) }, fields };
}
