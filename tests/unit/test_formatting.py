import pytest

from reportlib.formatting import fmt_count, fmt_range, fmt_share, fmt_stated, fmt_usd


@pytest.mark.parametrize(
    ("value", "text"),
    [(10000, "10,000"), (10940, "10,900"), (3612, "3,610"), (512, "512"), (2, "2")],
)
def test_counts(value, text):
    assert fmt_count(value) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (3e9, "US$3.0 billion"),
        (19.2e9, "US$19 billion"),
        (280e6, "US$280 million"),
        (2.54e6, "US$2.5 million"),
        (746_000, "US$750,000"),
        (2000, "US$2,000"),
    ],
)
def test_usd(value, text):
    assert fmt_usd(value) == text


def test_share_and_range():
    assert fmt_share(0.3) == "30%"
    assert fmt_share(0.004) == "0.4%"
    assert fmt_range(9000, 11000, "persons") == "9,000–11,000"
    assert fmt_range(2, 2, "persons") == "2"


def test_stated():
    assert fmt_stated(10000, "more than", "persons") == "more than 10,000"
    assert fmt_stated(3e9, "about", "USD") == "about US$3.0 billion"
    assert fmt_stated(3000, "additional", "persons") == "an additional 3,000"
    assert fmt_stated(2, "exact", "persons") == "2"
