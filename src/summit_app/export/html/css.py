"""The HTML edition's one stylesheet, inline so the file stands alone.

Readable on a phone and on paper: a 70-character measure, system fonts (every script the
reader's device has), colours that pass WCAG AA contrast, tables that scroll sideways on a
narrow screen rather than squash, and page breaks where the PDF starts a page.
"""

CSS = """
:root { --ink: #1f2933; --accent: #1d4e89; --muted: #4f5966; --rule: #cfd6df;
  --zebra: #f5f7fa; --quote: #fff8e6; --quote-bar: #b7791f; --bar: #2a7f9e; --track: #e6eaf0; }
* { box-sizing: border-box; }
html { font-family: "DejaVu Sans", "Segoe UI", system-ui, -apple-system, "Noto Sans",
  "Noto Sans Devanagari", "Noto Sans CJK SC", sans-serif; color: var(--ink);
  line-height: 1.5; background: #fff; }
body { margin: 0 auto; max-width: 60rem; padding: 1.5rem 1.25rem 3rem; }
p, li, blockquote, figcaption, .measure { max-width: 40rem; }
a { color: var(--accent); }
a:focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
header.cover { border-top: 0.75rem solid var(--accent); padding-top: 1.5rem; margin-bottom: 2rem; }
header.cover img.logo { display: block; max-width: 16rem; max-height: 5rem; margin-bottom: 1rem; }
header.cover .kicker { text-transform: uppercase; letter-spacing: 0.08em; font-weight: bold;
  color: var(--accent); margin: 0; }
h1 { color: var(--accent); font-size: 2.1rem; line-height: 1.2; margin: 0.4rem 0 1rem; }
h2 { color: var(--accent); font-size: 1.6rem; line-height: 1.25; margin: 2.5rem 0 1rem; }
h3 { color: var(--accent); font-size: 1.25rem; margin: 1.8rem 0 0.5rem; }
h4 { font-size: 1.1rem; margin: 1.4rem 0 0.4rem; }
h5 { font-size: 1rem; margin: 1.2rem 0 0.3rem; }
h2, h3, h4, h5 { max-width: 40rem; }
.swatch { display: inline-block; width: 0.55rem; height: 1em; margin-right: 0.5rem;
  vertical-align: -0.1em; border-radius: 2px; }
.byline, .caption { color: var(--muted); }
.caption { font-size: 0.9rem; }
ul, ol { padding-left: 1.6rem; }
li { margin: 0.25rem 0; }
ul.notes { font-size: 0.97rem; }
blockquote { margin: 0.8rem 0 1rem; padding: 0.6rem 1rem; background: var(--quote);
  border-left: 4px solid var(--quote-bar); font-style: italic; }
blockquote p { margin: 0; }
nav ol { list-style: none; padding-left: 0; }
nav ol ol { padding-left: 1.2rem; }
nav li { margin: 0.3rem 0; }
.table-scroll { overflow-x: auto; margin: 0.8rem 0 1.4rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
caption { text-align: left; color: var(--muted); font-size: 0.9rem; padding-bottom: 0.3rem; }
th, td { text-align: left; vertical-align: top; padding: 0.3rem 0.5rem;
  border-bottom: 1px solid var(--rule); }
thead th { background: var(--accent); color: #fff; vertical-align: bottom; }
tbody th { font-weight: normal; }
tbody tr:nth-child(even) { background: var(--zebra); }
th.group { font-weight: bold; background: #fff; padding-top: 0.8rem; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
thead th.num { white-space: normal; }
figure { margin: 1rem 0 1.6rem; }
figure.slide img { display: block; max-width: 100%; height: auto; border: 1px solid #d1d5db; }
figcaption { font-weight: bold; margin-bottom: 0.5rem; }
.chart { display: flex; flex-wrap: wrap; gap: 1rem 1.5rem; align-items: flex-start; }
.chart svg { flex: 1 1 26rem; max-width: 34rem; height: auto; }
.chart .table-scroll { flex: 1 1 18rem; margin: 0; }
section.part { break-before: auto; }
section.part.new-page { break-before: page; }
footer { margin-top: 3rem; border-top: 1px solid var(--rule); color: var(--muted);
  font-size: 0.85rem; }
@media print { body { max-width: none; } .table-scroll { overflow: visible; } }
"""
