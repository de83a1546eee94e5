from datetime import date

import pytest

from etl.dates import DateFormatError, parse_date, parse_dates


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Oct. 7, 2025", date(2025, 10, 7)),
        ("Sept. 29, 2025", date(2025, 9, 29)),
        ("Sep. 29, 2025", date(2025, 9, 29)),
        ("Jan. 3, 2016", date(2016, 1, 3)),
        ("March 3, 2019", date(2019, 3, 3)),
        ("June 26, 2013", date(2013, 6, 26)),
        ("July 1, 2013", date(2013, 7, 1)),
        ("May 5, 2020", date(2020, 5, 5)),
        ("Feb. 29, 2024", date(2024, 2, 29)),
        ("Dec. 31, 2011", date(2011, 12, 31)),
        ("Oct 7, 2025", date(2025, 10, 7)),
        ("october 07, 2025", date(2025, 10, 7)),
        ("  Aug. 1, 2019 ", date(2019, 8, 1)),
        ("7 Oct 2025", date(2025, 10, 7)),
        ("2025-10-07", date(2025, 10, 7)),
        ("2025-10-07 14:22:05", date(2025, 10, 7)),
        ("2025-10-07T14:22:05Z", date(2025, 10, 7)),
        ("2025-10-07T14:22:05+02:00", date(2025, 10, 7)),
    ],
)
def test_parses_every_export_form(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "blank"),
        ("   ", "blank"),
        ("Smarch 3, 2025", "unknown month name 'Smarch'"),
        ("Marching 3, 2025", "unknown month name"),
        ("Feb. 30, 2025", "does not exist"),
        ("2025-13-01", "does not exist"),
        ("10/07/2025", "not a date in a known form"),
        ("yesterday", "not a date in a known form"),
        ("Oct. 7", "not a date in a known form"),
    ],
)
def test_refuses_with_the_reason(text, reason):
    with pytest.raises(DateFormatError, match=reason):
        parse_date(text)


def test_parse_dates_maps_each_value_and_reports_failures():
    series, errors = parse_dates(["Oct. 7, 2025", "bad", "Oct. 7, 2025", "March 3, 2019"])
    assert [None if d is None else d for d in series.dt.date.where(series.notna(), None)] == [
        date(2025, 10, 7),
        None,
        date(2025, 10, 7),
        date(2019, 3, 3),
    ]
    assert list(errors) == ["bad"]
    assert "not a date" in errors["bad"]
