'use client';

import { PHOTO_LIMITS } from '@/lib/situation';

const QUALITIES = [0.82, 0.72, 0.62, 0.52, 0.42];
const SMALLER = 0.75;

function encode(canvas: HTMLCanvasElement, quality: number): Promise<Blob | null> {
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
}

/**
 * A photo as it leaves the phone: at most 1280 px on its longest side, JPEG, its quality stepped down
 * (and then its size) until it is under about 200 KB. Drawing it anew also drops the camera's metadata,
 * the position among it.
 */
export async function shrinkPhoto(file: Blob): Promise<Blob> {
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  try {
    let scale = Math.min(1, PHOTO_LIMITS.longestSide / Math.max(bitmap.width, bitmap.height));
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const canvas = document.createElement('canvas');
      canvas.width = Math.max(1, Math.round(bitmap.width * scale));
      canvas.height = Math.max(1, Math.round(bitmap.height * scale));
      const context = canvas.getContext('2d');
      if (!context) throw new Error('No 2D canvas.');
      context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      for (const quality of QUALITIES) {
        const blob = await encode(canvas, quality);
        if (blob && blob.size <= PHOTO_LIMITS.targetBytes) return blob;
      }
      scale *= SMALLER;
    }
    throw new Error('The photo does not shrink under the cap.');
  } finally {
    bitmap.close();
  }
}
