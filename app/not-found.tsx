import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="message-page">
      <h1>Halaman tidak ditemukan</h1>
      <p>Alamat ini tidak ada di Posko. Periksa kode provinsi atau kembali ke peta.</p>
      <Link href="/">Kembali ke peta</Link>
    </main>
  );
}
