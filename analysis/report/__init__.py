"""Step 5, reports: figures, notebooks, validation against hand coding.

Everything here reads the tables of the steps before it (or runs them
through :func:`analysis.pipeline.run_steps`); nothing here is read by an
earlier step.
"""
