"""Benchmark: parsing and normalising PDFs against pdftotext on the same files, same run.

PDFs are made once from the corpus text files with LibreOffice headless and cached in
``bench/results/parse/``: each text as it is (one column, lines as in the corpus) and, with
``--two-column`` (default on), a justified, hyphenated two-column version of the same text,
where the line-end hyphens are real hyphenation. Then, in rounds that interleave the three
methods so that other load on the machine falls on all alike:

- ``pdftotext FILE -`` (poppler-utils; a process per file, as it is used);
- ``parse_bytes`` (pypdfium2, in this process);
- ``parse_bytes`` + ``normalise``.

Per method it prints pages per second over all files (best round per file) and the ratio
``parse+normalise / pdftotext`` (target: at most 2). Numbers go to ``bench/results/parse.json``.

    .venv/bin/python bench/parse.py              # 5 rounds
    .venv/bin/python bench/parse.py --rounds 10 --no-two-column
"""

from __future__ import annotations

import argparse
import html
import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from proeftuin.ingestion.normalise import normalise  # noqa: E402
from proeftuin.ingestion.parsers import parse_bytes  # noqa: E402
from proeftuin.ingestion.parsers.samples import make_pdf  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
OUT = ROOT / "bench" / "results" / "parse"
TARGET = 2.0
BULLET = re.compile(r"\s*[•●¶]\s*")

FODT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
<office:styles><style:style style:name="Standard" style:family="paragraph">
 <style:paragraph-properties fo:text-align="justify" fo:margin-bottom="0.2cm"/>
 <style:text-properties fo:language="nl" fo:country="NL" fo:hyphenate="true" fo:font-size="10pt"/>
</style:style></office:styles>
<office:automatic-styles><style:page-layout style:name="pm1">
 <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin="2cm">
  <style:columns fo:column-count="2" fo:column-gap="1cm"/></style:page-layout-properties>
</style:page-layout></office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1">
 <style:footer><text:p><text:page-number text:select-page="current">1</text:page-number></text:p>
 </style:footer></style:master-page></office:master-styles>
