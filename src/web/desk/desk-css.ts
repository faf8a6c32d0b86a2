/**
 * The desk's own rules on top of the site's stylesheet (served from this host, CSP `default-src
 * 'self'`): the same large type (never under 18 px), controls at least 48 px, AA colours.
 */
export const DESK_CSS = `
nav.desk ul{list-style:none;padding:0;margin:8px 0}
nav.desk li{margin:8px 0}
nav.desk a{display:flex;align-items:center;min-height:48px;padding:8px 16px;border:2px solid #0b5394;border-radius:8px;text-decoration:none;font-weight:700}
.desk-top{display:flex;flex-wrap:wrap;gap:8px 16px;align-items:center;justify-content:space-between}
.desk-top a{display:inline-flex;align-items:center;min-height:48px}
textarea,select,input[type=file]{display:block;width:100%;font-size:20px;color:#1a1a1a;background:#fff;border:2px solid #5f5f5f;border-radius:8px}
textarea{min-height:180px;padding:8px 12px;line-height:1.5;font-family:inherit}
select{min-height:48px;padding:8px 12px}
input[type=file]{min-height:48px;padding:8px}
input[type=file]::file-selector-button{min-height:44px;font-size:18px;margin-right:12px}
.check{display:flex;align-items:center;gap:12px;font-weight:400;min-height:48px}
.check input{width:28px;height:28px}
form.desk{margin:8px 0 16px}
form.desk button{margin-top:12px;width:100%}
.notice{border-left:6px solid #0b5394;background:#e8f0fe;color:#0b3d6e;padding:8px 12px;border-radius:4px;font-weight:700}
.problem{border-left:6px solid #a4262c;background:#fdecec;color:#6b1016;padding:8px 12px;border-radius:4px}
.problem ul{margin:4px 0;padding-left:1.2em}
.help{color:#3d3d3d}
a.button{margin:4px 0}
td.num,th.num{text-align:right}
td.place{white-space:nowrap}
ul.polls{list-style:none;padding:0}
ul.polls a{display:block;min-height:48px;padding:8px 0}
ul.entered{list-style:none;padding:0;margin:8px 0}
ul.entered li{border-bottom:1px solid #c4c4c4;padding:8px 0}
ul.entered .unit{font-weight:700}
ul.entered .confirmed{color:#1e6b2e;font-weight:700}
form.confirm{margin:8px 0 0}
form.confirm button{margin-top:0;width:auto}
tr.total td{font-weight:700;border-top:2px solid #5f5f5f}
`;
