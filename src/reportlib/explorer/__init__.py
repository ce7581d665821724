"""The assumptions explorer: the reports' answers for a reader's own settings, live
(``answers``), in an ipywidgets form (``form``) that JupyterLab and Voilà show
(``notebooks/explore.ipynb``, ``reportlib explore``), and the what-if build that keeps
what was found (``whatif``)."""
