import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { getPollByNo } from '../app/polls.js';
import { publicUrlOf } from '../config.js';
import { catalogue } from '../chat/i18n/index.js';
import { conventionNotice, noticeText, pollNotice } from '../chat/render-notice.js';
import { noticePdf } from '../print/notice-pdf.js';
import { communityOf, usageError, type CommandSpec } from './command-spec.js';
import { CliError, EXIT } from './output.js';

/** `notice COMMUNITY poll N|convention NAME [--out FILE.pdf]`: a printable notice, as text or a PDF. */
export const noticeCommand: CommandSpec = {
  words: ['notice'],
  usage: `  notice COMMUNITY poll N|convention NAME [--out FILE.pdf]
      A printable notice (公告) for the board and for filing (备案): a poll's result with its rule,
      source, turnout and receipt list, or the convention in force with its vote. Text on stdout,
      or a PDF written to FILE.pdf.`,
  args: ['COMMUNITY', 'poll|convention', 'N|NAME'],
  flags: ['out'],
  prepare([community, kind, what], flags, config) {
    if (kind !== 'poll' && kind !== 'convention') throw usageError(`"${kind}" must be poll or convention: notice COMMUNITY poll N, or notice COMMUNITY convention NAME`);
    if (kind === 'poll' && !/^\d{1,6}$/.test(what!)) throw usageError(`"${what}" is not a poll number`);
    if (flags.out !== undefined && !/\.pdf$/i.test(flags.out)) throw usageError(`--out "${flags.out}" must name a .pdf file`);
    return async ({ db, clock, out, cwd }) => {
      const c = await communityOf(db, community!);
      const t = catalogue(c.locale === 'en' ? 'en' : 'zh-CN');
      let doc;
      if (kind === 'poll') {
        const poll = await getPollByNo(db, c.communityId, Number(what));
        if (!poll) throw new CliError(`${c.name} has no poll #${what}`);
        doc = await pollNotice(db, t, c, poll, clock.now(), publicUrlOf(config));
      } else {
        doc = await conventionNotice(db, t, c, what!, clock.now());
        if (!doc) throw new CliError(t.notice.noConvention(what!));
      }
      if (flags.out === undefined) {
        if (out.json) out.value(doc);
        else out.line(noticeText(doc).trimEnd());
        return EXIT.ok;
      }
      const file = path.resolve(cwd, flags.out);
      const bytes = await noticePdf(doc);
      await writeFile(file, bytes);
      if (out.json) out.value({ file, bytes: bytes.length });
      else out.line(`Wrote ${file} (${bytes.length} bytes).`);
      return EXIT.ok;
    };
  },
};
