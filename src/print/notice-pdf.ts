import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { NoticeDoc } from '../chat/render-notice.js';
import { cjkFontPath } from './font.js';

/** Lays a notice out on A4 pages with the CJK font and resolves to the PDF's bytes. */
export function noticePdf(doc: NoticeDoc): Promise<Buffer> {
  const pdf = new PDFDocument({ size: 'A4', margins: { top: 56, bottom: 56, left: 56, right: 56 }, info: { Title: doc.title } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (c: Buffer) => chunks.push(c));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  pdf.registerFont('cjk', cjkFontPath('regular'));
  pdf.registerFont('cjk-bold', cjkFontPath('bold'));
  const width = pdf.page.width - 112;
  pdf.font('cjk-bold').fontSize(18).text(doc.title, { align: 'center', width });
  pdf.moveDown(1);
  pdf.font('cjk').fontSize(11);
  for (const p of doc.paragraphs) pdf.text(p, { width, lineGap: 3 });
  if (doc.qr) {
    // The QR code of the result and publication page, with its address in words beside it.
    const side = 128;
    pdf.moveDown(1);
    if (pdf.y > pdf.page.height - 56 - side) pdf.addPage();
    const top = pdf.y;
    drawQr(pdf, doc.qr.url, 56, top, side);
    const textWidth = width - side - 16;
    pdf.font('cjk').fontSize(11).fillColor('#000000').text(doc.qr.caption, 56 + side + 16, top + 10, { width: textWidth, lineGap: 3 });
    pdf.moveDown(0.3);
    pdf.fontSize(10).text(doc.qr.url, { width: textWidth });
    pdf.x = 56;
    pdf.y = Math.max(pdf.y, top + side) + 6;
  }
  if (doc.table) {
    pdf.moveDown(1);
    pdf.font('cjk-bold').fontSize(12).text(doc.table.heading, { width });
    pdf.moveDown(0.4);
    const cols = doc.table.columns.length;
    const colWidth = width / cols;
    const row = (cells: string[], bold: boolean) => {
      if (pdf.y > pdf.page.height - 80) pdf.addPage();
      const y = pdf.y;
      pdf.font(bold ? 'cjk-bold' : 'cjk').fontSize(10);
      cells.forEach((c, i) => pdf.text(c, 56 + i * colWidth, y, { width: colWidth - 6, lineBreak: false, ellipsis: true }));
      pdf.x = 56;
      pdf.y = y + 16;
      pdf.moveTo(56, pdf.y - 3).lineTo(56 + width, pdf.y - 3).lineWidth(0.3).strokeColor('#999999').stroke();
    };
    row(doc.table.columns, true);
    for (const r of doc.table.rows) row(r, false);
  }
  pdf.moveDown(1);
  pdf.font('cjk').fontSize(9).fillColor('#444444');
  for (const f of doc.footer) pdf.text(f, 56, pdf.y, { width });
  pdf.end();
  return done;
}

/** A QR code (error correction M) as black squares on a white square of `side` points, four modules of margin. */
function drawQr(pdf: PDFKit.PDFDocument, text: string, x: number, y: number, side: number): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  const m = side / (n + 8);
  pdf.save();
  pdf.rect(x, y, side, side).fill('#ffffff');
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) if (modules.get(r, c)) pdf.rect(x + (c + 4) * m, y + (r + 4) * m, m, m);
  }
  pdf.fill('#000000');
  pdf.restore();
}
