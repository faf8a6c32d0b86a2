import PDFDocument from 'pdfkit';
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
