"""Checkers and solvers for the exercises of the notebooks (issue 12).

Modules (imported on demand, ``from helpers.exercises import seminar``):

- ``seminar``: the methods seminar (``notebooks/05_seminar.ipynb``): source criticism,
  historical statistics, historical GIS
- ``notebooks``: the exercises of the content notebooks 01–04
- ``common``: what every checker shares (the empty-starter message, the answer's shape)
"""
