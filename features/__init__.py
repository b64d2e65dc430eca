"""hostfit features: one builder per pillar and the feature catalogue.

Importing the package imports every builder (:mod:`features.build`), so the catalogue
(:mod:`features.catalogue`) is complete whichever feature module is imported first.
"""

from features import build as _build  # noqa: F401  (registers every builder's features)
