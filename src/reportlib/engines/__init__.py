"""papermill engines: ``reportlib`` runs cells in an in-process IPython shell."""
