/** Where /tugas's plain form posts go (app/tugas/aksi), so a tap counts before any script has run. */
export const FIELD_FORM_ACTION = '/tugas/aksi';

/** The cookie that carries a form post's outcome back to /tugas for one look. */
export const FIELD_FLASH_COOKIE = 'posko_tugas_hasil';
