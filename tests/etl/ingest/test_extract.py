import io

import pytest

import etl.ingest.extract
from etl.errors import EmptyFile, FileTooLarge, NotText, NotUtf8, RefusedFile
from etl.ingest.extract import RawFile, decode, read_path, safe_name, text_blocks

LIMIT = 1024 * 1024


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"a,b\n1,2\n", "a,b\n1,2\n"),
        (b"\xef\xbb\xbfa,b\r\n1,2\r\n", "a,b\r\n1,2\r\n"),
        ("Caf\u00e9,\U0001f436\n".encode(), "Caf\u00e9,\U0001f436\n"),
    ],
    ids=["plain", "bom-crlf", "non-ascii"],
)
def test_decodes_utf8_with_or_without_bom(data, expected):
    assert decode(RawFile("f.csv", data), max_bytes=LIMIT) == expected


@pytest.mark.parametrize(
    ("data", "error", "words"),
    [
        (b"", EmptyFile, "empty"),
        (b"  \r\n\n", EmptyFile, "empty"),
        (b"PK\x03\x04rest-of-zip", NotText, "ZIP archive"),
        (b"%PDF-1.7 ...", NotText, "PDF"),
        (b"\x89PNG\r\n\x1a\n", NotText, "PNG image"),
        (b"SQLite format 3\x00", NotText, "SQLite database"),
        (b"abc\x00\x01\x02", NotText, "binary file"),
        (b"Date,Type\nOct. 7 \xe9t\xe9,Run\n", NotUtf8, "byte 0xe9 on line 2"),
    ],
)
def test_refuses_what_is_not_a_utf8_text_file(data, error, words):
    with pytest.raises(error, match=words) as caught:
        decode(RawFile("upload.csv", data), max_bytes=LIMIT)
    assert caught.value.file_name == "upload.csv"
    assert str(caught.value).startswith("upload.csv: ")


def test_refuses_a_file_over_the_limit_before_reading_it(tmp_path):
    path = tmp_path / "big.csv"
    path.write_bytes(b"x" * 2048)
    with pytest.raises(FileTooLarge, match="the file is 2 KB, over the 1 KB limit") as caught:
        read_path(path, max_bytes=1024)
    assert "WORKOUTS_MAX_UPLOAD_MB" in caught.value.hint
    with pytest.raises(FileTooLarge):
        decode(RawFile("big.csv", b"x" * 2048), max_bytes=1024)


def test_missing_file_is_refused_by_name(tmp_path):
    with pytest.raises(RefusedFile, match="no such file"):
        read_path(tmp_path / "nope.csv", max_bytes=LIMIT)


def test_raw_file_fingerprint_is_sha256():
    raw = RawFile("a.csv", b"abc")
    assert raw.sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    assert raw.size == 3


@pytest.mark.parametrize(
    ("name", "saved"),
    [
        ("export.csv", "export.csv"),
        ("../../etc/passwd", "passwd"),
        ("..", "upload"),
        ("a\\b\\export.zip", "export.zip"),
        ("", "upload"),
        ("dir/", "dir"),
    ],
)
def test_a_received_name_cannot_lead_out_of_its_folder(name, saved):
    assert safe_name(name) == saved


_STREAMED = [
    b"a,b\n1,2\n",
    b"\xef\xbb\xbfa,b\r\n1,2\r\n",
    "Caf\u00e9,\U0001f436\n".encode(),
    "a,b\n1,2\n".encode("utf-16"),
    "a,b\n1,2\n".encode("utf-32"),
    b"Date,Type\nOct. 7 \xe9t\xe9,Run\n",
    b"  \r\n\n",
    b"abc\xc3",
    b"PK\x03\x04rest",
    b"abc\x00\x01\x02",
]


@pytest.mark.parametrize("block", [1, 2, 3, 5, 4096])
@pytest.mark.parametrize("data", _STREAMED)
def test_text_read_block_by_block_is_the_text_read_whole(data, block, monkeypatch):
    """Any block size, even one that splits a character or a CRLF, gives the same text or the
    same refusal (with the same line) as decoding the whole file."""
    monkeypatch.setattr(etl.ingest.extract, "BLOCK_BYTES", block)

    def outcome(read):
        try:
            return read()
        except RefusedFile as exc:
            return (type(exc), str(exc))

    streamed = outcome(lambda: "".join(text_blocks(io.BytesIO(data), name="f.csv")))
    whole = outcome(lambda: decode(RawFile("f.csv", data), max_bytes=LIMIT))
    assert streamed == whole