<office:body><office:text>{body}</office:text></office:body></office:document>"""


def two_column_source(txt: Path, target: Path) -> None:
    """The text's paragraphs as a flat ODT with two hyphenated columns. Lines are rejoined
    (a corpus hyphen at a line end stays, as "experi- menten"); lines with a bullet glyph
    become list paragraphs of their own."""
    paragraphs: list[str] = []
    for chunk in re.split(r"\n\s*\n", txt.read_text("utf-8")):
        for piece in re.split(r"\n(?=.*[•●¶])", chunk):
            text = " ".join(piece.split())
            if BULLET.search(text):
                text = "• " + BULLET.sub(" ", text).strip()
            paragraphs.append(text)
    body = "\n".join(f"<text:p>{html.escape(p)}</text:p>" for p in paragraphs if p)
    target.write_text(FODT.format(body=body), "utf-8")


def make_pdfs(two_column: bool) -> list[Path]:
    OUT.mkdir(parents=True, exist_ok=True)
    sources = []
    for txt in sorted(CORPUS.glob("*.txt")):
        sources.append(txt)
        if two_column:
            fodt = OUT / f"{txt.stem}.2col.fodt"
            if not fodt.exists():
                two_column_source(txt, fodt)
            sources.append(fodt)
    stale = [s for s in sources if _is_stale(s)]
    if stale:
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        if not soffice:
            sys.exit("LibreOffice is needed to make the PDFs: apt-get install libreoffice-writer")
        print(f"making {len(stale)} PDFs with LibreOffice...", flush=True)
        subprocess.run(
            [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(OUT), *map(str, stale)],
            check=True,
            capture_output=True,
            timeout=600,
        )
    return [OUT / f"{s.stem}.pdf" for s in sources]


def _is_stale(source: Path) -> bool:
    pdf = OUT / f"{source.stem}.pdf"
    return not pdf.exists() or pdf.stat().st_mtime < source.stat().st_mtime


def time_pdftotext(pdf: Path) -> float:
    start = time.perf_counter()
    subprocess.run(["pdftotext", str(pdf), "-"], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def time_parse(pdf: Path, with_normalise: bool) -> tuple[float, int]:
    start = time.perf_counter()
    parsed = parse_bytes(pdf.read_bytes(), pdf.name)
    if with_normalise:
        normalise(parsed)
    return time.perf_counter() - start, len(parsed.pages)


def tiny_pdf() -> Path:
    """A one-line, one-page PDF: pdftotext on it costs what starting the process costs."""
    tiny = OUT / "startup.pdf"
    tiny.write_bytes(make_pdf([["Een regel."]]))
    return tiny


def run(pdfs: list[Path], rounds: int) -> dict:
    methods = ("pdftotext", "parse", "parse+normalise")
    best: dict[str, dict[str, float]] = {m: {} for m in methods}
    pages: dict[str, int] = {}
    tiny, startup = tiny_pdf(), float("inf")
    for pdf in pdfs:  # warm-up: imports, page cache
        time_parse(pdf, True)
        time_pdftotext(pdf)
    for _ in range(rounds):
        for pdf in pdfs:
            startup = min(startup, time_pdftotext(tiny))
            timings = {
                "pdftotext": time_pdftotext(pdf),
                "parse": time_parse(pdf, False)[0],
            }
            timings["parse+normalise"], pages[pdf.name] = time_parse(pdf, True)
            for method, seconds in timings.items():
                best[method][pdf.name] = min(seconds, best[method].get(pdf.name, seconds))
    return {"pages": pages, "best_seconds": best, "pdftotext_startup_seconds": startup}


def report(result: dict) -> dict:
    pages = sum(result["pages"].values())
    totals = {m: sum(per_file.values()) for m, per_file in result["best_seconds"].items()}
    print(f"\n{len(result['pages'])} PDFs, {pages} pages (best of the rounds per file)\n")
    print(f"{'method':<18}{'seconds':>10}{'pages/s':>10}")
    for method, seconds in totals.items():
        print(f"{method:<18}{seconds:>10.3f}{pages / seconds:>10.0f}")
    ratio_parse = totals["parse"] / totals["pdftotext"]
    ratio = totals["parse+normalise"] / totals["pdftotext"]
    print(f"\nratio parse / pdftotext:            {ratio_parse:.2f}")
    print(
        f"ratio parse+normalise / pdftotext:  {ratio:.2f}  "
        f"({'within' if ratio <= TARGET else 'OVER'} the target of {TARGET:g}x)"
    )
    startup = result["pdftotext_startup_seconds"]
    warm = totals["pdftotext"] - startup * len(result["pages"])
    print(
        f"pdftotext start-up: {startup * 1000:.1f} ms per file; without it pdftotext reads "
        f"{pages / warm:.0f} pages/s and the ratio would be {totals['parse+normalise'] / warm:.2f}"
    )
    print("\nper file (ms): pdftotext / parse / parse+normalise")
    for name, count in result["pages"].items():
        ms = [result["best_seconds"][m][name] * 1000 for m in totals]
        print(f"  {name[:48]:<48} {count:>4} p  {ms[0]:7.1f} {ms[1]:7.1f} {ms[2]:7.1f}")
    return {
        **result,
        "total_pages": pages,
        "total_seconds": totals,
        "ratio_parse": ratio_parse,
        "ratio_parse_normalise": ratio,
        "ratio_without_pdftotext_startup": totals["parse+normalise"] / warm,
        "target": TARGET,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--no-two-column", dest="two_column", action="store_false")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"corpus not found: {CORPUS}")
    if not shutil.which("pdftotext"):
        sys.exit("pdftotext is needed: apt-get install poppler-utils")
    summary = report(run(make_pdfs(args.two_column), args.rounds))
    (ROOT / "bench" / "results" / "parse.json").write_text(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
