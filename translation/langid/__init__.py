"""Building blocks of :mod:`translation.detect`: scripts, Han characters, n-grams, words."""
