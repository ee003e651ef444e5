"""The attendee's own files read as interests (planner.interests.documents): each format on a
small file made here, every refusal naming the file, and junk of every format."""

from __future__ import annotations

import io
import os
import tempfile
import threading
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from planner.errors import PlannerError
from planner.interests import documents
from planner.interests.documents import LikeDocument, read_document


def make_pdf(pages: list[str], password: str | None = None) -> bytes:
    """A PDF with one line of text on each page."""
    writer = PdfWriter()
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    font_ref = writer._add_object(font)
    for text in pages:
        page = writer.add_blank_page(612, 792)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font_ref})}
        )
        stream = DecodedStreamObject()
        stream.set_data(f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1"))
        page[NameObject("/Contents")] = writer._add_object(stream.flate_encode())
    if password is not None:
        writer.encrypt(user_password=password, algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def refused(path: Path, *words: str) -> str:
    with pytest.raises(PlannerError) as caught:
        read_document(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: "), message
    for word in words:
        assert word in message, message
    return message


# --- plain text and Markdown -----------------------------------------------------------------


def test_plain_text_is_read_as_it_is(tmp_path: Path) -> None:
    path = write(
        tmp_path, "abstract.txt", "We model light curves.  \r\nFlux < 5 and S/N > 3.\n\n\n\nEnd"
    )
    assert read_document(path) == LikeDocument(
        name="abstract.txt", text="We model light curves.\nFlux < 5 and S/N > 3.\n\nEnd"
    )


def test_markdown_markup_goes_and_its_words_stay(tmp_path: Path) -> None:
    text = (
        "# Light curves\n\nWe train a *variational* **autoencoder** on [ZTF](https://ztf.org) "
        "data `x_1`.\n\n- anomaly detection\n- transients\n\n> quoted ![a plot](p.png)\n\n"
        "    code block\n\n<div>an <b>HTML</b> block</div>\n"
    )
    got = read_document(write(tmp_path, "mypaper.md", text)).text
    assert got == (
        "Light curves\n\nWe train a variational autoencoder on ZTF data x_1.\n\n"
        "anomaly detection\ntransients\n\nquoted a plot\n\ncode block\n\nan HTML block"
    )


def test_byte_order_marks_are_read(tmp_path: Path) -> None:
    assert read_document(write(tmp_path, "a.txt", b"\xef\xbb\xbfhello")).text == "hello"
    assert read_document(write(tmp_path, "b.txt", "héllo".encode("utf-16"))).text == "héllo"


def test_text_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    refused(write(tmp_path, "latin.txt", "caf\xe9 au lait".encode("latin-1")), "not UTF-8")


def test_binary_files_are_refused(tmp_path: Path) -> None:
    refused(write(tmp_path, "x.dat", b"\x00\x01\x02binary"), "binary")
    refused(write(tmp_path, "paper.docx", b"PK\x03\x04rest"), "zip", "save it as PDF")


def test_an_empty_file_has_no_text(tmp_path: Path) -> None:
    refused(write(tmp_path, "empty.md", ""), "no text")
    refused(write(tmp_path, "blank.md", " \n\n\t\n"), "no text")
    refused(write(tmp_path, "only-markup.md", "---\n\n[x]: https://example.org\n"), "no text")


# --- BibTeX ----------------------------------------------------------------------------------

BIB = r"""% my papers
@string{apj = "ApJ"}
@article{smith2021,
  author = {M{\"u}ller, Anna},
  title = {{The} {H}ubble {T}ension in $\Lambda$CDM, {\'e}tudes},
  journal = apj,
  keywords = {light curves; anomaly detection,  transients},
  abstract = {We find {\em anomalies} in light curves -- with 95\% confidence.}
}
@comment{ignored}
@inproceedings{doe2020, title = "Variational autoencoders", year = 2020}
"""


def test_bibtex_gives_each_entrys_title_keywords_and_abstract(tmp_path: Path) -> None:
    got = read_document(write(tmp_path, "refs.bib", BIB))
    assert got.name == "refs.bib"
    assert got.text == (
        "The Hubble Tension in ΛCDM, études\n"
        "light curves, anomaly detection, transients\n"
        "We find anomalies in light curves – with 95% confidence.\n\n"
        "Variational autoencoders"
    )
    assert (
        "Müller" not in got.text and "ApJ" not in got.text
    )  # authors and journals are not interests


def test_bibtex_is_told_by_content(tmp_path: Path) -> None:
    assert read_document(write(tmp_path, "references", BIB)).text.startswith("The Hubble")
    # but a text file is text, even with an entry in it
    assert "@article" in read_document(write(tmp_path, "notes.md", BIB)).text


def test_broken_entries_are_passed_over_while_others_read(tmp_path: Path) -> None:
    text = "@article{a, title={First}}\n@article{a, title={Again}}\n@article{b, title={Last}}\n"
    assert read_document(write(tmp_path, "dup.bib", text)).text == "First\n\nLast"


def test_broken_bibtex_is_refused(tmp_path: Path) -> None:
    refused(
        write(tmp_path, "broken.bib", "@article{key, title={never closed\n"), "BibTeX", "line 1"
    )
    refused(write(tmp_path, "prose.bib", "just some words, no entries\n"), "no BibTeX entry")
    refused(write(tmp_path, "bare.bib", "@misc{k, year = 2020}\n"), "no text")


# --- PDF -------------------------------------------------------------------------------------


def test_pdf_text_is_read(tmp_path: Path) -> None:
    data = make_pdf(["Light curves of transients", "Variational autoencoders"])
    got = read_document(write(tmp_path, "mypaper.pdf", data))
    assert got.name == "mypaper.pdf"
    assert got.text == "Light curves of transients\n\nVariational autoencoders"


def test_a_pdf_is_told_by_content(tmp_path: Path) -> None:
    got = read_document(write(tmp_path, "paper.txt", make_pdf(["Told by content"])))
    assert got.text == "Told by content"


def test_only_the_first_pages_are_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(documents, "MAX_PAGES", 2)
    got = read_document(write(tmp_path, "long.pdf", make_pdf(["one", "two", "three"])))
    assert got.text == "one\n\ntwo"


def test_pages_of_huge_drawings_are_passed_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(documents, "MAX_PAGE_CONTENT", 1000)
    got = read_document(write(tmp_path, "plots.pdf", make_pdf(["text", "x" * 2000, "more"])))
    assert got.text == "text\n\nmore"


def test_broken_pdfs_are_refused(tmp_path: Path) -> None:
    refused(write(tmp_path, "junk.pdf", b"%PDF-1.7\nnothing here"), "PDF that cannot be read")
    refused(write(tmp_path, "fake.pdf", b"hello, not a PDF"), "not a PDF")
    data = make_pdf(["a page of text"])
    with pytest.raises(PlannerError, match=r"cut\.pdf"):
        read_document(write(tmp_path, "cut.pdf", data[: len(data) // 3]))


def test_a_pdf_with_a_password_is_refused(tmp_path: Path) -> None:
    refused(write(tmp_path, "secret.pdf", make_pdf(["hidden"], password="pw")), "password")


def test_a_pdf_of_pictures_has_no_text(tmp_path: Path) -> None:
    refused(write(tmp_path, "scan.pdf", make_pdf([""])), "no text", "scanned")


# --- files that are not files ----------------------------------------------------------------


def test_a_missing_file_or_a_folder_is_refused(tmp_path: Path) -> None:
    refused(tmp_path / "nowhere.pdf", "no such file")
    refused(tmp_path, "folder")


def test_a_pipe_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "paper.pdf"
    os.mkfifo(fifo)
    link = tmp_path / "link.txt"
    link.symlink_to(fifo)
    for path in (fifo, link):
        outcome: list[BaseException | None] = []

        def read(path: Path = path, outcome: list[BaseException | None] = outcome) -> None:
            try:
                read_document(path)
                outcome.append(None)
            except BaseException as error:
                outcome.append(error)

        worker = threading.Thread(target=read, daemon=True)
        started = time.monotonic()
        worker.start()
        worker.join(timeout=5)
        assert not worker.is_alive(), "reading a pipe waited for a writer"
        assert time.monotonic() - started < 1
        assert isinstance(outcome[0], PlannerError)
        assert str(outcome[0]).startswith(f"{path}: not a regular file")


def test_too_large_files_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(documents, "MAX_BYTES", 1000)
    refused(write(tmp_path, "big.pdf", b"%PDF-1.4" + b" " * 2000), "over the limit")
    monkeypatch.setattr(documents, "MAX_TEXT_BYTES", 100)
    refused(write(tmp_path, "big.md", "word " * 50), "over the limit")


def test_long_text_is_cut_at_a_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(documents, "MAX_CHARS", 25)
    got = read_document(write(tmp_path, "long.txt", "first line here\nsecond line here\nthird"))
    assert got.text == "first line here"


# --- hostile and junk input ------------------------------------------------------------------


def test_hostile_markdown_and_bibtex_are_read_quickly(tmp_path: Path) -> None:
    cases = {
        "nested.md": "> " * 20_000 + "x",
        "brackets.md": "[" * 50_000 + "x" + "](" * 20_000,
        "stars.md": "*a **" * 20_000,
        "braces.bib": "@article{k, title={" + "{" * 50_000 + "x",
        "many.bib": "@a{" * 30_000,
    }
    for name, text in cases.items():
        started = time.monotonic()
        try:
            read_document(write(tmp_path, name, text))
        except PlannerError as error:
            assert str(error).startswith(str(tmp_path / name))
        assert time.monotonic() - started < 5, name


_FOLDER = tempfile.TemporaryDirectory()  # hypothesis runs each example in one test function
_VALID = {
    ".pdf": make_pdf(["light curves", "page two"]),
    ".bib": BIB.encode(),
    ".md": b"# Title\n\nSome *text* and [a link](x).\n",
    ".txt": b"plain words\n",
    "": BIB.encode(),
}


def _read_or_refuse(name: str, data: bytes) -> None:
    path = Path(_FOLDER.name) / name
    path.write_bytes(data)
    try:
        got = read_document(path)
    except PlannerError as error:
        assert str(error).startswith(f"{path}: ")
    else:
        assert got.name == name and got.text and got.text == got.text.strip()


_SUFFIX = st.sampled_from(sorted(_VALID))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_SUFFIX, st.binary(max_size=400))
def test_junk_bytes_never_raise_anything_but_a_planner_error(suffix: str, junk: bytes) -> None:
    _read_or_refuse(f"junk{suffix}", junk)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_SUFFIX, st.data())
def test_damaged_files_never_raise_anything_but_a_planner_error(
    suffix: str, data: st.DataObject
) -> None:
    valid = bytearray(_VALID[suffix])
    for _ in range(data.draw(st.integers(1, 8))):
        at = data.draw(st.integers(0, len(valid) - 1))
        valid[at] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(1, len(valid)))
    _read_or_refuse(f"damaged{suffix}", bytes(valid[:cut]))


_PDF_PARTS = st.sampled_from(
    [b"%PDF-1.4\n", b"1 0 obj", b"<<", b">>", b"/Type /Page", b"/Pages 2 0 R", b"stream\n",
     b"endstream", b"endobj", b"xref\n0 3\n", b"trailer", b"startxref\n9\n", b"%%EOF", b"[", b"]",
     b"/Length 99999999", b"/Filter /FlateDecode", b"(text) Tj", b"/Kids [3 0 R]", b"2 0 R", b" "]
)  # fmt: skip


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PDF_PARTS, max_size=40).map(b"".join))
def test_pdf_like_junk_never_raises_anything_but_a_planner_error(junk: bytes) -> None:
    _read_or_refuse("shaped.pdf", b"%PDF-1.4\n" + junk)


_BIB_PARTS = st.sampled_from(
    ["@article{", "@string{", "@comment{", "@preamble{", "key,", "title", "=", "{", "}", '"',
     "#", ",", "\\", "$", "\\'e", "\\\"{o}", "%", "\n", " ", "word", "abstract = {", "(", ")"]
)  # fmt: skip


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_BIB_PARTS, max_size=40).map("".join))
def test_bibtex_like_junk_never_raises_anything_but_a_planner_error(junk: str) -> None:
    _read_or_refuse("shaped.bib", junk.encode())


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=300))
def test_any_text_as_markdown_never_raises_anything_but_a_planner_error(text: str) -> None:
    _read_or_refuse("shaped.md", text.encode("utf-8", "surrogatepass"))


