import idSituation from '@/lib/messages/id/situation.json';
import { actingFor, respond } from '@/server/http';
import { getSitrep } from '@/server/sitreps/queries';
import { sitrepDocument } from '@/server/sitreps/report-html';
import { PDF_UNAVAILABLE_MESSAGE, PdfUnavailable, printPdf } from '@/server/sitreps/report-pdf';

/** The report as an A4 PDF, printed on the server by Chromium (503 when this server has none). */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const { id } = await params;
    const sitrep = await getSitrep({ ctx, input: { sitrepId: id } });
    let pdf: Buffer;
    try {
      pdf = await printPdf(sitrepDocument(sitrep, idSituation.report), ctx.env.POSKO_CHROMIUM_PATH);
    } catch (error) {
      if (error instanceof PdfUnavailable) {
        return Response.json({ error: PDF_UNAVAILABLE_MESSAGE, code: 'UNAVAILABLE' }, { status: 503 });
      }
      throw error;
    }
    return new Response(new Uint8Array(pdf), {
      headers: {
        'content-type': 'application/pdf',
        'content-disposition': `inline; filename="laporan-situasi-${sitrep.number}.pdf"`,
      },
    });
  });
}
