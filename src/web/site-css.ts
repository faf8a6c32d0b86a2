/**
 * The pages' one stylesheet, served from this host (CSP `default-src 'self'`). Large type for older
 * eyes (base 20 px, never under 18 px), controls at least 48 px high, colours that pass WCAG AA
 * (body text #1a1a1a on #ffffff is 17:1; links #0b5394 on white 7.6:1; white on #0b5394 buttons 7.6:1).
 */
export const SITE_CSS = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;font-family:system-ui,-apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;font-size:20px;line-height:1.6;color:#1a1a1a;background:#fff}
header{display:flex;justify-content:space-between;align-items:center;padding:8px 16px;border-bottom:2px solid #0b5394}
header .site{font-weight:700;font-size:22px}
a{color:#0b5394}
header .lang{display:inline-flex;align-items:center;min-height:48px;padding:0 8px;font-size:18px}
main{max-width:40rem;margin:0 auto;padding:8px 16px 32px}
h1{font-size:26px;line-height:1.35;margin:16px 0 8px;overflow-wrap:anywhere}
h2{font-size:22px;margin:24px 0 8px}
p{margin:6px 0;overflow-wrap:anywhere}
.status{display:inline-block;padding:4px 12px;border-radius:6px;background:#e8f0fe;color:#0b3d6e;font-weight:700}
ol.options{padding-left:1.6em;margin:8px 0}
ol.options li{margin:6px 0;overflow-wrap:anywhere}
.box{border:2px solid #c4c4c4;border-radius:8px;padding:12px 16px;margin:16px 0}
.button,button{display:inline-flex;align-items:center;justify-content:center;min-height:48px;min-width:48px;padding:8px 20px;border:0;border-radius:8px;background:#0b5394;color:#fff;font-size:20px;text-decoration:none;cursor:pointer}
form.vote{margin:12px 0}
form.vote button{width:100%;justify-content:flex-start;text-align:left}
.box h2{margin-top:4px}
ul.polls{padding-left:1.2em}
ul.polls li{margin:10px 0}
ul.polls a{display:inline-block;min-height:48px;padding:8px 0}
label{display:block;font-weight:700;margin:8px 0 4px}
input[type=text]{width:100%;min-height:48px;font-size:20px;padding:8px 12px;border:2px solid #5f5f5f;border-radius:8px;color:#1a1a1a;background:#fff}
.answer{font-weight:700}
table{border-collapse:collapse;width:100%;font-size:18px}
th,td{border-bottom:1px solid #c4c4c4;padding:8px 6px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
.table{overflow-x:auto}
h3{font-size:20px;margin:16px 0 6px;overflow-wrap:anywhere}
ul.toc{padding-left:1.2em;margin:4px 0}
ul.toc a{display:inline-block;min-height:48px;padding:10px 0}
ol.plain,ul.plain{padding-left:1.4em;margin:8px 0}
ul.lines{list-style:none;padding-left:0;margin:8px 0}
ul.lines li{margin:8px 0;overflow-wrap:anywhere}
ol.plain li,ul.plain li{margin:8px 0;overflow-wrap:anywhere}
section{margin:8px 0 24px}
.convention{border-left:4px solid #0b5394;padding-left:12px;margin:12px 0}
.note{color:#3d3d3d;font-size:18px}
.answer[role=alert]{background:#fdecea;border:2px solid #a50e0e;border-radius:8px;padding:8px 12px;color:#5c0000}
`;
