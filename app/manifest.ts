import type { MetadataRoute } from 'next';

/**
 * The field app installs to a volunteer's home screen and opens on their tasks; its scope is the
 * volunteer's pages, like its service worker's.
 */
export default function manifest(): MetadataRoute.Manifest {
  return {
    id: '/tugas',
    name: 'Posko — Tugas Saya',
    short_name: 'Posko',
    description:
      'Tawaran penugasan relawan Dinas Sosial: terima, tolak dan laporkan dengan satu ketukan, juga saat sinyal hilang.',
    lang: 'id',
    start_url: '/tugas',
    scope: '/tugas',
    display: 'standalone',
    orientation: 'portrait',
    background_color: '#eef2f5',
    theme_color: '#0b3954',
    icons: [
      { src: '/icons/posko-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/icons/posko-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/icons/posko-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  };
}
