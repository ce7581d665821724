"""Imported once by the fork server: everything a report needs, already loaded and built,
so each forked report starts warm."""

from reportlib.builds.pool import WARM_MODULES, warm_up

__all__ = ["WARM_MODULES"]

warm_up()
