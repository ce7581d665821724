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


@pytest.mark.parametrize(
    ("low", "high", "unit", "text"),
    [
        (1800, 2200, "USD/person-month", "US$1,800–2,200 a month"),
        (2.7e9, 3.3e9, "USD", "US$2.7–3.3 billion"),
        (17, 21, "multiple", "17–21 times"),
        (500e6, 1.3e9, "USD", "US$500 million–US$1.3 billion"),  # scales differ: both said
        (71_000, 87_000, "USD", "US$71,000–US$87,000"),
    ],
)
def test_a_range_says_its_currency_and_unit_once(low, high, unit, text):
    """Issue 23, finding 10: "US$1,800–2,200 a month", not "US$1,800 a month–US$2,200 a
    month"."""
    assert fmt_range(low, high, unit) == text


def test_tick_labels_are_never_rounded_past_meaning():
    """Issue 23 (minor): a 0.5 tick read "0" or "1" under a whole-number format."""
    from reportlib.charts import tick_label

    assert [tick_label(x) for x in (0, 0.5, 1.0, 1.5, 2500, 1.5e6)] == [
        "0",
        "0.5",
        "1",
        "1.5",
        "2,500",
        "1,500,000",
    ]
