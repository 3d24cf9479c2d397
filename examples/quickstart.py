"""tally from Python, without the command line: check, extract, score, compare.

Run from the project folder: `python examples/quickstart.py`. Each step prints what a
notebook cell would show.
"""

import tally

# 1. Check the gold: the §4 rules, one verdict, the violations as a DataFrame.
result = tally.check("gold/")
print(result)  # CheckResult(OK: 0 errors, 3 warnings in 1 documents)
print(result.violations[["rule", "severity", "mentions"]])

# Every document × rule outcome: holds, fails or does not apply.
print(result.outcomes.groupby("outcome").size())

# 2. Run the baseline extractor on the source documents: Facts, three DataFrames.
pred = tally.extract("seeds/")
print(pred.mentions[["id", "text", "label", "value", "qualifier"]].head())

# Its output is checked like any facts, reference-free.
print(tally.check(pred))

# 3. Score it against the gold.
report = tally.score("gold/", pred)
print(f"strict F1 {report.strict.f1:.3f}, partial F1 {report.partial.f1:.3f}")
print(f"value accuracy {report.values.value_accuracy}, relation F1 {report.relations.f1:.3f}")
print(report.by_label.query("scheme == 'strict'")[["label", "precision", "recall", "f1"]])

# 4. Compare with a baseline (here: the gold scored against itself), with the paired
# significance tests over documents.
baseline = tally.score("gold/", "gold/")
compared = report.against(baseline, max_drop=0.01, samples=200)
print("regressed:", compared.regressed, "| tests:", compared.significance["available"])

# 5. Any report format, as a string.
print(compared.render("md").splitlines()[0])
