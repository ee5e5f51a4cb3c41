import QRCode from 'qrcode';

/** A sign-up link as a coordinator shows it: the address, a QR code for a projector, a WhatsApp message. */
export interface SharedSignupLink {
  url: string;
  /** An SVG QR code as a data: URL; SVG stays sharp at any size on a projector. */
  qrCode: string;
  whatsappUrl: string;
}

export async function shareSignupLink(
  baseUrl: string,
  { token, title }: { token: string; title: string },
): Promise<SharedSignupLink> {
  const url = `${baseUrl}/daftar/${token}`;
  const svg = await QRCode.toString(url, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  const text = `Daftar sebagai relawan di ${title}: isi formulir singkat ini di HP Anda.\n${url}`;
  return {
    url,
    qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
    whatsappUrl: `https://wa.me/?text=${encodeURIComponent(text)}`,
  };
}
