import pytest

from etl.errors import EmptyFile
from etl.formats.csv_table import read_table


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
