/**
 * Regencies newer than GADM 4.1 → the official regency they were carved out of, whose polygon still
 * covers them. Their label goes inside that parent until the boundary data catches up.
 */
export const REGENCY_SPLIT_FROM: Record<string, string> = {
  '16.12': '16.03', // Penukal Abab Lematang Ilir from Muara Enim (2013)
  '16.13': '16.05', // Musi Rawas Utara from Musi Rawas (2013)
  '18.13': '18.04', // Pesisir Barat from Lampung Barat (2012)
  '32.18': '32.07', // Pangandaran from Ciamis (2012)
  '53.21': '53.04', // Malaka from Belu (2012)
  '64.11': '64.07', // Mahakam Ulu from Kutai Barat (2012)
  '72.11': '72.07', // Banggai Laut from Banggai Kepulauan (2013)
  '72.12': '72.06', // Morowali Utara from Morowali (2013)
  '74.11': '74.01', // Kolaka Timur from Kolaka (2013)
  '74.12': '74.02', // Konawe Kepulauan from Konawe (2013)
  '74.13': '74.03', // Muna Barat from Muna (2014)
  '74.14': '74.04', // Buton Tengah from Buton (2014)
  '74.15': '74.04', // Buton Selatan from Buton (2014)
  '76.06': '76.02', // Mamuju Tengah from Mamuju (2013)
  '82.08': '82.05', // Pulau Taliabu from Kepulauan Sula (2013)
  '92.11': '92.02', // Manokwari Selatan from Manokwari (2012)
  '92.12': '92.02', // Pegunungan Arfak from Manokwari (2012)
};