# --- bounds of Markdown reading ---------------------------------------------------------------


def test_markdown_is_read_in_pieces_cut_at_blank_lines() -> None:
    from planner.interests.document_formats import _markdown_piece, _pieces, markdown_text

    text = "".join(f"Paragraph {n} about galaxies.\n\n" for n in range(20_000))
    pieces = _pieces(text, 4096)
    assert "".join(pieces) == text
    assert all(len(p) <= 4096 and p.endswith("\n\n") for p in pieces)
    # read in pieces, the text is what one reading gives
    small = text[:50_000]
    assert markdown_text(small) == _markdown_piece(small)


def test_a_note_of_many_tiny_paragraphs_is_read_within_a_bound(tmp_path: Path) -> None:
    """200,000 one-word paragraphs (1.8 MB) took five seconds and ran out 200 MB of memory
    in one reading: now the reading stops after its time bound, with the first words kept."""
    from planner.interests import document_formats

    data = "galaxies\n\n" * 200_000
    started = time.process_time()
    got = read_document(write(tmp_path, "note.md", data))
    spent = time.process_time() - started
    assert got.text.startswith("galaxies\n\ngalaxies")
    assert spent < document_formats.MARKDOWN_SECONDS + 1.0
    assert len(got.text) < len(data.strip())  # stopped before the end
