"""tally: fact-consistency checks and scoring for figures in Arabic news.

The public Python API (the implementation lives in `checks`):

>>> import tally
>>> result = tally.check("gold/")
>>> result.ok
True
>>> print(result.render("text").splitlines()[-1])
OK
"""

from checks.api import check, extract, load, score
from checks.facts import Facts, InputError
from checks.results import CheckFailed, CheckResult, ScoreReport, Scores, ValueScores

__all__ = [
    "CheckFailed",
    "CheckResult",
    "Facts",
    "InputError",
    "ScoreReport",
    "Scores",
    "ValueScores",
    "check",
    "extract",
    "load",
    "score",
]
