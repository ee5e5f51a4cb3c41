import QRCode from 'qrcode';

/** An activation link as a coordinator hands it over: the address, a QR code and a WhatsApp message. */
export interface SharedActivation {
  name: string;
  url: string;
  /** An SVG QR code as a data: URL, for an <img>. */
  qrCode: string;
  whatsappUrl: string;
  expiresAt: string;
}

const WHEN = new Intl.DateTimeFormat('id-ID', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'Asia/Jakarta',
});

export async function shareActivation(
  baseUrl: string,
  { name, phone, token, expiresAt }: { name: string; phone: string | null; token: string; expiresAt: Date },
): Promise<SharedActivation> {
  const url = `${baseUrl}/aktivasi/${token}`;
  const svg = await QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  const text =
    `Halo ${name}, ini tautan untuk mengaktifkan akun Posko Anda dan membuat kata sandi ` +
    `(berlaku sampai ${WHEN.format(expiresAt)} WIB, hanya sekali pakai):\n${url}`;
  // Straight to the volunteer's own chat when the number is known; otherwise WhatsApp asks whom to send it to.
  const recipient = phone ? phone.replace(/^\+/, '') : '';
  return {
    name,
    url,
    qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
    whatsappUrl: `https://wa.me/${recipient}?text=${encodeURIComponent(text)}`,
    expiresAt: expiresAt.toISOString(),
  };
}
