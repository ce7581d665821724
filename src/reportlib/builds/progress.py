"""Build progress: a live bar with per-report lines on a terminal, plain lines elsewhere,
and a summary table at the end."""

from __future__ import annotations

import sys
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

LABEL = {"execute": "executed", "render": "re-rendered", "fresh": "up to date"}


class BuildProgress:
    def __init__(self, total: int = 0, stream=None):
        self.stream = stream or sys.stdout
        self.console = Console(file=self.stream)
        self.tty = self.console.is_terminal
        self.total, self.done = total, 0
        self.told: dict[int, tuple] = {}  # what each report's own line said
        self.bar: Progress | None = None
        if total:
            self.planned(total)

    def planned(self, total: int) -> None:
        """The build knows how many reports it has: start the bar."""
        self.total = total
        if self.tty and total and self.bar is None:
            self.bar = Progress(
                TextColumn("building"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=self.console,
                auto_refresh=False,
                transient=True,
            )
            self.bar.start()
            self.task = self.bar.add_task("reports", total=total)

    def started(self, task: Any) -> None:
        if self.bar:
            self.bar.update(self.task, description=task.label)
            self.bar.refresh()
        else:
            print(f"  start  {task.label} ({task.action})", file=self.stream, flush=True)

    def finished(self, outcome: Any) -> None:
        self.done += 1
        self.told[id(outcome)] = (outcome.status, outcome.error, getattr(outcome, "note", None))
        mark = {"ok": "[green]ok[/]", "failed": "[red]FAILED[/]"}.get(
            outcome.status, f"[yellow]{outcome.status}[/]"
        )
        text = (
            f"{mark:>6}  {outcome.label}  {LABEL.get(outcome.action, outcome.action)}"
            f"  {outcome.duration:.1f} s"
        )
        if outcome.error:
            where = f"cell {outcome.cell}: " if outcome.cell is not None else ""
            text += f"\n        {where}{outcome.error}"
        if getattr(outcome, "note", None):
            text += f"\n        note: {outcome.note}"
        if self.bar:
            self.bar.console.print(text)
            self.bar.advance(self.task)
            self.bar.refresh()
        else:
            plain = Console(file=self.stream, no_color=True, highlight=False, width=200)
            plain.print(f"[{self.done}/{self.total}] " + text)

    def close(self, outcomes: list[Any]) -> None:
        if self.bar:
            self.bar.stop()
        # what the checks across a scenario's reports changed after a report's own line
        # (an audit failed against its siblings, a note on stale ones): said here, not only
        # in the manifest
        for o in outcomes:
            now = (o.status, o.error, getattr(o, "note", None))
            if id(o) in self.told and self.told[id(o)] != now:
                before = self.told[id(o)]
                lines = []
                if o.status != before[0]:
                    lines.append(f"{o.status}  {o.label}  (checked against its scenario's reports)")
                if o.error and o.error != before[1]:
                    lines.append(f"        {o.error}")
                if now[2] and now[2] != before[2]:
                    lines.append(f"  note  {o.label}: {now[2]}")
                text = "\n".join(lines)
                plain = Console(file=self.stream, no_color=True, highlight=False, width=200)
                plain.print(text, markup=False)
        if not outcomes:  # stopped before any report (bad input): nothing to sum up
            return
        table = Table(title="Build summary")
        for col in ("report", "status", "seconds", "cached"):
            table.add_column(col, justify="right" if col == "seconds" else "left")
        for o in outcomes:
            table.add_row(
                o.label,
                o.status,
                f"{o.duration:.1f}",
                "no" if o.action == "execute" else LABEL[o.action],
            )
        Console(file=self.stream, width=100).print(table)
