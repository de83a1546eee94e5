"""``python -m tests.bot.language.corpus``: the reader's figures on the corpus."""

from tests.bot.language.corpus import report

print(report())
