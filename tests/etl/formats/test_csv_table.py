import random

import pytest

from etl.errors import EmptyFile
from etl.formats.csv_table import iter_tables, read_table
from etl.limits import MAX_LINE_CHARS


def test_line_numbers_follow_the_file_even_with_quoted_line_breaks():
    text = 'a,b,c\n1,"two\nlines",3\n\n4,5,6\r\n7,8,9\n'
    table = read_table(text, file_name="f.csv")
    assert table.header == ["a", "b", "c"]
    assert table.rows == [["1", "two\nlines", "3"], ["4", "5", "6"], ["7", "8", "9"]]
    assert table.lines == [2, 5, 6]


@pytest.mark.parametrize(
    ("text", "line", "found"),
    [
        ("a,b,c\n1,2\n3,4,5\n", 2, 2),
        ("a,b,c\n1,2,3\n1,2,3,4\n", 3, 4),
    ],
)
def test_rows_with_the_wrong_field_count_are_rejected_with_their_line(text, line, found):
    table = read_table(text, file_name="f.csv")
    assert len(table.rows) == 1
    [issue] = table.rejected
    assert issue.line == line
    assert issue.code == "wrong_field_count"
    assert f"has {found} fields where the header has 3" == issue.message


def test_leading_blank_lines_and_blank_rows_are_skipped():
    table = read_table("\n\na,b\n,\n1,2\n", file_name="f.csv")
    assert table.header == ["a", "b"]
    assert table.rows == [["1", "2"]]
    assert table.lines == [5]


def test_no_header_is_an_empty_file():
    with pytest.raises(EmptyFile, match="no header"):
        read_table("\n \n", file_name="f.csv")


def _blocks(text: str, size: int) -> list[str]:
    return [text[i : i + size] for i in range(0, len(text), size)]


_AWKWARD = (
    'a,b\r\n1,"x\r\ny"\r\n\r\n2,3\r\n4\r\n5,6,7\r\n8,9',  # CRLF, quoted breaks, no last newline
    "a,b\r1,2\r3,4\r",  # lone CRs
    "a,b\n" + "1," + "x" * (MAX_LINE_CHARS + 5) + "\n2,3\n",  # a line over the limit
    'a,b\n1,"open\n2,3\n4,5\n',  # a quote left open
)


@pytest.mark.parametrize("size", [1, 2, 7, 1 << 20])
@pytest.mark.parametrize("chunk", [1, 2, None])
@pytest.mark.parametrize("text", _AWKWARD, ids=["crlf", "cr", "long", "open-quote"])
def test_text_read_in_blocks_and_chunks_gives_the_rows_read_whole(text, chunk, size):
    whole = read_table(text, file_name="f.csv")
    tables = list(iter_tables(_blocks(text, size), file_name="f.csv", chunk_rows=chunk))
    assert all(t.header == whole.header for t in tables)
    assert [r for t in tables for r in t.rows] == whole.rows
    assert [n for t in tables for n in t.lines] == whole.lines
    assert [i for t in tables for i in t.rejected] == whole.rejected
    if chunk:
        assert all(len(t.rows) <= chunk for t in tables)


def _random_csv(seed: int) -> str:
    """A CSV of clean rows with every awkward kind of line scattered through it."""
    rng = random.Random(seed)
    kinds = ["plain"] * 30 + ["quoted comma", "quote", "break", "blank", "spaces", "empty"]
    kinds += ["short", "wide", "crlf", "open quote", "padded quote"]
    lines = ["a,b,c\n"]
    for n in range(rng.randint(20, 120)):
        kind = rng.choice(kinds)
        line = {
            "plain": f"{n},x{n},{n * 7}\n",
            "quoted comma": f'{n},"Oct. {n}, 2020",z\n',
            "quote": f'{n},"say ""hi""",z\n',
            "break": f'{n},"two\nlines",z\n',
            "blank": "\n",
            "spaces": "   \n",
            "empty": ",,\n",
            "short": f"{n},only\n",
            "wide": f"{n},a,b,c\n",
            "crlf": f"{n},cr,lf\r\n",
            "open quote": f'{n},"never closed,z\n',
            "padded quote": f'{n},"x" ,z\n',
        }[kind]
        lines.append(line)
    return "".join(lines)


@pytest.mark.parametrize("seed", range(40))
def test_chunks_split_by_either_parser_give_the_rows_read_whole(seed):
    text = _random_csv(seed)
    whole = read_table(text, file_name="f.csv")
    for chunk in (1, 3, 8, 50):
        tables = list(iter_tables(_blocks(text, 13), file_name="f.csv", chunk_rows=chunk))
        assert [r for t in tables for r in t.rows] == whole.rows
        assert [n for t in tables for n in t.lines] == whole.lines
        assert [i for t in tables for i in t.rejected] == whole.rejected
