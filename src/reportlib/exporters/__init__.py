"""nbconvert exporters (HTML, Typst, PDF via Typst), their templates and the report formats."""
