"""facts.collect on notebooks built in memory."""

from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from reportlib.facts import META_KEY, Fact, Prose, collect, say


def _fact(key: str, text: str) -> dict:
    return Fact(key, text, "count", 1.0, provenance=("c-1",)).as_dict()


def _display(*facts: dict) -> dict:
    return new_output(
        "display_data", data={"text/markdown": "x"}, metadata={META_KEY: {"facts": list(facts)}}
    )


def test_collect_keeps_order_and_drops_repeats():
    a, b = _fact("derived:a", "10"), _fact("derived:b", "20")
    nb = new_notebook(
        cells=[
            new_markdown_cell("# Title"),
            new_code_cell("x", outputs=[_display(a, b)]),
            new_code_cell("y", outputs=[new_output("stream", name="stdout", text="hi")]),
            new_code_cell("z", outputs=[_display(b, a, _fact("derived:a", "11"))]),
        ]
    )
    assert [(f["key"], f["text"]) for f in collect(nb)] == [
        ("derived:a", "10"),
        ("derived:b", "20"),
        ("derived:a", "11"),
    ]


def test_collect_of_a_notebook_without_facts_is_empty():
    assert collect(new_notebook(cells=[new_code_cell("1", outputs=[])])) == []


def test_prose_carries_its_facts_in_output_metadata():
    fact = Fact("derived:n", "4,000", "persons", 4000.0, provenance=("c-1",))
    prose = say("About {n} people, said {who}.", n=fact, who="*Seoul*")
    data, metadata = prose._repr_mimebundle_()
    assert data["text/markdown"] == r"About 4,000 people, said \*Seoul\*."
    assert metadata[META_KEY]["facts"] == [fact.as_dict()]
    assert isinstance(prose + Prose("more"), Prose)
