"""What notebooks show: one function per result, each returning a display object
(``facts.Prose``, ``tables.Table`` or ``charts.Chart``) that carries its facts."""
