"""Notebook execution: an in-process papermill engine and a fork pool for builds."""
