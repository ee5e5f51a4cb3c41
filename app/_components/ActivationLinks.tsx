import Image from 'next/image';
import type { SharedActivation } from '@/server/accounts/share';

const WHEN = new Intl.DateTimeFormat('id-ID', { dateStyle: 'medium', timeStyle: 'short' });

/** Fresh activation links, each as a QR code to scan and a WhatsApp message to send. */
export function ActivationLinks({ links }: { links: SharedActivation[] }) {
  return (
    <section className="card" aria-labelledby="links-title">
      <h2 id="links-title">Tautan aktivasi ({links.length})</h2>
      <p className="hint">
        Pindai kode QR dengan HP relawan, atau kirim lewat WhatsApp. Setiap tautan hanya bisa dipakai sekali.
      </p>
      <ul className="link-cards">
        {links.map((link) => (
          <li key={link.url} className="link-card">
            <Image src={link.qrCode} alt={`Kode QR aktivasi untuk ${link.name}`} width={132} height={132} unoptimized />
            <div>
              <strong>{link.name}</strong>
              <p className="hint">Berlaku sampai {WHEN.format(new Date(link.expiresAt))}</p>
              <a className="button-whatsapp" href={link.whatsappUrl} target="_blank" rel="noreferrer">
                Kirim lewat WhatsApp
              </a>
              <input className="link-text" readOnly value={link.url} aria-label={`Tautan untuk ${link.name}`} />
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
