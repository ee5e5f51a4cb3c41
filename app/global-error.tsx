'use client';

/**
 * What a page shows when even its root layout failed: no translations or styles can be trusted then, so
 * both languages are written here and the styles are inline. A reload asks the server again, which is
 * what helps after a failed deploy or a lost connection. (Next.js's own page is larger and English only.)
 */
export default function GlobalError() {
  return (
    <html lang="id">
      <body style={{ fontFamily: 'system-ui, sans-serif', maxWidth: 560, margin: '15vh auto', padding: '0 16px' }}>
        <h1>Halaman ini gagal dimuat</h1>
        <p>Muat ulang halaman. Bila tetap gagal, hubungi posko lewat telepon.</p>
        <p lang="en">This page failed to load. Reload it; if it still fails, call the posko.</p>
        <button type="button" style={{ minHeight: 44, padding: '0 20px' }} onClick={() => location.reload()}>
          Muat ulang
        </button>
      </body>
    </html>
  );
}
