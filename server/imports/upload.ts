import { IMPORT_LIMITS } from '../../lib/imports';
import { DomainError } from '../errors';
import { tooLarge } from './read-file';
import type { UploadedFile } from './preview-import';

// The form around the file (boundaries, the mapping) adds a little to the file's own size.
const FORM_ALLOWANCE = 256 * 1024;

/**
 * The upload of an import form (multipart: `file`, optional `sheet`, `mapping`, `provinceCode`), read
 * with a limit: a body that passes it is refused while it arrives, before it is held in memory.
 */
export async function readImportUpload(
  request: Request,
): Promise<{ file: UploadedFile; fields: Record<string, unknown> }> {
  const limit = IMPORT_LIMITS.maxBytes + FORM_ALLOWANCE;
  const type = request.headers.get('content-type') ?? '';
  if (!type.toLowerCase().startsWith('multipart/form-data')) {
    throw new DomainError('INVALID', 'Kirim berkasnya sebagai formulir (multipart/form-data) dengan kolom "file".');
  }
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > limit) throw tooLarge();
  if (!request.body) throw new DomainError('INVALID', 'Tidak ada berkas yang diunggah.');

  const chunks: Uint8Array[] = [];
  let received = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  let form: FormData;
  try {
    form = await new Response(Buffer.concat(chunks), { headers: { 'content-type': type } }).formData();
  } catch {
    throw new DomainError('INVALID', 'Formulir unggahan tidak terbaca. Pilih berkasnya lagi lalu unggah ulang.');
  }
  const file = form.get('file');
  if (!(file instanceof Blob))
    throw new DomainError('INVALID', 'Pilih berkas Excel (.xlsx) atau CSV untuk diunggah (kolom "file").');
  if (file.size > IMPORT_LIMITS.maxBytes) throw tooLarge();
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
